import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller, UserCaller } from "@/lib/auth/caller";
import { addAttachment } from "@/lib/attachments/attachments";
import { addOrigDatablock } from "@/lib/datasets/add-origdatablock";
import { registerDataset } from "@/lib/datasets/register-dataset";
import { exportProposalEln } from "@/lib/export/eln";
import { maxExportedFiles } from "@/lib/export/eln-records";
import type { Database } from "@/lib/platform/db";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/shared/errors";
import { tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn(async () => ({ kind: "anonymous" })) }));
const apiExportRoute = await import("@/app/api/v1/proposals/[proposalId]/export.eln/route");

const run = promisify(execFile);
const installCommand = "python3 -m pip install -r clients/eln/requirements.txt";

const png =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
const scanPid = `demo/${demo.proposalId}/scan_0001`;
const reconPid = `ufo/${demo.proposalId}/recon_0001`;
const scanFolder = "./datasets/demo_2026-0042_scan_0001/";
const projections = Array.from({ length: 3 }, (_, index) => ({
  path: `proj/proj_${String(index).padStart(4, "0")}.tif`,
  size: 8_388_608,
  time: "2026-03-01T08:00:00Z",
  chk: String(index).repeat(64),
}));

type Entity = { "@id": string; "@type": string | string[]; [property: string]: unknown };
type Ref = { "@id": string };
function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The archive's entries and its metadata graph, by `@id`. */
function unpack(bytes: Uint8Array) {
  const entries = unzipSync(bytes);
  const metadata = JSON.parse(strFromU8(entries[`${demo.proposalId}/ro-crate-metadata.json`])) as {
    "@context": string;
    "@graph": Entity[];
  };
  const graph = new Map(metadata["@graph"].map((entity) => [entity["@id"], entity]));
  const entity = (id: string) => {
    const found = graph.get(id);
    if (!found) throw new Error(`no entity ${id} in the graph`);
    return found;
  };
  return { entries, metadata, graph, entity };
}

let database: Database;
let member: UserCaller;
let other: UserCaller;
let staff: UserCaller;
let fullToken: { caller: Caller; token: string };
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  staff = await userCaller("sam", "STAFF");
  member = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
  other = await userCaller("grace", "USER", { email: "grace.hopper@example.org" });
  fullToken = await tokenCaller(["proposals:read", "samples:read", "datasets:read"], "ELN exporter");
  const writer = (await tokenCaller(["datasets:write"], "UFO Concert")).caller;
  await addOrigDatablock(writer, scanPid, { chkAlg: "sha256", dataFileList: projections });
  await addOrigDatablock(writer, scanPid, { dataFileList: [{ path: "flats/flat 1.tif", size: 4096 }] });
  await registerDataset(writer, {
    pid: reconPid,
    type: "derived",
    datasetName: "Pupa day 1 reconstruction",
    sourceFolder: "/beamline/ufo/2026-0042/S-DEMO-01/recon_0001",
    sampleId: "S-DEMO-01",
    inputDatasets: [scanPid],
    usedSoftware: ["ufo-kit 0.20"],
    scientificMetadata: { voxel_size: { value: 1.22, unit: "µm" }, slices: [1, 2048] },
  });
  await addAttachment(writer, { kind: "dataset", id: scanPid }, { caption: "Central slice", thumbnail: png });
  await addAttachment(member, { kind: "sample", id: "S-DEMO-01" }, { caption: "Photo of the vial", thumbnail: gif });
  await addAttachment(member, { kind: "proposal", id: demo.proposalId }, { thumbnail: png });
});
afterAll(() => database.close());

