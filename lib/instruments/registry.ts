import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { type Caller } from "@/lib/auth/caller";
import { requireSignedIn, requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import { randomUUID } from "node:crypto";
import { config } from "@/lib/platform/config";
import {
  instrumentSchema,
  type InstrumentInput,
  instrumentUpdateSchema,
  type InstrumentUpdateInput,
} from "@/lib/schemas/instrument";
import { parseOrThrow } from "@/lib/shared/validation";

/** The facility's instruments: listed for everyone signed in, registered by staff and instrument tokens. */

const instrumentFields = {
  pid: true,
  uniqueName: true,
  name: true,
  customMetadata: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Registers an instrument: staff, admins, and API tokens with `instruments:write`. */
export async function createInstrument(caller: Caller, input: InstrumentInput) {
  requireStaffOrScope(caller, "instruments:write", "Registering instruments");
  const values = parseOrThrow(instrumentSchema, input, "The instrument was not registered");
  const pid =
    values.pid ??
    (/^\S+$/.test(values.uniqueName) ? values.uniqueName : `${config().scicat.pidPrefix}/${randomUUID()}`);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const created = await tx.instrument.create({
        data: { pid, uniqueName: values.uniqueName, name: values.name, customMetadata: values.customMetadata },
        select: instrumentFields,
      });
      const { pid: _pid, createdAt: _createdAt, ...audited } = created;
      await audit(tx, caller, "CREATE", "Instrument", pid, audited);
      return created;
    });
  } catch (error) {
    throw uniqueConflict(error, pid, values.uniqueName);
  }
}

/** A unique-constraint violation as the conflict it is; any other error as it was. */
function uniqueConflict(error: unknown, pid: string, uniqueName: string | undefined): unknown {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === "Instrument_pid_key") {
    const message = `An instrument with the pid ${pid} is already registered.`;
    return new ConflictError(message, { pid: [message] });
  }
  if (constraint === "Instrument_uniqueName_key") {
    const message = `An instrument named ${uniqueName} is already registered.`;
    return new ConflictError(message, { uniqueName: [message] });
  }
  return error;
}

/** Changes an instrument's names or metadata (the pid stays): staff, admins, `instruments:write`. */
export async function updateInstrument(caller: Caller, pid: string, patch: InstrumentUpdateInput) {
  requireStaffOrScope(caller, "instruments:write", "Changing instruments");
  const values = parseOrThrow(instrumentUpdateSchema, patch, "The instrument was not changed");
  const sent = (key: keyof InstrumentUpdateInput) => (patch as Record<string, unknown>)[key] !== undefined;
  const data = {
    ...(sent("uniqueName") ? { uniqueName: values.uniqueName } : {}),
    ...(sent("name") ? { name: values.name } : {}),
    ...(sent("customMetadata") ? { customMetadata: values.customMetadata } : {}),
  };
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const stored = await tx.instrument.findUnique({ where: { pid }, select: instrumentFields });
      if (!stored) throw new NotFoundError(`Instrument ${pid}`);
      const updated = await tx.instrument.update({ where: { pid }, data, select: instrumentFields });
      const changes = Object.fromEntries(
        (Object.keys(data) as (keyof typeof data)[]).map((key) => [key, [stored[key], updated[key]]]),
      );
      await audit(tx, caller, "UPDATE", "Instrument", pid, changes);
      return updated;
    });
  } catch (error) {
    throw uniqueConflict(error, pid, values.uniqueName);
  }
}

/** Instruments, for SciCat's clients: all fields, in name order, one page. */
export async function findInstruments(
  caller: Caller,
  where: { pid?: string; uniqueName?: string; name?: string },
  page: { skip: number; take: number },
) {
  requireSignedIn(caller);
  const prisma = await db();
  return prisma.instrument.findMany({
    where,
    orderBy: [{ name: "asc" }, { pid: "asc" }],
    ...page,
    select: instrumentFields,
  });
}

/** One instrument; like the list, public facility information for anyone signed in. */
export async function getInstrument(caller: Caller, pid: string) {
  requireSignedIn(caller);
  const prisma = await db();
  const instrument = await prisma.instrument.findUnique({ where: { pid }, select: instrumentFields });
  if (!instrument) throw new NotFoundError(`Instrument ${pid}`);
  return instrument;
}

/** Instruments are public facility information for anyone signed in. */
export async function listInstruments(caller: Caller) {
  requireSignedIn(caller);
  const prisma = await db();
  return prisma.instrument.findMany({ orderBy: { name: "asc" }, select: { pid: true, uniqueName: true, name: true } });
}
