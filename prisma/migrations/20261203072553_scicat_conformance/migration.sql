-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "creationLocation" TEXT,
ADD COLUMN     "dataFormat" TEXT,
ADD COLUMN     "inputDatasets" TEXT[],
ADD COLUMN     "jobLogData" TEXT,
ADD COLUMN     "jobParameters" JSONB,
ADD COLUMN     "license" TEXT,
ADD COLUMN     "principalInvestigators" TEXT[],
ADD COLUMN     "sciCatFields" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "usedSoftware" TEXT[];

-- AlterTable
ALTER TABLE "OrigDatablock" ADD COLUMN     "createdBy" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Sample" ADD COLUMN     "owner" TEXT;

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT,
    "sampleId" TEXT,
    "proposalId" TEXT,
    "caption" TEXT NOT NULL,
    "thumbnail" TEXT NOT NULL,
    "ownerGroup" TEXT,
    "accessGroups" TEXT[],
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_datasetId_createdAt_idx" ON "Attachment"("datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_sampleId_createdAt_idx" ON "Attachment"("sampleId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_proposalId_createdAt_idx" ON "Attachment"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "Dataset_ownerGroup_creationTime_idx" ON "Dataset"("ownerGroup", "creationTime");

-- CreateIndex
CREATE INDEX "Dataset_inputDatasets_idx" ON "Dataset" USING GIN ("inputDatasets");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
