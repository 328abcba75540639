-- CreateEnum
CREATE TYPE "ApiTokenOrigin" AS ENUM ('MANUAL', 'SCICAT_LOGIN');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'SIGN_IN';
ALTER TYPE "AuditAction" ADD VALUE 'SIGN_IN_FAILED';
ALTER TYPE "AuditAction" ADD VALUE 'SIGN_OUT';

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "origin" "ApiTokenOrigin" NOT NULL DEFAULT 'MANUAL';

-- Tokens issued by SciCat logins before this migration: named so by lib/scicat/login.ts, with no owner.
UPDATE "ApiToken" SET "origin" = 'SCICAT_LOGIN' WHERE "ownerId" IS NULL AND "name" LIKE 'SciCat login %';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CredentialFailure" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "CredentialFailure_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "CredentialFailure_expire_idx" ON "CredentialFailure"("expire");

-- CreateIndex
CREATE INDEX "ApiToken_origin_expiresAt_idx" ON "ApiToken"("origin", "expiresAt");
