import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { labelCalibrations, printLabels } from "@/lib/labels/print-labels";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
let ada: UserCaller;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  ada = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
});
afterAll(() => database.close());

const template = "a4-3x8-zweckform-3474";

describe(`printing labels (${databaseTier()})`, () => {
  it("makes a PDF of the chosen tray's samples and records them as printed", async () => {
    const { pdf, labels } = await printLabels(ada, demo.proposalId, {
      templateId: template,
      samples: "trays",
      sampleTrayIds: ["T-DEMO-A"],
      trayIds: ["T-DEMO-A"],
      copies: 2,
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(labels).toBe(14);
    const printed = await database.prisma.sample.findMany({
      where: { labelPrintedAt: { not: null } },
      select: { specimenId: true },
      orderBy: { specimenId: "asc" },
    });
    expect(printed.map((s) => s.specimenId)).toEqual([
      "S-DEMO-01",
      "S-DEMO-02",
      "S-DEMO-03",
      "S-DEMO-04",
      "S-DEMO-05",
      "S-DEMO-06",
    ]);
    expect(
      (await database.prisma.tray.findUniqueOrThrow({ where: { trayId: "T-DEMO-A" } })).labelPrintedAt,
    ).toBeInstanceOf(Date);
  });

  it("prints only what was not printed yet when asked, and says when there is nothing left", async () => {
    const { labels } = await printLabels(ada, demo.proposalId, { templateId: template, samples: "unprinted" });
    expect(labels).toBe(6);
    const error = await printLabels(ada, demo.proposalId, { templateId: template, samples: "unprinted" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.samples).toEqual(["Every sample's label has been printed already"]);
  });

  it("remembers the printer offset per label format for the user", async () => {
    await printLabels(ada, demo.proposalId, {
      templateId: template,
      samples: "selected",
      specimenIds: ["S-DEMO-03"],
      xMm: 1.5,
      yMm: -0.8,
    });
    expect(await labelCalibrations(ada)).toEqual({ [template]: { xMm: 1.5, yMm: -0.8 } });
  });

  it("refuses bad orders with field errors, and proposals the caller cannot see", async () => {
    const bad = await printLabels(ada, demo.proposalId, { templateId: "nope", samples: "trays" }).catch(
      (e: unknown) => e,
    );
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual(["sampleTrayIds", "templateId"]);
    const noCopies = await printLabels(ada, demo.proposalId, { templateId: template, copies: 0 }).catch(
      (e: unknown) => e,
    );
    expect((noCopies as ValidationError).fieldErrors.copies).toEqual(["must be at least 1"]);
    const skipTooFar = await printLabels(ada, demo.proposalId, { templateId: template, skip: 24 }).catch(
      (e: unknown) => e,
    );
    expect((skipTooFar as ValidationError).fieldErrors.skip?.[0]).toMatch(/less than the 24 labels/);
    const stranger = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
    await expect(printLabels(stranger, demo.proposalId, { templateId: template })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
