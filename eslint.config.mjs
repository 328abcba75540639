import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // Components and schemas never touch the database: dependencies point app -> lib -> db.
    files: ["components/**", "lib/schemas/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "**/lib/db", "@/lib/generated/*", "**/generated/prisma/*"],
              message:
                "Components and schemas never use the database; call a domain function in lib/ from a page or action.",
            },
          ],
        },
      ],
    },
  },
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
