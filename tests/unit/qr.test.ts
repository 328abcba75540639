import { describe, expect, it } from "vitest";
import { generateId } from "@/lib/platform/unique-human-ids";
import { maxScannedLength, parseScannedCode, samplePayload, trayPayload } from "@/lib/shared/qr-payloads";

const appUrl = "https://samples.example.org";
const withBasePath = "https://beamline.example.org/registry";

describe("QR payloads", () => {
  it("are links to the sample and tray pages under APP_URL", () => {
    expect(samplePayload(appUrl, "S-7K3M9Q")).toBe("https://samples.example.org/s/S-7K3M9Q");
    expect(trayPayload(appUrl, "T-4F7KM")).toBe("https://samples.example.org/t/T-4F7KM");
    expect(samplePayload(withBasePath, "S-7K3M9Q")).toBe("https://beamline.example.org/registry/s/S-7K3M9Q");
    expect(samplePayload(`${appUrl}/`, "S-7K3M9Q")).toBe("https://samples.example.org/s/S-7K3M9Q");
  });

  it("percent-encode the ID", () => {
    expect(samplePayload(appUrl, "a b/c?d#e")).toBe("https://samples.example.org/s/a%20b%2Fc%3Fd%23e");
  });

  it.each([appUrl, withBasePath, "http://localhost:3000", "https://[2001:db8::1]:8443/beamline/registry"])(
    "round-trip through the parser under %s",
    (base) => {
      for (let run = 0; run < 20; run += 1) {
        const specimenId = generateId("sample");
        const trayId = generateId("tray");
        expect(parseScannedCode(samplePayload(base, specimenId), base)).toEqual({ kind: "sample", id: specimenId });
        expect(parseScannedCode(trayPayload(base, trayId), base)).toEqual({ kind: "tray", id: trayId });
      }
      // User-given IDs from an earlier system keep their dots, underscores and case.
      expect(parseScannedCode(samplePayload(base, "lyso_2024.03-a"), base)).toEqual({
        kind: "sample",
        id: "lyso_2024.03-a",
      });
    },
  );
});

