import { scalarBundle } from "@/lib/http/api-reference";

/**
 * Scalar's browser bundle, served by us: no CDN, and the CSP allows only our own scripts. The
 * reference page asks for it with its content hash (`?v=`), so browsers may keep it for a year.
 */
export async function GET() {
  const { content, hash } = await scalarBundle();
  return new Response(new Uint8Array(content), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"${hash}"`,
    },
  });
}
