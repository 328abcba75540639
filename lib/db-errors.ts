/**
 * The unique constraint a write violated (e.g. `Sample_specimenId_key`), or null. Prisma's P2002
 * reports it differently per driver adapter (PGlite: fields, pg: index name); both carry
 * PostgreSQL's own message, which names the constraint.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return null;
  const meta = (
    error as {
      meta?: {
        driverAdapterError?: { cause?: { originalMessage?: string; constraint?: { index?: string } } };
        target?: unknown;
      };
    }
  ).meta;
  const cause = meta?.driverAdapterError?.cause;
  if (cause?.constraint?.index) return cause.constraint.index;
  const named = cause?.originalMessage?.match(/unique constraint "([^"]+)"/);
  if (named) return named[1];
  return Array.isArray(meta?.target) ? meta.target.join("_") : "unknown";
}
