import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layer rules of docs/architecture.md, as lint rules (tests/unit/layer-rules.test.ts shows each
 * one firing). Imports across folders go through the `@/` alias, so a path names the layer it
 * reaches; the rules below read those paths.
 */
const noParentImports = {
  regex: "^\\.\\./",
  message: "Import across folders through the @/ alias (e.g. @/lib/shared/format), so the layer rules can see it.",
};

const browserSafe = "Browser code imports values only from @/lib/shared, @/lib/schemas and a feature's actions";

export const layerRules = [
  {
    // Components run in the browser or render on the server without touching data: values come from
    // the pure modules and the server actions; anything else only as `import type`.
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            noParentImports,
            {
              regex: "^@/app(/|$)",
              message: "Components never import from app/: pages use components, not the other way round.",
            },
            {
              regex: "^@/lib/(?!shared/|schemas/|(?:[\\w-]+/)+actions$)",
              allowTypeImports: true,
              message: `${browserSafe} (lib/<feature>/actions.ts); anything else only as \`import type\`.`,
            },
          ],
        },
      ],
    },
  },
  {
    // The domain never reaches up into pages or components.
    files: ["lib/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            noParentImports,
            {
              regex: "^@/(app|components)(/|$)",
              message: "lib/ never imports from app/ or components/: dependencies point down (docs/architecture.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // Pure, browser-safe modules: nothing from the server, no Node built-ins.
    files: ["lib/shared/**", "lib/schemas/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            noParentImports,
            {
              regex: "^@/(?!lib/shared/|lib/schemas/)",
              message:
                "lib/shared and lib/schemas run in the browser too: they import only each other (and npm packages that run in browsers).",
            },
            { regex: "^(server-only|node:.*)$", message: "lib/shared and lib/schemas must stay browser-safe." },
          ],
        },
      ],
    },
  },
  {
    // Everything else in lib/ is server code, and says so: a browser bundle that reached it fails to build.
    files: ["lib/**/*.ts"],
    ignores: ["lib/shared/**", "lib/schemas/**", "lib/generated/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Program:not(:has(ImportDeclaration[source.value='server-only']))",
          message:
            'Server modules in lib/ import "server-only"; browser-safe code belongs in lib/shared or lib/schemas.',
        },
      ],
    },
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import/no-duplicates": ["error", { "prefer-inline": true }],
      "no-console": "off",
    },
  },
  ...layerRules,
  globalIgnores([
    ".next/**",
    "out/**",
    "lib/generated/**",
    "next-env.d.ts",
    "clients/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
