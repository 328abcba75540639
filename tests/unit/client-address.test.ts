import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

const from = (forwardedFor: string | null, hops?: number) =>
  clientAddress(new Headers(forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor }), hops);

describe("the client address for counting failed credential checks", () => {
  it("is the address the trusted proxy appended, whatever the client claimed before it", () => {
    expect(from("203.0.113.7")).toBe("203.0.113.7");
    expect(from("10.9.9.9, 1.2.3.4, 203.0.113.7")).toBe("203.0.113.7");
    expect(from("1.2.3.4, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // Fewer entries than proxies (a request that bypassed one): the leftmost, never undefined.
    expect(from("203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("counts IPv6 clients per /64 and IPv4-mapped ones as IPv4", () => {
    expect(from("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(from("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(from("[2001:db8::1]:4711")).toBe("2001:db8:0:0::/64");
    expect(from("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });

  it("puts what is no address into one bucket, and a missing header into another", () => {
    expect(from("evil name")).toBe("invalid");
    expect(from("x".repeat(10_000))).toBe("invalid");
    expect(from(null)).toBe("unknown");
    expect(from(" , ")).toBe("unknown");
  });
});
