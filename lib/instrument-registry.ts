import "server-only";
import { audit } from "./audit";
import { type Caller, requireSignedIn, requireStaffOrScope } from "./authz";
import { db } from "./db";
import { violatedUniqueConstraint } from "./db-errors";
import { ConflictError, NotFoundError } from "./errors";
import { instrumentSchema, type InstrumentInput } from "./schemas/instrument";
import { parseOrThrow } from "./validation";

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
