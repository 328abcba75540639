import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { createInstrument, getInstrument } from "@/lib/instruments/registry";
import type { InstrumentInput } from "@/lib/schemas/instrument";
import { checkSciCatKeys } from "./documents";

type StoredInstrument = Awaited<ReturnType<typeof getInstrument>>;

const toSciCatInstrument = (instrument: StoredInstrument) => ({
  pid: instrument.pid,
  uniqueName: instrument.uniqueName,
  name: instrument.name,
  customMetadata: instrument.customMetadata,
  createdAt: instrument.createdAt.toISOString(),
});

/**
 * `POST Instruments`. pyscicat's Instrument model has no `uniqueName` (SciCat v4 requires it), so
 * a missing one is the `name`.
 */
export async function createSciCatInstrument(caller: Caller, document: unknown) {
  const body = checkSciCatKeys(
    document,
    "Instrument",
    ["pid", "uniqueName", "name", "customMetadata"],
    ["createdBy", "updatedBy", "createdAt", "updatedAt"],
  );
  const input = { ...body, uniqueName: body.uniqueName ?? body.name } as InstrumentInput;
  return toSciCatInstrument(await createInstrument(caller, input));
}

export async function getSciCatInstrument(caller: Caller, pid: string) {
  return toSciCatInstrument(await getInstrument(caller, pid));
}