describe(`.eln export (${databaseTier()})`, () => {
  it("is one folder named like the file, with the crate's metadata, each record's JSON and its images", async () => {
    const { filename, bytes } = await exportProposalEln(member, demo.proposalId);
    const { entries, graph } = unpack(bytes);
    expect(filename).toBe(`${demo.proposalId}.eln`);
    const names = Object.keys(entries);
    expect(names.every((name) => name.startsWith(`${demo.proposalId}/`))).toBe(true);
    expect(names).toEqual(
      expect.arrayContaining([
        `${demo.proposalId}/proposal/proposal.json`,
        `${demo.proposalId}/trays/T-DEMO-A/tray.json`,
        `${demo.proposalId}/samples/S-DEMO-12/sample.json`,
        `${demo.proposalId}/datasets/demo_2026-0042_scan_0001/dataset.json`,
        `${demo.proposalId}/datasets/ufo_2026-0042_recon_0001/dataset.json`,
      ]),
    );
    // Every File of the crate's own is in the archive, and every entry of the archive is described.
    const described = [...graph.values()].filter(
      (entity) => entity["@id"].startsWith("./") && entity["@type"] === "File",
    );
    const paths = described.map((file) => `${demo.proposalId}/${decodeURIComponent(file["@id"].slice(2))}`);
    expect(paths.sort()).toEqual(names.filter((name) => !name.endsWith("/ro-crate-metadata.json")).sort());
    for (const file of described) {
      const content = entries[`${demo.proposalId}/${decodeURIComponent(file["@id"].slice(2))}`];
      expect(file.contentSize).toBe(String(content.byteLength));
    }

    const photo = names.find((name) => name.startsWith(`${demo.proposalId}/samples/S-DEMO-01/attachments/`));
    expect(photo).toMatch(/\.gif$/);
    expect(Buffer.from(entries[photo ?? ""]).toString("base64")).toBe(gif.split(",")[1]);
    const dataset = JSON.parse(strFromU8(entries[`${demo.proposalId}/datasets/demo_2026-0042_scan_0001/dataset.json`]));
    expect(dataset).toMatchObject({ pid: scanPid, sampleId: "S-DEMO-01", numberOfFiles: 3005 });
    expect(dataset.origdatablocks.map((block: { dataFileList: unknown[] }) => block.dataFileList.length)).toEqual([
      3, 1,
    ]);
  });

  it("describes proposal, trays, samples and datasets as an RO-Crate 1.1 graph that links them", async () => {
    const { metadata, graph, entity } = unpack((await exportProposalEln(member, demo.proposalId)).bytes);
    expect(metadata["@context"]).toBe("https://w3id.org/ro/crate/1.1/context");
    const descriptor = entity("ro-crate-metadata.json");
    expect(descriptor).toMatchObject({
      "@type": "CreativeWork",
      about: { "@id": "./" },
      conformsTo: { "@id": "https://w3id.org/ro/crate/1.1" },
      version: "1.0",
    });
    expect(entity((descriptor.sdPublisher as Ref)["@id"])).toMatchObject({
      "@type": "Organization",
      url: expect.any(String),
    });
    const root = entity("./");
    expect(root).toMatchObject({ "@type": "Dataset", license: expect.anything(), datePublished: expect.any(String) });
    // The .eln format imports what the root lists: every record, each a Dataset with a name and an author.
    const records = list(root.hasPart as Ref[]).map((part) => entity(part["@id"]));
    const byGenre = (genre: string) =>
      records.filter((record) => record.genre === genre).map((record) => record.identifier);
    expect(byGenre("proposal")).toEqual([demo.proposalId]);
    expect(byGenre("tray")).toEqual([...demo.trayIds]);
    expect(byGenre("sample")).toHaveLength(12);
    expect(byGenre("dataset")).toEqual([
      scanPid,
      `demo/${demo.proposalId}/scan_0002`,
      `demo/${demo.proposalId}/scan_0003`,
      reconPid,
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        "@type": "Dataset",
        name: expect.any(String),
        author: { "@id": expect.any(String) },
      });
      expect(record["@id"]).toMatch(/^\.\/.+\/$/);
    }
    // Every reference points at an entity of the graph; keywords are one string, as the format asks.
    for (const node of graph.values()) {
      for (const [property, value] of Object.entries(node)) {
        for (const item of list(value)) {
          if (item && typeof item === "object" && "@id" in item && !String(item["@id"]).startsWith("http"))
            expect(graph.has(String(item["@id"])), `${node["@id"]} ${property}`).toBe(true);
        }
      }
      if ("keywords" in node) expect(typeof node.keywords).toBe("string");
    }

    const sample = entity("./samples/S-DEMO-01/");
    expect(sample).toMatchObject({
      identifier: "S-DEMO-01",
      name: "Pupa day 1",
      position: "1",
      creativeWorkStatus: "MEASURED",
      isPartOf: [{ "@id": "./proposal/" }, { "@id": "./trays/T-DEMO-A/" }],
      subjectOf: [{ "@id": scanFolder }, { "@id": "./datasets/ufo_2026-0042_recon_0001/" }],
    });
    expect(list(entity("./trays/T-DEMO-A/").hasPart as Ref[])).toContainEqual({ "@id": "./samples/S-DEMO-01/" });
    const characteristics = list(sample.variableMeasured as Ref[]).map((part) => entity(part["@id"]));
    expect(characteristics).toContainEqual(expect.objectContaining({ propertyID: "metadata.stage", value: "pupa" }));

    const scan = entity(scanFolder);
    expect(scan).toMatchObject({
      identifier: scanPid,
      about: { "@id": "./samples/S-DEMO-01/" },
      keywords: "micro-CT, in-situ",
      measurementTechnique: { "@id": "http://purl.org/pan-science/PaNET/PaNET01104" },
    });
    const energy = list(scan.variableMeasured as Ref[]).map((part) => entity(part["@id"]));
    expect(energy).toContainEqual(
      expect.objectContaining({ propertyID: "scientificMetadata.energy", value: 20, unitText: "keV" }),
    );
    expect(entity("./datasets/ufo_2026-0042_recon_0001/").isBasedOn).toEqual({ "@id": scanFolder });

    // The datablocks' files stay at the beamline: `#` entities that name their dataset, in no hasPart.
    const beamlineFiles = [...graph.values()].filter((node) => node["@type"] === "File" && node["@id"].startsWith("#"));
    expect(beamlineFiles).toHaveLength(4);
    expect(beamlineFiles.every((file) => (file.isPartOf as Ref)["@id"] === scanFolder)).toBe(true);
    expect(beamlineFiles[0]).toMatchObject({
      name: "proj/proj_0000.tif",
      contentSize: "8388608",
      encodingFormat: "image/tiff",
      sha256: "0".repeat(64),
      dateModified: "2026-03-01T08:00:00.000Z",
    });
    expect(beamlineFiles[3]).toMatchObject({ "@id": `#datasets/demo_2026-0042_scan_0001/files/flats/flat%201.tif` });
    expect(beamlineFiles[3]).not.toHaveProperty("sha256");
    const listed = [...graph.values()].flatMap((node) => list(node.hasPart as Ref[]).map((part) => part["@id"]));
    expect(listed.some((id) => id.startsWith("#"))).toBe(false);
  });

  it("is the same file each time for the same records", async () => {
    const first = await exportProposalEln(member, demo.proposalId);
    const second = await exportProposalEln(staff, demo.proposalId);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it("is refused as reading the proposal is, and to tokens without every read scope", async () => {
    await expect(exportProposalEln(other, demo.proposalId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportProposalEln(member, "2099-0001")).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportProposalEln({ kind: "anonymous" }, demo.proposalId)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const narrow = await tokenCaller(["proposals:read"], "proposal reader");
    const refusal = await exportProposalEln(narrow.caller, demo.proposalId).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect((refusal as Error).message).toMatch(/lacks samples:read, datasets:read/);

    const call = (token?: string) =>
      apiExportRoute.GET(
        new Request(`http://localhost/api/v1/proposals/${demo.proposalId}/export.eln`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
        { params: Promise.resolve({ proposalId: demo.proposalId }) },
      );
    const denied = await call(narrow.token);
    expect({ status: denied.status, error: (await denied.json()).error }).toEqual({
      status: 403,
      error: expect.stringContaining("proposals:read, samples:read, datasets:read"),
    });
    expect((await call()).status).toBe(401);
    const answer = await call(fullToken.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vnd.eln+zip");
    expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="${demo.proposalId}.eln"`);
    expect(unpack(new Uint8Array(await answer.arrayBuffer())).graph.has("./proposal/")).toBe(true);
  });

  it("passes roc-validator (RO-Crate 1.1, REQUIRED) and reads back with rocrate, every sample and dataset", async () => {
    try {
      await run("python3", ["-c", "import rocrate, rocrate_validator"]);
    } catch (error) {
      throw new Error(`python3 with rocrate and roc-validator is needed; install them with: ${installCommand}`, {
        cause: error,
      });
    }
    const { filename, bytes } = await exportProposalEln(member, demo.proposalId);
    const directory = mkdtempSync(path.join(tmpdir(), "eln-export-"));
    try {
      const file = path.join(directory, filename);
      writeFileSync(file, bytes);
      const { stdout } = await run("python3", ["clients/eln/validate_eln.py", file], {
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`validate_eln.py failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
      });
      const report = JSON.parse(stdout);
      expect(report.validation).toMatchObject({ profile: "ro-crate-1.1", severity: "REQUIRED", issues: [] });
      const samples = report.samples as { id: string; tray: string; datasets: string[]; attachments: unknown[] }[];
      expect(samples.map((sample) => sample.id)).toEqual(
        Array.from({ length: 12 }, (_, index) => `S-DEMO-${String(index + 1).padStart(2, "0")}`),
      );
      expect(samples[0]).toMatchObject({
        tray: "T-DEMO-A",
        position: "1",
        datasets: [scanPid, reconPid],
        attachments: [{ encodingFormat: "image/gif", caption: "Photo of the vial" }],
        listedInRoot: true,
      });
      const datasets = report.datasets as { id: string; sample: string; files: number; attachments: unknown[] }[];
      expect(datasets.map(({ id, sample, files }) => ({ id, sample, files }))).toEqual([
        { id: scanPid, sample: "S-DEMO-01", files: 4 },
        { id: `demo/${demo.proposalId}/scan_0002`, sample: "S-DEMO-02", files: 0 },
        { id: `demo/${demo.proposalId}/scan_0003`, sample: "S-DEMO-03", files: 0 },
        { id: reconPid, sample: "S-DEMO-01", files: 0 },
      ]);
      expect(datasets[0].attachments).toEqual([expect.objectContaining({ caption: "Central slice" })]);
      expect(report.trays.map((tray: { samples: string[] }) => tray.samples.length)).toEqual([6, 6]);
      expect(report.proposals).toEqual([
        expect.objectContaining({ id: demo.proposalId, attachments: [expect.anything()] }),
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);

  it("refuses, with a 422 that says why, a proposal whose datasets list more files than one file can hold", async () => {
    const dataset = await database.prisma.dataset.findUniqueOrThrow({ where: { pid: reconPid } });
    const block = await database.prisma.origDatablock.create({
      data: {
        datasetId: dataset.id,
        dataFileList: Array.from({ length: maxExportedFiles }, (_, index) => ({ path: `slice_${index}.tif`, size: 1 })),
      },
    });
    try {
      const refused = await exportProposalEln(staff, demo.proposalId).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).status).toBe(422);
      expect((refused as ValidationError).fieldErrors.proposalId?.[0]).toMatch(
        /list 100\d{3} files; an \.eln export lists at most 100000/,
      );
    } finally {
      await database.prisma.origDatablock.delete({ where: { id: block.id } });
    }
  });
});
