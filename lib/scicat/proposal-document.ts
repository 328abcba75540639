import "server-only";
import { z } from "zod";
import type { ProposalInput } from "@/lib/schemas/proposal";

/**
 * SciCat's Proposal document (backend v3/v4 field names), the format proposals move in and out
 * of SciCat. Members are not part of it: SciCat grants access through ownerGroup/accessGroups.
 */
export const sciCatProposalSchema = z.looseObject({
  proposalId: z.string(),
  title: z.string(),
  abstract: z.string().nullish(),
  pi_email: z.string().nullish(),
  pi_firstname: z.string().nullish(),
  pi_lastname: z.string().nullish(),
  email: z.string().nullish(),
  firstname: z.string().nullish(),
  lastname: z.string().nullish(),
  startTime: z.string().nullish(),
  endTime: z.string().nullish(),
  ownerGroup: z.string().nullish(),
  accessGroups: z.array(z.string()).nullish(),
  type: z.string().nullish(),
  instrumentIds: z.array(z.string()).nullish(),
  MeasurementPeriodList: z
    .array(
      z.looseObject({
        instrument: z.string().nullish(),
        start: z.string(),
        end: z.string(),
        comment: z.string().nullish(),
      }),
    )
    .nullish(),
  metadata: z.record(z.string(), z.json()).nullish(),
});

export type SciCatProposal = z.infer<typeof sciCatProposalSchema>;

/** A stored proposal with its instruments and periods, as SciCat sees it. */
type StoredProposal = {
  proposalId: string;
  title: string;
  abstract: string | null;
  piEmail: string | null;
  piFirstname: string | null;
  piLastname: string | null;
  email: string | null;
  firstname: string | null;
  lastname: string | null;
  startTime: Date | null;
  endTime: Date | null;
  ownerGroup: string;
  accessGroups: string[];
  type: string | null;
  metadata: unknown;
  instruments: { instrument: { pid: string } }[];
  measurementPeriods: { start: Date; end: Date; comment: string | null; instrument: { pid: string } | null }[];
};

export function toSciCatProposal(p: StoredProposal): SciCatProposal {
  return {
    proposalId: p.proposalId,
    title: p.title,
    abstract: p.abstract,
    pi_email: p.piEmail,
    pi_firstname: p.piFirstname,
    pi_lastname: p.piLastname,
    email: p.email,
    firstname: p.firstname,
    lastname: p.lastname,
    startTime: p.startTime?.toISOString() ?? null,
    endTime: p.endTime?.toISOString() ?? null,
    ownerGroup: p.ownerGroup,
    accessGroups: p.accessGroups,
    type: p.type,
    instrumentIds: p.instruments.map((link) => link.instrument.pid),
    MeasurementPeriodList: p.measurementPeriods.map((period) => ({
      instrument: period.instrument?.pid ?? null,
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      comment: period.comment,
    })),
    metadata: (p.metadata ?? {}) as SciCatProposal["metadata"],
  };
}

/** SciCat JSON → our proposal input; validation then happens once, in createProposal. */
export function proposalInputFromSciCat(document: SciCatProposal): ProposalInput {
  return {
    proposalId: document.proposalId,
    title: document.title,
    abstract: document.abstract ?? undefined,
    piEmail: document.pi_email ?? undefined,
    piFirstname: document.pi_firstname ?? undefined,
    piLastname: document.pi_lastname ?? undefined,
    email: document.email ?? undefined,
    firstname: document.firstname ?? undefined,
    lastname: document.lastname ?? undefined,
    startTime: document.startTime ?? undefined,
    endTime: document.endTime ?? undefined,
    type: document.type ?? undefined,
    ownerGroup: document.ownerGroup ?? undefined,
    accessGroups: document.accessGroups ?? [],
    instrumentPids: document.instrumentIds ?? [],
    measurementPeriods: (document.MeasurementPeriodList ?? []).map((period) => ({
      instrumentPid: period.instrument ?? undefined,
      start: period.start,
      end: period.end,
      comment: period.comment ?? undefined,
    })),
    metadata: document.metadata ?? {},
  };
}
