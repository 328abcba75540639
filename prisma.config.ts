import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` here (the native schema engine cannot be installed
// offline); migrations are applied by scripts/db-migrate.ts. The URL is still given so that
// `prisma migrate deploy` works where the native engine is available.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
