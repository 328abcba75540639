import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import { addAttachment, deleteAttachment } from "@/lib/attachments/attachments";
import { addOrigDatablock } from "@/lib/datasets/add-origdatablock";
import { registerDataset } from "@/lib/datasets/register-dataset";
import { updateDataset } from "@/lib/datasets/update-dataset";
import { config } from "@/lib/platform/config";
import type { Database } from "@/lib/platform/db";
import { createProposal } from "@/lib/proposals/create-proposal";
import { updateProposal } from "@/lib/proposals/update-proposal";
import { setProposalPublishing, retryPublication } from "@/lib/publishing/manage";
import { SciCatTarget } from "@/lib/publishing/scicat-client";
import { publicationOverview, publicationState } from "@/lib/publishing/state";
import { deliverDue, retryDelayMs } from "@/lib/publishing/worker";
import { createSample } from "@/lib/samples/create-sample";
import { deleteSample } from "@/lib/samples/delete-sample";
import { updateSample } from "@/lib/samples/update-sample";
import { userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";
import { type SciCatProxy, startSciCatProxy } from "../support/scicat-proxy";

/**
 * Publishing to the real SciCat backend (the peer, SCICAT_PEER_URL; scripts/test.sh starts it),
 * through a proxy that can be down or lose answers. Delivery rounds are run by the test itself,
 * so nothing here waits for a timer.
 */
const peerUrl = process.env.SCICAT_PEER_URL;
const account = { username: "ingestor", password: "ingestor-pw" };
const run = randomBytes(3).toString("hex").toUpperCase();
const png =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

let database: Database;
let proxy: SciCatProxy;
let target: SciCatTarget;
let staff: UserCaller;
/** The proposal's PI: members change their proposal's records; staff decide what is published. */
let pi: UserCaller;

type ReadBack = {
  proposals: Record<string, Record<string, unknown> | null>;
  samples: Record<string, Record<string, unknown> | null>;
  datasets: Record<string, Record<string, unknown> | null>;
  origdatablocks: Record<string, Record<string, unknown>[]>;
  attachments: Record<string, Record<string, unknown>[]>;
  datasets_of_proposal: Record<string, string[]>;
};

/** What SciCat holds, read with pyscicat straight from the peer (not through the proxy). */
function readBack(wanted: { proposals?: string[]; samples?: string[]; datasets?: string[] }): ReadBack {
  const result = spawnSync(
    "python3",
    [
      "clients/scicat-compat/publishing/read_back.py",
      peerUrl!,
      account.username,
      account.password,
      JSON.stringify(wanted),
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  if (result.status !== 0)
    throw new Error(
      `pyscicat could not read back (python3 -m pip install -r clients/scicat-compat/requirements.txt): ${result.stderr}`,
    );
  return JSON.parse(result.stdout) as ReadBack;
}

/** Delivery rounds until nothing is due. */
async function deliverAll() {
  const total = { published: 0, retrying: 0, rejected: 0 };
  for (let round = await deliverDue(database, target); round.claimed; round = await deliverDue(database, target)) {
    total.published += round.published;
    total.retrying += round.retrying;
    total.rejected += round.rejected;
  }
  return total;
}

const posts = (pattern: RegExp) => proxy.forwarded.filter((call) => call.method === "POST" && pattern.test(call.path));

beforeAll(async () => {
  if (!peerUrl)
    throw new Error("These tests need the SciCat peer: bash scripts/scicat-peer.sh start, then set SCICAT_PEER_URL");
  proxy = await startSciCatProxy(peerUrl);
  Object.assign(process.env, {
    SCICAT_PUBLISH_URL: proxy.url,
    SCICAT_PUBLISH_USERNAME: account.username,
    SCICAT_PUBLISH_PASSWORD: account.password,
    SCICAT_PUBLISH_PROPOSALS: "opted-in",
    SCICAT_PUBLISH_GROUPS: JSON.stringify({ [`local-${run}`]: `p-${run}` }),
    SCICAT_PUBLISH_ACCESS_GROUPS: "ufo-beamline",
  });
  database = await createTestDatabase();
  target = new SciCatTarget(config().publishing!);
  staff = await userCaller("sam", "STAFF", { email: "sam@example.org" });
  pi = await userCaller("ada", "USER", { email: "ada.lovelace@example.org" });
});
afterAll(async () => {
  await database?.close();
  await proxy?.close();
});

const proposalId = `PUB-${run}`;
const sampleIds = [`S-PUB-${run}-1`, `S-PUB-${run}-2`];
const pids = [`ufo/${run}/scan_0001`, `ufo/${run}/scan_0002`];

const proposal = {
  proposalId,
  title: "Publishing: tomography of beetles",
  abstract: "Beetles in amber",
  piEmail: "ada.lovelace@example.org",
  piFirstname: "Ada",
  piLastname: "Lovelace",
  ownerGroup: `local-${run}`,
  accessGroups: ["ufo-staff"],
  metadata: { beamline: "UFO" },
  members: [{ email: "ada.lovelace@example.org", role: "PI" as const }],
};

/** A raw dataset of the proposal, with what SciCat requires of one. */
const scan = (pid: string, datasetName: string) => ({
  pid,
  datasetName,
  sourceFolder: `/beamline/ufo/${pid}`,
  proposalId,
  principalInvestigators: ["Ada Lovelace"],
  creationLocation: "KIT/IPS/UFO",
});

describe(`publishing to SciCat (${databaseTier()})`, () => {
  it("queues nothing for a proposal that is not opted in", async () => {
    await createProposal(staff, proposal);
    for (const specimenId of sampleIds)
      await createSample(pi, proposalId, {
        specimenId,
        specimenName: `Beetle ${specimenId}`,
        metadata: { thickness: { value: 2, unit: "mm" } },
      });
    expect(await database.prisma.publicationOutbox.count()).toBe(0);
    expect(await publicationState("Proposal", proposalId, proposalId, staff)).toMatchObject({
      enabled: true,
      publishing: false,
      published: null,
      queued: null,
    });
  });

  it("publishes a proposal with its samples, datasets, files and attachments once staff opt it in", async () => {
    const opted = await setProposalPublishing(staff, proposalId, true);
    expect(opted).toEqual({ publishing: true, queued: 3 });
    for (const pid of pids) {
      await registerDataset(staff, {
        pid,
        datasetName: `${pid} tomography`,
        sourceFolder: `/beamline/ufo/${pid}`,
        sampleId: sampleIds[0],
        proposalId,
        size: 1000,
        numberOfFiles: 2,
        creationTime: "2026-03-01T08:00:00Z",
        principalInvestigators: ["Ada Lovelace"],
        creationLocation: "KIT/IPS/UFO",
        keywords: ["tomography"],
        scientificMetadata: { energy: { value: 20, unit: "keV" } },
      });
      await addOrigDatablock(staff, pid, {
        size: 600,
        dataFileList: [
          { path: "proj_0000.tif", size: 300, time: "2026-03-01T08:00:01Z" },
          { path: "proj_0001.tif", size: 300, time: "2026-03-01T08:00:02Z" },
        ],
      });
    }
    await addAttachment(staff, { kind: "dataset", id: pids[0] }, { caption: "Preview", thumbnail: png });
    expect(
      (await publicationState("Dataset", pids[0], proposalId, staff)).enabled &&
        (await publicationState("Dataset", pids[0], proposalId, staff)),
    ).toMatchObject({
      queued: { attempts: 0 },
      published: null,
    });

    const delivered = await deliverAll();
    expect(delivered).toMatchObject({ retrying: 0, rejected: 0 });
    expect(await database.prisma.publicationOutbox.count()).toBe(0);

    const scicat = readBack({ proposals: [proposalId], samples: sampleIds, datasets: pids });
    expect(scicat.proposals[proposalId]).toMatchObject({
      proposalId,
      title: "Publishing: tomography of beetles",
      abstract: "Beetles in amber",
      pi_email: "ada.lovelace@example.org",
      email: "ada.lovelace@example.org",
      ownerGroup: `p-${run}`,
      accessGroups: ["ufo-staff", "ufo-beamline"],
      metadata: { beamline: "UFO" },
    });
    expect(scicat.samples[sampleIds[1]]).toMatchObject({
      sampleId: sampleIds[1],
      description: `Beetle ${sampleIds[1]}`,
      owner: "Ada Lovelace",
      proposalId,
      ownerGroup: `p-${run}`,
      sampleCharacteristics: { thickness: { value: 2, unit: "mm", valueSI: 0.002, unitSI: "m" } },
    });
    expect(scicat.datasets[pids[0]]).toMatchObject({
      pid: pids[0],
      type: "raw",
      datasetName: `${pids[0]} tomography`,
      sourceFolder: `/beamline/ufo/${pids[0]}`,
      sampleId: sampleIds[0],
      proposalId,
      principalInvestigator: "Ada Lovelace",
      creationLocation: "KIT/IPS/UFO",
      creationTime: "2026-03-01T08:00:00.000Z",
      keywords: ["tomography"],
      // Our totals: registered with 1000 bytes in 2 files, then a datablock of 600 bytes in 2 files.
      size: 1600,
      numberOfFiles: 4,
      ownerGroup: `p-${run}`,
    });
    expect(scicat.origdatablocks[pids[0]]).toHaveLength(1);
    expect(scicat.origdatablocks[pids[0]][0]).toMatchObject({ size: 600, datasetId: pids[0] });
    expect(scicat.attachments[pids[0]]).toMatchObject([{ caption: "Preview", thumbnail: png }]);
    expect(scicat.datasets_of_proposal[proposalId]).toEqual([...pids].sort());

    const state = await publicationState("Dataset", pids[0], proposalId, staff);
    expect(state).toMatchObject({ enabled: true, publishing: true, queued: null, rejected: null });
    expect(state.enabled && state.published?.link).toBe(`${proxy.url}/Datasets/${encodeURIComponent(pids[0])}`);
  });

  it("sends an update here to SciCat as an update, never a second copy", async () => {
    const postsBefore = posts(/./).length;
    await updateProposal(staff, proposalId, {
      ...proposal,
      title: "Publishing: tomography of beetles, revised",
      accessGroups: ["ufo-staff", "ufo-guests"],
    });
    await updateSample(pi, sampleIds[1], { specimenName: `Beetle ${sampleIds[1]}`, description: "Left antenna" });
    await updateDataset(staff, pids[1], { datasetName: "Renamed scan" });
    await deliverAll();
    expect(posts(/./).length).toBe(postsBefore);
    const scicat = readBack({ proposals: [proposalId], samples: sampleIds, datasets: [pids[1]] });
    expect(scicat.proposals[proposalId]?.title).toBe("Publishing: tomography of beetles, revised");
    expect(scicat.samples[sampleIds[1]]?.description).toBe("Left antenna");
    // A sample's groups are its proposal's: the proposal's new access group reached its samples too.
    expect(scicat.samples[sampleIds[0]]?.accessGroups).toEqual(["ufo-staff", "ufo-guests", "ufo-beamline"]);
    expect(scicat.datasets[pids[1]]?.datasetName).toBe("Renamed scan");
  });

  it("queues while SciCat is down and delivers everything exactly once when it is back", async () => {
    await proxy.down();
    const pid = `ufo/${run}/scan_0003`;
    await registerDataset(staff, scan(pid, "During the outage"));
    await addOrigDatablock(staff, pid, {
      size: 10,
      dataFileList: [{ path: "a.tif", size: 10, time: "2026-03-01T09:00:00Z" }],
    });
    await updateDataset(staff, pids[0], { description: "Changed during the outage" });
    expect(await deliverAll()).toMatchObject({ published: 0, retrying: 2 });
    const state = await publicationState("Dataset", pid, proposalId, staff);
    expect(state).toMatchObject({ published: null, queued: { attempts: 1 } });
    expect(state.enabled && state.queued?.lastError).toMatch(/SciCat did not answer/);
    // The PI sees that SciCat did not answer, not where the registry reaches it.
    const forThePi = await publicationState("Dataset", pid, proposalId, pi);
    expect(forThePi.enabled && forThePi.queued?.lastError).toMatch(/^SciCat did not answer (GET|POST) SciCat: /);
    const overview = await publicationOverview(staff);
    expect(overview.enabled && overview.failing).toBe(2);

    await proxy.up();
    // Backoff would wait seconds; staff's "retry now" makes them due at once.
    expect(await retryPublication(staff)).toBe(2);
    expect(await deliverAll()).toMatchObject({ retrying: 0, rejected: 0 });
    const scicat = readBack({ proposals: [proposalId], datasets: [pid, pids[0]] });
    expect(scicat.datasets_of_proposal[proposalId]).toEqual([...pids, pid].sort());
    expect(scicat.origdatablocks[pid]).toHaveLength(1);
    expect(scicat.datasets[pids[0]]?.description).toBe("Changed during the outage");
    expect(await database.prisma.publicationOutbox.count()).toBe(0);
  });

  it("never duplicates when SciCat carried out a call whose answer was lost", async () => {
    const pid = `ufo/${run}/scan_lost`;
    await registerDataset(staff, scan(pid, "Lost answer"));
    await addOrigDatablock(staff, pid, {
      size: 5,
      dataFileList: [{ path: "b.tif", size: 5, time: "2026-03-01T10:00:00Z" }],
    });
    await addAttachment(staff, { kind: "dataset", id: pid }, { caption: "Lost", thumbnail: png });
    // SciCat carries out every create, and its answer is lost: a crash between "sent" and
    // "acknowledged" looks like this to SciCat. Each delivery then asks what SciCat holds.
    const creates = /\/(Datasets|OrigDatablocks|attachments)$/;
    const before = posts(creates).length;
    proxy.loseAnswersTo("POST", creates);
    // A broken connection is tried again at once, asking first; a call that broke before it reached
    // SciCat (a kept-alive connection just closed) may need one more round.
    for (let round = 0; round < 3 && (await database.prisma.publicationOutbox.count()) > 0; round++) {
      expect((await deliverAll()).rejected).toBe(0);
      await retryPublication(staff);
    }
    expect(await database.prisma.publicationOutbox.count()).toBe(0);
    proxy.keepAnswers();
    // The dataset, its datablock and its attachment were each created once, and each answer was lost.
    expect(
      posts(creates)
        .slice(before)
        .map((call) => call.path.split("/").at(-1)),
    ).toEqual(["Datasets", "OrigDatablocks", "attachments"]);
    const scicat = readBack({ datasets: [pid] });
    expect(scicat.datasets[pid]).toMatchObject({ pid, datasetName: "Lost answer" });
    expect(scicat.origdatablocks[pid]).toHaveLength(1);
    expect(scicat.attachments[pid]).toHaveLength(1);
  });

  it("shows SciCat's message for a record it refuses, and still delivers the others", async () => {
    const refused = `ufo/${run}/scan_refused`;
    const fine = `ufo/${run}/scan_fine`;
    // SciCat requires where a raw dataset was taken; this registry does not.
    await registerDataset(staff, { pid: refused, datasetName: "No location", sourceFolder: "/x", proposalId });
    await addOrigDatablock(staff, refused, {
      size: 1,
      dataFileList: [{ path: "c.tif", size: 1, time: "2026-03-01T11:00:00Z" }],
    });
    await registerDataset(staff, scan(fine, "Fine"));
    const delivered = await deliverAll();
    expect(delivered.rejected).toBeGreaterThanOrEqual(1);
    const state = await publicationState("Dataset", refused, proposalId, staff);
    expect(state).toMatchObject({ published: null, queued: null });
    expect(state.enabled && state.rejected?.message).toMatch(/SciCat answered 400.*creationLocation/);
    const scicat = readBack({ datasets: [refused, fine] });
    expect(scicat.datasets[fine]).toMatchObject({ pid: fine });
    expect(scicat.datasets[refused]).toBeNull();

    // Fixed here: the dataset is sent again, and with it the datablock that waited for it.
    await updateDataset(staff, refused, { creationLocation: "/KIT/KARA/UFO" });
    expect(await deliverAll()).toMatchObject({ retrying: 0, rejected: 0 });
    const fixed = readBack({ datasets: [refused] });
    // Registered without an investigator: SciCat gets the proposal's PI.
    expect(fixed.datasets[refused]).toMatchObject({
      creationLocation: "/KIT/KARA/UFO",
      principalInvestigator: "Ada Lovelace",
    });
    expect(fixed.origdatablocks[refused]).toHaveLength(1);
    expect(await database.prisma.publicationOutbox.count()).toBe(0);
  });

  it("removes from SciCat what is deleted here: attachments; samples as far as the account may", async () => {
    const [attachment] = await database.prisma.attachment.findMany({ where: { caption: "Preview" } });
    await deleteAttachment(staff, { kind: "dataset", id: pids[0] }, attachment.id);
    await deleteSample(pi, sampleIds[1]);
    const delivered = await deliverAll();
    expect(readBack({ datasets: [pids[0]] }).attachments[pids[0]]).toEqual([]);
    // SciCat lets only admins delete samples: the functional ingestor account is refused, and says so.
    expect(delivered.rejected).toBe(1);
    const overview = await publicationOverview(staff);
    expect(overview.enabled && overview.problems).toMatchObject([
      { entity: "Sample", recordKey: sampleIds[1], nextAttemptAt: null, lastError: expect.stringMatching(/403/) },
    ]);
  });

  it("sends nothing more for a withdrawn proposal and keeps what SciCat holds", async () => {
    await setProposalPublishing(staff, proposalId, false);
    await updateDataset(staff, pids[1], { datasetName: "After withdrawal" });
    expect(await database.prisma.publicationOutbox.count({ where: { rejectedAt: null } })).toBe(0);
    await deliverAll();
    expect(readBack({ datasets: [pids[1]] }).datasets[pids[1]]).toMatchObject({ datasetName: "Renamed scan" });
    const state = await publicationState("Dataset", pids[1], proposalId, staff);
    expect(state).toMatchObject({ publishing: false, published: { removedAt: null } });
  });

  it("lets two workers (two app replicas) share the outbox without delivering any row twice", async () => {
    await setProposalPublishing(staff, proposalId, true);
    const many = Array.from({ length: 30 }, (_, index) => `ufo/${run}/parallel_${String(index).padStart(2, "0")}`);
    for (const pid of many) await registerDataset(staff, scan(pid, pid));
    const before = proxy.forwarded.length;
    const other = new SciCatTarget(config().publishing!);
    const rounds = async (worker: SciCatTarget) => {
      let published = 0;
      for (let round = await deliverDue(database, worker); round.claimed; round = await deliverDue(database, worker))
        published += round.published;
      return published;
    };
    const [first, second] = await Promise.all([rounds(target), rounds(other)]);
    expect(first + second).toBeGreaterThanOrEqual(many.length);
    const creates = proxy.forwarded
      .slice(before)
      .filter((call) => call.method === "POST" && call.path.endsWith("/Datasets"));
    expect(creates).toHaveLength(many.length);
    expect(readBack({ proposals: [proposalId] }).datasets_of_proposal[proposalId]).toEqual(
      expect.arrayContaining(many),
    );
  });

  it("backs off exponentially with jitter, at most 15 minutes", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(8_000);
    expect(retryDelayMs(1, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, () => 0.999)).toBeLessThan(3_000);
    expect(retryDelayMs(40, () => 0.5)).toBe(15 * 60_000);
  });
});
