import "server-only";
import { isIP } from "node:net";

/**
 * The number of reverse proxies in front of the app that append the address they saw to
 * X-Forwarded-For (an ingress controller, nginx `proxy_add_x_forwarded_for`, Traefik): 1 in every
 * deployment we ship (deploy/). To become the configuration variable TRUSTED_PROXY_HOPS.
 */
export const trustedProxyHops = 1;

/**
 * The client's address, for counting failed credential checks. Route handlers see no socket;
 * Next.js writes the socket's address into X-Forwarded-For only when the request has none, and
 * each trusted proxy appends the address it saw. So the entry `hops` from the right is the
 * address the outermost trusted proxy saw, which no client can choose; anything left of it is
 * whatever the client claimed. With no proxy in front (hops 0, or the app exposed directly) the
 * rightmost entry is used, and a client that sends its own header chooses it: expose the app only
 * through a proxy. IPv6 clients are counted per /64, the block one host usually holds.
 */
export function clientAddress(headers: Headers, hops = trustedProxyHops): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  const seen = entries[Math.max(0, entries.length - Math.max(1, hops))];
  return normaliseAddress(seen);
}

function normaliseAddress(value: string): string {
  const address = value.replace(/^\[(.*)\](?::\d+)?$/, "$1").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
  // Not an address (a proxy that writes names, or a client's invention): one bucket for all of them.
  return "invalid";
}

/** `2001:db8::1` → the eight groups, so that every spelling of one /64 gives the same key. */
function expandIpv6(address: string): string[] {
  const [head, tail = ""] = address.toLowerCase().split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = address.includes("::") ? groups(tail) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right].map((group) =>
    group.includes(".") ? group : group.replace(/^0+(?=.)/, ""),
  );
}
