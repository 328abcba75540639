import { z } from "zod";
import {
  dateTime,
  emptyToUndefined,
  humanId,
  metadataSchema,
  optionalDate,
  optionalEmail,
  optionalText,
  requiredText,
} from "./common";

export const proposalStatuses = ["DRAFT", "APPROVED", "SCHEDULED", "COMPLETED", "CANCELLED"] as const;
export const memberRoles = ["PI", "MEMBER"] as const;

/** Names of pages under /proposals/: a proposal with such an ID could never be opened. */
const reservedProposalIds = ["new", "import", "samples-template.csv"];

export const measurementPeriodSchema = z
  .object({
    instrumentPid: z.preprocess(emptyToUndefined, z.string().trim().optional()),
    start: dateTime("Start"),
    end: dateTime("End"),
    comment: optionalText(500),
  })
  .refine((period) => period.end > period.start, { message: "The period must end after it starts", path: ["end"] });

export const memberSchema = z.object({
  email: z.email("Not an email address").trim().toLowerCase(),
  role: z.enum(memberRoles).default("MEMBER"),
});

/**
 * A beamtime proposal (SciCat Proposal). Used by the form, the server actions, the SciCat import
 * and the API. `ownerGroup` and `accessGroups` may be set by staff only (checked in lib/proposals).
 */
export const proposalSchema = z
  .object({
    proposalId: humanId("Proposal ID").refine((id) => !reservedProposalIds.includes(id.toLowerCase()), {
      message: "This word is taken by a page of the app; use the proposal's number, e.g. 2026-0042",
    }),
    title: requiredText("Title", 500),
    abstract: optionalText(10_000),
    description: optionalText(10_000),
    piFirstname: optionalText(200),
    piLastname: optionalText(200),
    piEmail: optionalEmail,
    firstname: optionalText(200),
    lastname: optionalText(200),
    email: optionalEmail,
    startTime: optionalDate,
    endTime: optionalDate,
    type: optionalText(200),
    status: z.enum(proposalStatuses).default("APPROVED"),
    instrumentPids: z.array(z.string().trim().min(1)).default([]),
    measurementPeriods: z.array(measurementPeriodSchema).max(100).default([]),
    members: z
      .array(memberSchema)
      .max(500)
      .default([])
      .refine((members) => new Set(members.map((m) => m.email)).size === members.length, "Each member only once"),
    ownerGroup: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
    accessGroups: z.array(z.string().trim().min(1).max(200)).default([]),
    metadata: metadataSchema,
  })
  .refine((p) => !p.startTime || !p.endTime || p.endTime >= p.startTime, {
    message: "The beamtime must end after it starts",
    path: ["endTime"],
  });

export type ProposalInput = z.input<typeof proposalSchema>;

/**
 * The proposal's optional text fields, in one list for every place that moves them between forms
 * (""), the database (null) and the schema's input (left out).
 */
export const proposalTextFields = [
  "abstract",
  "description",
  "piFirstname",
  "piLastname",
  "piEmail",
  "firstname",
  "lastname",
  "email",
  "type",
] as const;
export type ProposalTextField = (typeof proposalTextFields)[number];

/** The text fields of `source`, with `empty` where a field has no text. */
export function proposalTexts<Empty>(
  source: Partial<Record<ProposalTextField, string | null | undefined>>,
  empty: Empty,
): Record<ProposalTextField, string | Empty> {
  return Object.fromEntries(proposalTextFields.map((field) => [field, source[field] ?? empty])) as Record<
    ProposalTextField,
    string | Empty
  >;
}
export type ProposalValues = z.output<typeof proposalSchema>;
