// npm run scicat:publish                 deliver the SciCat outbox until stopped (SIGTERM/SIGINT)
// npm run scicat:publish -- --once       deliver what is due, then exit (a CronJob)
// npm run scicat:publish -- --requeue    queue every published record again first (a new target,
//                                        publishing switched on for existing data)
// The publishing worker as a process of its own, for deployments that set SCICAT_PUBLISH_WORKER=false
// (several replicas, or delivery in a CronJob). With the embedded database, stop the app first
// (PGlite has no lock against a second process): the app's own worker then does the same job.
import { parseArgs } from "node:util";
import { config } from "../lib/platform/config";
import { openDatabase, setDatabase } from "../lib/platform/db";
import { requeueEverything } from "../lib/publishing/requeue";
import { SciCatTarget } from "../lib/publishing/scicat-client";
import { deliverDue, releaseStaleLeases, runPublicationWorker } from "../lib/publishing/worker";
import { runCommand } from "./command";

const usage = `usage:
  npm run scicat:publish [-- --once] [-- --requeue]`;

await runCommand({
  usage,
  failure: "Publishing to SciCat failed",
  parse() {
    const { values } = parseArgs({
      options: { once: { type: "boolean" }, requeue: { type: "boolean" }, help: { type: "boolean" } },
    });
    return { help: values.help ?? false, once: values.once ?? false, requeue: values.requeue ?? false };
  },
  async run({ once, requeue }) {
    const settings = config().publishing;
    if (!settings)
      throw new Error('No SciCat target is configured: set SCICAT_PUBLISH_URL (see README, "Publishing to SciCat").');
    const database = await openDatabase(config().database, { log: "none" });
    setDatabase(database);
    try {
      if (requeue) console.log(`Queued ${await requeueEverything(database.prisma)} records for SciCat.`);
      if (once) {
        await releaseStaleLeases(database);
        const target = new SciCatTarget(settings);
        const total = { published: 0, retrying: 0, rejected: 0 };
        for (
          let round = await deliverDue(database, target);
          round.claimed;
          round = await deliverDue(database, target)
        ) {
          total.published += round.published;
          total.retrying += round.retrying;
          total.rejected += round.rejected;
        }
        console.log(
          `SciCat publishing: ${total.published} published, ${total.retrying} to retry, ${total.rejected} refused.`,
        );
        return;
      }
      const worker = runPublicationWorker(database, settings);
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      });
      await worker.stop();
    } finally {
      await database.close();
    }
  },
});
