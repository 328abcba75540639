-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "publishToSciCat" BOOLEAN;

-- CreateTable
CREATE TABLE "PublicationOutbox" (
    "id" BIGSERIAL NOT NULL,
    "entity" TEXT NOT NULL,
    "recordKey" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "rejectedAt" TIMESTAMP(3),

    CONSTRAINT "PublicationOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Publication" (
    "entity" TEXT NOT NULL,
    "recordKey" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "remotePath" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("entity","recordKey")
);

-- CreateIndex
CREATE INDEX "PublicationOutbox_orderKey_id_idx" ON "PublicationOutbox"("orderKey", "id");

-- CreateIndex
CREATE INDEX "PublicationOutbox_entity_recordKey_idx" ON "PublicationOutbox"("entity", "recordKey");

-- CreateIndex
CREATE INDEX "PublicationOutbox_nextAttemptAt_idx" ON "PublicationOutbox"("nextAttemptAt");
