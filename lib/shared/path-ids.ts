/**
 * The one rule for IDs that become parts of a URL path and may contain "/" (dataset and instrument
 * pids: `demo/2026-0042/scan_0001`, `10.5281/zenodo.123`). Each "/"-separated segment is encoded on
 * its own in links (lib/shared/page-paths.ts), but no encoding hides a dot segment: browsers resolve
 * `..` and `%2E%2E` alike, so `/datasets/../../admin/tokens` would be a link to /admin/tokens.
 * Hence no segment may be empty, `.` or `..`, and no ID may hold whitespace, control characters or
 * backslashes (which browsers read as "/"). A regular expression, so the OpenAPI document states it.
 */
export const pathIdPattern =
  /^(?!(?:.*\/)?\.\.?(?:\/|$))[^\s\\/\x00-\x1f\x7f-\x9f]+(?:\/[^\s\\/\x00-\x1f\x7f-\x9f]+)*$/;

export const pathIdRule =
  'parts separated by single "/", none of them "." or "..", without spaces, control characters or backslashes';

export const isSafePathId = (id: string) => pathIdPattern.test(id);
