import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { config } from "@/lib/platform/config";
import { db } from "@/lib/platform/db";
import { toBeamlineLocal } from "@/lib/shared/beamline-time";
import { ValidationError } from "@/lib/shared/errors";
import type { LabelItem } from "@/lib/shared/labels/content";
import type { Calibration } from "@/lib/shared/labels/layout";
import { renderLabelsPdf } from "./pdf";
import { findTemplate } from "@/lib/shared/labels/templates";
import { positionLabel } from "@/lib/shared/tray-positions";
import { proposalForRead } from "@/lib/proposals/access";
import { samplePayload, trayPayload } from "@/lib/shared/qr-payloads";
import { labelPrintSchema, type LabelPrintInput, type LabelPrintOrder } from "@/lib/schemas/label-print";
import { parseOrThrow } from "@/lib/shared/validation";

const printFailed = "The labels could not be made";

/** Samples and trays to label, in the order people stick them on: tray by tray, position by position. */
async function labelItems(caller: Caller, proposalId: string, order: LabelPrintOrder) {
  const prisma = await db();
  const proposal = await proposalForRead(prisma, caller, proposalId, "samples:read");
  const samples =
    order.samples === "none"
      ? []
      : await prisma.sample.findMany({
          where: {
            proposalId: proposal.id,
            ...(order.samples === "trays" ? { tray: { trayId: { in: order.sampleTrayIds } } } : {}),
            ...(order.samples === "selected" ? { specimenId: { in: order.specimenIds } } : {}),
            ...(order.samples === "unprinted" ? { labelPrintedAt: null } : {}),
          },
          orderBy: [{ tray: { trayId: "asc" } }, { position: "asc" }, { specimenId: "asc" }],
          include: { tray: { select: { trayId: true, rows: true, columns: true } } },
        });
  const trays = order.trayIds.length
    ? await prisma.tray.findMany({
        where: { proposalId: proposal.id, trayId: { in: order.trayIds } },
        orderBy: { trayId: "asc" },
      })
    : [];
  const { appUrl } = config();
  const date = toBeamlineLocal(new Date()).slice(0, 10);
  const items: LabelItem[] = [
    ...samples.map((sample) => ({
      kind: "sample" as const,
      id: sample.specimenId,
      payload: samplePayload(appUrl, sample.specimenId),
      text: sample.qrCodeLabel,
      proposalId: order.showProposal ? proposalId : undefined,
      trayPosition:
        order.showPosition && sample.tray && sample.position
          ? `${sample.tray.trayId} ${positionLabel(sample.tray, sample.position)}`
          : undefined,
      date: order.showDate ? date : undefined,
    })),
    ...trays.map((tray) => ({
      kind: "tray" as const,
      id: tray.trayId,
      payload: trayPayload(appUrl, tray.trayId),
      text: tray.name,
      proposalId: order.showProposal ? proposalId : undefined,
      trayPosition: order.showPosition ? `${tray.rows} × ${tray.columns}` : undefined,
      date: order.showDate ? date : undefined,
    })),
  ];
  return { items, sampleIds: samples.map((s) => s.id), trayIds: trays.map((t) => t.id) };
}

/**
 * The label sheet PDF for a print order. Records the samples and trays as printed (for "only not
 * yet printed") and remembers the printer calibration for this label format for the user.
 */
export async function printLabels(
  caller: Caller,
  proposalId: string,
  input: LabelPrintInput | Record<string, unknown>,
) {
  const order = parseOrThrow(labelPrintSchema, input, printFailed);
  const template = findTemplate(order.templateId)!;
  const { items, sampleIds, trayIds } = await labelItems(caller, proposalId, order);
  if (items.length === 0) {
    throw new ValidationError(printFailed, {
      samples: [
        order.samples === "unprinted"
          ? "Every sample's label has been printed already"
          : "Nothing to print: choose samples or trays",
      ],
    });
  }
  const calibration: Calibration = { xMm: order.xMm, yMm: order.yMm };
  const pdf = await renderLabelsPdf({
    template,
    items,
    copies: order.copies,
    skip: order.skip,
    calibration,
    title: `Labels for proposal ${proposalId}`,
  });
  const prisma = await db();
  const printedAt = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.sample.updateMany({ where: { id: { in: sampleIds } }, data: { labelPrintedAt: printedAt } });
    await tx.tray.updateMany({ where: { id: { in: trayIds } }, data: { labelPrintedAt: printedAt } });
    if (caller.kind === "user") {
      const user = await tx.user.findUniqueOrThrow({ where: { id: caller.id }, select: { preferences: true } });
      const preferences = (user.preferences ?? {}) as { labelCalibration?: Record<string, Calibration> };
      await tx.user.update({
        where: { id: caller.id },
        data: {
          preferences: {
            ...preferences,
            labelCalibration: { ...preferences.labelCalibration, [template.id]: calibration },
          },
        },
      });
    }
  });
  return { pdf, labels: items.length * order.copies, template };
}

/** The user's remembered printer offsets, by label format. */
export async function labelCalibrations(caller: Caller): Promise<Record<string, Calibration>> {
  if (caller.kind !== "user") return {};
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: caller.id }, select: { preferences: true } });
  const stored = (user?.preferences ?? {}) as { labelCalibration?: Record<string, Calibration> };
  return stored.labelCalibration ?? {};
}
