import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rules of eslint.config.mjs (docs/architecture.md), each shown firing on a deliberately
 * wrong import, and staying quiet on the right one: a rule that never fires protects nothing.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The messages of the layer rules for `code` as if it were the file at `filePath`. */
async function layerMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages
    .filter((message) =>
      ["@typescript-eslint/no-restricted-imports", "no-restricted-syntax"].includes(message.ruleId ?? ""),
    )
    .map((message) => message.message);
}

const serverOnly = 'import "server-only";\n';

describe("layer rules", () => {
  it("components import values only from lib/shared, lib/schemas and a feature's actions", async () => {
    expect(
      await layerMessages(
        "components/samples/Bad.tsx",
        'import { db } from "@/lib/platform/db";\nexport const x = db;\n',
      ),
    ).toEqual([expect.stringContaining("Browser code imports values only from @/lib/shared, @/lib/schemas")]);
    expect(
      await layerMessages(
        "components/samples/Bad.tsx",
        'import { getSample } from "@/lib/samples/queries";\nexport const x = getSample;\n',
      ),
    ).toHaveLength(1);
    for (const allowed of [
      'import type { SampleDetail } from "@/lib/samples/queries";\nexport type X = SampleDetail;\n',
      'import { type SampleDetail } from "@/lib/samples/queries";\nexport type X = SampleDetail;\n',
      'import { formatBytes } from "@/lib/shared/format";\nexport const x = formatBytes;\n',
      'import { sampleSchema } from "@/lib/schemas/sample";\nexport const x = sampleSchema;\n',
      'import { createSampleAction } from "@/lib/samples/actions";\nexport const x = createSampleAction;\n',
      'import { importSamplesAction } from "@/lib/samples/import/actions";\nexport const x = importSamplesAction;\n',
    ])
      expect(await layerMessages("components/samples/Good.tsx", allowed)).toEqual([]);
  });

  it("components never import from app/, not even types", async () => {
    for (const code of [
      'import { x } from "@/app/scan/helpers";\nexport const y = x;\n',
      'import type { X } from "@/app/scan/helpers";\nexport type Y = X;\n',
    ])
      expect(await layerMessages("components/scanner/Bad.tsx", code)).toEqual([
        expect.stringContaining("Components never import from app/"),
      ]);
  });

  it("components and lib import across folders only through the @/ alias", async () => {
    expect(
      await layerMessages(
        "components/samples/Bad.tsx",
        'import { db } from "../../lib/platform/db";\nexport const x = db;\n',
      ),
    ).toEqual([expect.stringContaining("through the @/ alias")]);
    expect(
      await layerMessages(
        "lib/samples/bad.ts",
        `${serverOnly}import { db } from "../platform/db";\nexport const x = db;\n`,
      ),
    ).toEqual([expect.stringContaining("through the @/ alias")]);
    expect(
      await layerMessages(
        "lib/samples/good.ts",
        `${serverOnly}import { x } from "./sample-record";\nexport const y = x;\n`,
      ),
    ).toEqual([]);
  });

  it("lib never imports from app/ or components/", async () => {
    for (const code of [
      'import { SampleForm } from "@/components/samples/SampleForm";\nexport const x = SampleForm;\n',
      'import type { X } from "@/app/proposals/page";\nexport type Y = X;\n',
    ])
      expect(await layerMessages("lib/samples/bad.ts", `${serverOnly}${code}`)).toEqual([
        expect.stringContaining("lib/ never imports from app/ or components/"),
      ]);
  });

  it("lib/shared and lib/schemas import nothing from the server", async () => {
    expect(
      await layerMessages(
        "lib/shared/bad.ts",
        'import { config } from "@/lib/platform/config";\nexport const x = config;\n',
      ),
    ).toEqual([expect.stringContaining("lib/shared and lib/schemas run in the browser too")]);
    expect(
      await layerMessages(
        "lib/schemas/bad.ts",
        'import type { Caller } from "@/lib/auth/caller";\nexport type X = Caller;\n',
      ),
    ).toHaveLength(1);
    for (const code of [
      'import "server-only";\n',
      'import { randomInt } from "node:crypto";\nexport const x = randomInt;\n',
    ])
      expect(await layerMessages("lib/shared/bad.ts", code)).toEqual([
        expect.stringContaining("must stay browser-safe"),
      ]);
    expect(
      await layerMessages(
        "lib/shared/good.ts",
        'import { metadataSchema } from "@/lib/schemas/common";\nexport const x = metadataSchema;\n',
      ),
    ).toEqual([]);
  });

  it('every other module in lib/ imports "server-only"', async () => {
    expect(await layerMessages("lib/samples/bad.ts", "export const x = 1;\n")).toEqual([
      expect.stringContaining('Server modules in lib/ import "server-only"'),
    ]);
    expect(await layerMessages("lib/samples/good.ts", `${serverOnly}export const x = 1;\n`)).toEqual([]);
    expect(await layerMessages("lib/shared/good.ts", "export const x = 1;\n")).toEqual([]);
  });
});
