/**
 * Human IDs: what QR codes, labels, the API and people use. Generated IDs draw from an alphabet
 * without look-alikes (no 0/O, 1/I/L), so they survive being read aloud or typed from a label.
 * Users may also give their own IDs (e.g. from an earlier system), within `humanIdPattern`.
 * Drawing and claiming one is the server's job (lib/platform/unique-human-ids.ts).
 */
export const idAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** Letters, digits, and . _ - inside; 1 to 64 characters; safe in URLs and file names. */
export const humanIdPattern = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;

export const idPrefixes = { sample: "S", tray: "T" } as const;
export type IdKind = keyof typeof idPrefixes;
