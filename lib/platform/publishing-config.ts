import "server-only";
import { z } from "zod";
import { booleanFlag, jsonText, list } from "./environment-values";

/**
 * The SCICAT_PUBLISH_* variables: the SciCat instance records are published to (README
 * "Publishing to SciCat", docs/decisions/011). Part of lib/platform/config.ts's environment.
 */

export type PublishingConfig = {
  /** SciCat's API base, ending in /api/v3 (v4 is beside it). */
  apiUrl: string;
  credentials: { username: string; password: string } | { token: string };
  /** all: every proposal unless staff withdraw it; opted-in: only those staff opt in. */
  proposals: "all" | "opted-in";
  groups: Record<string, string>;
  /** Added to every published record's accessGroups (e.g. the beamline's SciCat group). */
  accessGroups: string[];
  /** SciCat's web pages, for links; without it pages link to the API document. */
  frontendUrl?: string;
  /** Deliver from inside the server process (false: a separate `npm run scicat:publish` does). */
  inProcessWorker: boolean;
};

/** Never printed, not even in an error about them. */
export const publishingSecrets = ["SCICAT_PUBLISH_PASSWORD", "SCICAT_PUBLISH_TOKEN"] as const;

/** Local group → SciCat group, e.g. {"ufo-staff":"p-ufo"}; unmapped groups keep their names. */
const groupMapping = jsonText('must be a JSON object such as {"ufo-staff":"ufo"}').pipe(
  z.record(z.string().min(1), z.string().trim().min(1, "a SciCat group name must not be empty"), {
    error: 'must be a JSON object of group names such as {"ufo-staff":"ufo"}',
  }),
);

export const publishingVariables = {
  SCICAT_PUBLISH_URL: z
    .url({ protocol: /^https?$/, error: "must be the SciCat API base URL, e.g. https://scicat.example.org/api/v3" })
    .refine((url) => /\/api\/v3\/?$/.test(new URL(url).pathname), "must end in /api/v3 (SciCat's API base)")
    .optional(),
  SCICAT_PUBLISH_USERNAME: z.string().trim().min(1).optional(),
  SCICAT_PUBLISH_PASSWORD: z.string().optional(),
  SCICAT_PUBLISH_TOKEN: z.string().trim().min(1).optional(),
  SCICAT_PUBLISH_PROPOSALS: z.enum(["all", "opted-in"], { error: "must be all or opted-in" }).default("opted-in"),
  SCICAT_PUBLISH_GROUPS: groupMapping.default({}),
  SCICAT_PUBLISH_ACCESS_GROUPS: list.default([]),
  SCICAT_PUBLISH_FRONTEND_URL: z
    .url({ protocol: /^https?$/, error: "must be the SciCat web page URL, e.g. https://scicat.example.org" })
    .optional(),
  SCICAT_PUBLISH_WORKER: booleanFlag.default(true),
};

type PublishingValues = z.infer<z.ZodObject<typeof publishingVariables>>;

/** Rules between the variables; each problem names the variable to fix. */
export function publishingProblems(values: PublishingValues): string[] {
  const problems: string[] = [];
  if (values.SCICAT_PUBLISH_URL) {
    if (!values.SCICAT_PUBLISH_TOKEN && !(values.SCICAT_PUBLISH_USERNAME && values.SCICAT_PUBLISH_PASSWORD))
      problems.push(
        "SCICAT_PUBLISH_USERNAME and SCICAT_PUBLISH_PASSWORD (a SciCat functional account), or SCICAT_PUBLISH_TOKEN: " +
          "required when SCICAT_PUBLISH_URL is set",
      );
  } else if (values.SCICAT_PUBLISH_USERNAME || values.SCICAT_PUBLISH_TOKEN) {
    problems.push("SCICAT_PUBLISH_URL: required when a SciCat publishing account or token is set");
  }
  return problems;
}

/** The target, or undefined when SCICAT_PUBLISH_URL is unset (publishing is off). */
export function publishingConfigOf(values: PublishingValues): PublishingConfig | undefined {
  return values.SCICAT_PUBLISH_URL
    ? {
        apiUrl: values.SCICAT_PUBLISH_URL.replace(/\/+$/, ""),
        credentials: values.SCICAT_PUBLISH_TOKEN
          ? { token: values.SCICAT_PUBLISH_TOKEN }
          : { username: values.SCICAT_PUBLISH_USERNAME ?? "", password: values.SCICAT_PUBLISH_PASSWORD ?? "" },
        proposals: values.SCICAT_PUBLISH_PROPOSALS,
        groups: values.SCICAT_PUBLISH_GROUPS,
        accessGroups: values.SCICAT_PUBLISH_ACCESS_GROUPS,
        frontendUrl: values.SCICAT_PUBLISH_FRONTEND_URL?.replace(/\/+$/, ""),
        inProcessWorker: values.SCICAT_PUBLISH_WORKER,
      }
    : undefined;
}
