import { isSafePathId } from "./path-ids";

/** The app's page addresses, built in one place: IDs are encoded segment by segment. */
export const proposalPath = (proposalId: string) => `/proposals/${encodeURIComponent(proposalId)}`;

export const samplePath = (proposalId: string, specimenId: string) =>
  `${proposalPath(proposalId)}/samples/${encodeURIComponent(specimenId)}`;

/**
 * A dataset's page: pids contain slashes (`demo/2026-0042/scan_0001`), so each segment is encoded on
 * its own. A pid stored before the path rule (lib/shared/path-ids.ts) that breaks it is encoded
 * whole, as one segment, so it can never climb out of /datasets/.
 */
export const datasetPath = (pid: string) =>
  `/datasets/${isSafePathId(pid) ? pid.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(pid)}`;
