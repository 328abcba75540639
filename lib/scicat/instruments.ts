import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { createInstrument, findInstruments, getInstrument, updateInstrument } from "@/lib/instruments/registry";
import type { InstrumentInput, InstrumentUpdateInput } from "@/lib/schemas/instrument";
import { checkSciCatKeys } from "./documents";
import { withSIUnits } from "./si-units";
import { equalityFilter } from "./filters";

type StoredInstrument = Awaited<ReturnType<typeof getInstrument>>;

const toSciCatInstrument = (instrument: StoredInstrument) => ({
  _id: instrument.pid,
  id: instrument.pid,
  pid: instrument.pid,
  uniqueName: instrument.uniqueName,
  name: instrument.name,
  customMetadata: withSIUnits(instrument.customMetadata),
  createdAt: instrument.createdAt.toISOString(),
  updatedAt: instrument.updatedAt.toISOString(),
});

const instrumentKeys = ["pid", "uniqueName", "name", "customMetadata"] as const;
const serverManaged = ["_id", "id", "createdBy", "updatedBy", "createdAt", "updatedAt"] as const;

/**
 * `POST Instruments`. pyscicat's Instrument model has no `uniqueName` (SciCat v4 requires it), so
 * a missing one is the `name`; a missing pid is assigned, as SciCat does.
 */
export async function createSciCatInstrument(caller: Caller, document: unknown) {
  const body = checkSciCatKeys(document, "Instrument", instrumentKeys, serverManaged);
  const input = { ...body, uniqueName: body.uniqueName ?? body.name } as InstrumentInput;
  return toSciCatInstrument(await createInstrument(caller, input));
}

export async function getSciCatInstrument(caller: Caller, pid: string) {
  return toSciCatInstrument(await getInstrument(caller, pid));
}

/** `PATCH Instruments/{pid}`: the fields sent replace the stored ones (customMetadata whole). */
export async function updateSciCatInstrument(caller: Caller, pid: string, document: unknown) {
  const { pid: _pid, ...patch } = checkSciCatKeys(document, "Instrument", instrumentKeys, serverManaged);
  return toSciCatInstrument(await updateInstrument(caller, pid, patch as InstrumentUpdateInput));
}

/**
 * `GET Instruments?filter=`: equality on pid, uniqueName or name; `Instruments/findOne`, the first
 * of them. pyscicat's `instruments_get_one(name=…)` asks `{"where":{"name":{"like":NAME}}}`,
 * which is matched as that exact name.
 */
export async function findSciCatInstruments(caller: Caller, filter: Record<string, unknown>) {
  const { where, limit, skip } = equalityFilter(likeAsEquality(filter), ["pid", "uniqueName", "name"] as const);
  return (await findInstruments(caller, where, { skip, take: limit })).map(toSciCatInstrument);
}

export async function findOneSciCatInstrument(caller: Caller, filter: Record<string, unknown>) {
  const [first] = await findSciCatInstruments(caller, { ...filter, limit: 1 });
  return first ?? null;
}

function likeAsEquality(filter: Record<string, unknown>): Record<string, unknown> {
  const where = filter.where;
  if (!where || typeof where !== "object" || Array.isArray(where)) return filter;
  const plain = Object.entries(where).map(([key, value]) => {
    const like = value && typeof value === "object" ? (value as { like?: unknown }).like : undefined;
    return [key, typeof like === "string" && Object.keys(value as object).length === 1 ? like : value];
  });
  return { ...filter, where: Object.fromEntries(plain) };
}
