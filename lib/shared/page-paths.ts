/** A dataset's page: pids contain slashes, so each segment is encoded on its own. */
export const datasetPath = (pid: string) => `/datasets/${pid.split("/").map(encodeURIComponent).join("/")}`;
