import "server-only";
/**
 * The unique constraint a write violated (e.g. `Sample_specimenId_key`), or null. Prisma reports
 * it as P2002 (model queries) or P2010 (raw queries), and differently per driver adapter (PGlite:
 * fields, pg: index name); all carry PostgreSQL's own message, which names the constraint.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, meta } = error as {
    code?: unknown;
    meta?: {
      driverAdapterError?: { cause?: { kind?: string; originalMessage?: string; constraint?: { index?: string } } };
      target?: unknown;
    };
  };
  const cause = meta?.driverAdapterError?.cause;
  if (code !== "P2002" && !(code === "P2010" && cause?.kind === "UniqueConstraintViolation")) return null;
  if (cause?.constraint?.index) return cause.constraint.index;
  const named = cause?.originalMessage?.match(/unique constraint "([^"]+)"/);
  if (named) return named[1];
  return Array.isArray(meta?.target) ? meta.target.join("_") : "unknown";
}
