import "server-only";
import { config } from "@/lib/platform/config";
import { database } from "@/lib/platform/db";
import { logger } from "@/lib/platform/logger";
import { type PublicationWorker, runPublicationWorker } from "./worker";

const globalKey = Symbol.for("beamtime-sample-registry.publication-worker");
type GlobalWithWorker = typeof globalThis & { [globalKey]?: PublicationWorker };

/**
 * Starts delivering to SciCat inside the server process, once per process (dev reloads re-run
 * instrumentation), when a target is configured and no separate worker is asked for.
 */
export async function startInProcessPublishing(): Promise<void> {
  const settings = config().publishing;
  const holder = globalThis as GlobalWithWorker;
  if (!settings?.inProcessWorker || holder[globalKey]) return;
  holder[globalKey] = runPublicationWorker(await database(), settings);
  logger.info(`Publishing to SciCat at ${settings.apiUrl} (${settings.proposals} proposals).`);
}
