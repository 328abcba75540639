import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { type Caller } from "@/lib/auth/caller";
import { requireSignedIn, requireStaffOrScope } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { violatedUniqueConstraint } from "@/lib/platform/db-errors";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import { instrumentSchema, type InstrumentInput } from "@/lib/schemas/instrument";
import { parseOrThrow } from "@/lib/shared/validation";

/** The facility's instruments: listed for everyone signed in, registered by staff and instrument tokens. */

const instrumentFields = { pid: true, uniqueName: true, name: true, customMetadata: true, createdAt: true } as const;

/** Registers an instrument: staff, admins, and API tokens with `instruments:write`. */
export async function createInstrument(caller: Caller, input: InstrumentInput) {
  requireStaffOrScope(caller, "instruments:write", "Registering instruments");
  const values = parseOrThrow(instrumentSchema, input, "The instrument was not registered");
  const pid = values.pid ?? values.uniqueName;
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
    const constraint = violatedUniqueConstraint(error);
    if (constraint === "Instrument_pid_key") {
      const message = `An instrument with the pid ${pid} is already registered.`;
      throw new ConflictError(message, { pid: [message] });
    }
    if (constraint === "Instrument_uniqueName_key") {
      const message = `An instrument named ${values.uniqueName} is already registered.`;
      throw new ConflictError(message, { uniqueName: [message] });
    }
    throw error;
  }
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