describe("scanned codes", () => {
  const parse = (text: string, base = appUrl) => parseScannedCode(text, base);

  it("take a bare ID as typed or sent by a keyboard-wedge scanner (Enter included)", () => {
    for (const text of ["S-7K3M9Q", "S-7K3M9Q\r\n", "S-7K3M9Q\n", "S-7K3M9Q\r", "  S-7K3M9Q\t", "\uFEFFS-7K3M9Q"]) {
      expect(parse(text)).toEqual({ kind: "id", id: "S-7K3M9Q" });
    }
    expect(parse("T-4F7KM")).toEqual({ kind: "id", id: "T-4F7KM" });
    expect(parse("old-system.42")).toEqual({ kind: "id", id: "old-system.42" });
  });

  it("accept our links with any case of scheme and host, a trailing slash, a query or a fragment", () => {
    const sample = { kind: "sample", id: "S-7K3M9Q" };
    for (const text of [
      "https://samples.example.org/s/S-7K3M9Q",
      "HTTPS://Samples.Example.ORG/s/S-7K3M9Q",
      "https://samples.example.org/s/S-7K3M9Q/",
      "https://samples.example.org/s/S-7K3M9Q?from=label",
      "https://samples.example.org/s/S-7K3M9Q#datasets",
      "https://samples.example.org:443/s/S-7K3M9Q",
      "https://samples.example.org/s/S-7K3M9Q\r\n",
    ]) {
      expect(parse(text)).toEqual(sample);
    }
  });

  it("percent-decode the ID segment", () => {
    expect(parse("https://samples.example.org/s/S%2D7K3M9Q")).toEqual({ kind: "sample", id: "S-7K3M9Q" });
    expect(parse("https://samples.example.org/t/%54-4F7KM")).toEqual({ kind: "tray", id: "T-4F7KM" });
  });

  it("respect a base path in APP_URL", () => {
    expect(parse("https://beamline.example.org/registry/t/T-4F7KM", withBasePath)).toEqual({
      kind: "tray",
      id: "T-4F7KM",
    });
    expect(parse("https://beamline.example.org/registry/s/S-7K3M9Q", `${withBasePath}/`)).toEqual({
      kind: "sample",
      id: "S-7K3M9Q",
    });
    // Outside the base path, or in a path that only starts with the same letters, is another application.
    for (const text of [
      "https://beamline.example.org/s/S-7K3M9Q",
      "https://beamline.example.org/registry-old/s/S-7K3M9Q",
      "https://beamline.example.org/Registry/s/S-7K3M9Q",
      "https://beamline.example.org/registry/../s/S-7K3M9Q",
    ]) {
      expect(parse(text, withBasePath)).toEqual({ kind: "foreign", text });
    }
  });

  it("call links to other sites, and to other pages of ours, foreign", () => {
    for (const text of [
      "https://example.com/s/S-7K3M9Q",
      "https://samples.example.org.attacker.example/s/S-7K3M9Q",
      "http://samples.example.org/s/S-7K3M9Q",
      "https://samples.example.org:8443/s/S-7K3M9Q",
      "https://user:secret@samples.example.org/s/S-7K3M9Q",
      "https://samples.example.org/proposals/20241234",
      "https://samples.example.org/",
      "https://samples.example.org/s/",
      "https://samples.example.org/S/S-7K3M9Q",
      "https://samples.example.org/s/S-7K3M9Q/datasets",
      "https://samples.example.org/s//S-7K3M9Q",
      "https://samples.example.org/x/S-7K3M9Q",
    ]) {
      expect(parse(text)).toEqual({ kind: "foreign", text });
    }
  });

  it("reject our links whose ID is not a valid ID", () => {
    for (const text of [
      "https://samples.example.org/s/S-7K3M9Q%2Fdatasets",
      "https://samples.example.org/s/-S-7K3M9Q",
      "https://samples.example.org/s/%E2%80%AES-7K3M9Q",
      "https://samples.example.org/s/S%ZZ",
      "https://samples.example.org/s/S%20X",
      `https://samples.example.org/s/${"A".repeat(65)}`,
    ]) {
      expect(parse(text)).toMatchObject({ kind: "invalid" });
    }
  });

  it("reject empty, overlong and control-character input, and anything else", () => {
    const invalid = (text: string) => expect(parse(text), JSON.stringify(text)).toMatchObject({ kind: "invalid" });
    for (const text of ["", "   ", "\r\n"]) invalid(text);
    for (const text of ["S-7K\u0000M9Q", "S-7K\u001bM9Q", "\u202eQ9M3K7-S", "S-7K\u200b3M9Q", "S-7K3M9Q\u0085"]) {
      invalid(text);
    }
    for (const text of [
      "hello world",
      "S-7K3M9Q; DROP TABLE samples",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "WIFI:S:beamline;T:WPA;P:secret;;",
      "samples.example.org/s/S-7K3M9Q",
      "ftp://samples.example.org/s/S-7K3M9Q",
      "https://",
      "-S-7K3M9Q",
      "A".repeat(65),
    ]) {
      invalid(text);
    }
    expect(parse("x".repeat(maxScannedLength + 1))).toEqual({
      kind: "invalid",
      reason: `The code is longer than ${maxScannedLength} characters.`,
    });
    expect(parse("")).toEqual({ kind: "invalid", reason: "The code is empty." });
  });

  it("measure the length after trimming, up to the limit", () => {
    const atLimit = `${appUrl}/x?${"q".repeat(maxScannedLength - appUrl.length - 3)}`;
    expect(atLimit).toHaveLength(maxScannedLength);
    expect(parse(`${atLimit}\r\n`)).toEqual({ kind: "foreign", text: atLimit });
  });
});
