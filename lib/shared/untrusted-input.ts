/**
 * Checks on text from outside (request bodies, query strings, form fields) that PostgreSQL or the
 * JavaScript stack would otherwise fail on with a server error instead of a clear answer.
 * Pure and browser-safe: the edge (lib/http) and the schemas (lib/schemas) share them.
 */

/**
 * The deepest JSON nesting (objects and arrays) accepted anywhere. SciCat scientificMetadata is
 * rarely deeper than ~10 levels; zod's z.json() and our own walkers recurse once per level and
 * overflow the stack at a few thousand, so the limit is far below that and far above real use.
 */
export const maxJsonDepth = 64;

/**
 * Whether JSON text nests objects and arrays deeper than `limit`. Counted on the text, without
 * parsing, so nothing recursive runs on an over-deep document; brackets inside strings do not count.
 */
export function jsonNestingExceeds(text: string, limit: number = maxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) depth--;
  }
  return false;
}

/** PostgreSQL text and jsonb cannot hold NUL (errors 22021 and 22P05). */
export const nulMessage = "must not contain the NUL character (\\u0000)";

/** Half of a UTF-16 surrogate pair without its other half: no Unicode character, and no UTF-8. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a piece of text that no stored field may hold, or null when nothing is. */
export function unstorableText(text: string): string | null {
  if (text.includes("\0")) return nulMessage;
  if (loneSurrogate.test(text)) return "must not contain a lone UTF-16 surrogate (e.g. \\ud800): it is no character";
  return null;
}

type Visit = { value: unknown; key: string | null; parent: Visit | null };

const pathOf = (visit: Visit): string => {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) keys.unshift(at.key.replace(/\0/g, "\\u0000"));
  return keys.join(".") || "(the value)";
};

/**
 * The first string or object key in a parsed JSON value that no stored field may hold, with its
 * path (`scientificMetadata.sample.name`, `keywords.2`), or null. Walks with an explicit stack, so
 * a deep value cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown): { path: string; problem: string } | null {
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === "string") {
      const problem = unstorableText(current);
      if (problem) return { path: pathOf(visit), problem };
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, key: String(index), parent: visit }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const entry = { value: item, key, parent: visit };
        const problem = unstorableText(key);
        if (problem) return { path: pathOf(entry), problem: `(a key) ${problem}` };
        stack.push(entry);
      }
    }
  }
  return null;
}
