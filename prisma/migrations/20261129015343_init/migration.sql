-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'STAFF', 'ADMIN');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('PI', 'MEMBER');

-- CreateEnum
CREATE TYPE "SampleStatus" AS ENUM ('REGISTERED', 'RECEIVED', 'MOUNTED', 'MEASURED', 'RETURNED', 'DISPOSED');

-- CreateEnum
CREATE TYPE "DatasetType" AS ENUM ('raw', 'derived');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "groups" TEXT[],
    "role" "Role" NOT NULL DEFAULT 'USER',
    "preferences" JSONB NOT NULL DEFAULT '{}',
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instrument" (
    "id" TEXT NOT NULL,
    "pid" TEXT NOT NULL,
    "uniqueName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customMetadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instrument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "abstract" TEXT,
    "description" TEXT,
    "piEmail" TEXT,
    "piFirstname" TEXT,
    "piLastname" TEXT,
    "email" TEXT,
    "firstname" TEXT,
    "lastname" TEXT,
    "startTime" TIMESTAMP(3),
    "endTime" TIMESTAMP(3),
    "type" TEXT,
    "ownerGroup" TEXT NOT NULL,
    "accessGroups" TEXT[],
    "status" "ProposalStatus" NOT NULL DEFAULT 'APPROVED',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalInstrument" (
    "proposalId" TEXT NOT NULL,
    "instrumentId" TEXT NOT NULL,

    CONSTRAINT "ProposalInstrument_pkey" PRIMARY KEY ("proposalId","instrumentId")
);

-- CreateTable
CREATE TABLE "MeasurementPeriod" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "instrumentId" TEXT,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "comment" TEXT,

    CONSTRAINT "MeasurementPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalMember" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "role" "MemberRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tray" (
    "id" TEXT NOT NULL,
    "trayId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "columns" INTEGER NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "labelPrintedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tray_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" TEXT NOT NULL,
    "specimenId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "trayId" TEXT,
    "position" INTEGER,
    "specimenName" TEXT NOT NULL,
    "qrCodeLabel" TEXT NOT NULL,
    "description" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status" "SampleStatus" NOT NULL DEFAULT 'REGISTERED',
    "labelPrintedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "pid" TEXT NOT NULL,
    "proposalId" TEXT,
    "sampleId" TEXT,
    "instrumentId" TEXT,
    "datasetName" TEXT NOT NULL,
    "description" TEXT,
    "type" "DatasetType" NOT NULL DEFAULT 'raw',
    "sourceFolder" TEXT NOT NULL,
    "sourceFolderHost" TEXT,
    "size" BIGINT NOT NULL DEFAULT 0,
    "numberOfFiles" INTEGER NOT NULL DEFAULT 0,
    "creationTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startTime" TIMESTAMP(3),
    "endTime" TIMESTAMP(3),
    "owner" TEXT NOT NULL,
    "ownerGroup" TEXT,
    "accessGroups" TEXT[],
    "contactEmail" TEXT NOT NULL,
    "keywords" TEXT[],
    "techniques" JSONB NOT NULL DEFAULT '[]',
    "scientificMetadata" JSONB NOT NULL DEFAULT '{}',
    "createdBy" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrigDatablock" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "chkAlg" TEXT,
    "dataFileList" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrigDatablock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT[],
    "instrumentId" TEXT,
    "ownerId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleEvent" (
    "id" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "location" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SampleEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "proposalId" TEXT,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_subject_key" ON "User"("subject");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Instrument_pid_key" ON "Instrument"("pid");

-- CreateIndex
CREATE UNIQUE INDEX "Instrument_uniqueName_key" ON "Instrument"("uniqueName");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_proposalId_key" ON "Proposal"("proposalId");

-- CreateIndex
CREATE INDEX "Proposal_startTime_idx" ON "Proposal"("startTime");

-- CreateIndex
CREATE INDEX "Proposal_ownerGroup_idx" ON "Proposal"("ownerGroup");

-- CreateIndex
CREATE INDEX "Proposal_accessGroups_idx" ON "Proposal" USING GIN ("accessGroups");

-- CreateIndex
CREATE INDEX "ProposalInstrument_instrumentId_idx" ON "ProposalInstrument"("instrumentId");

-- CreateIndex
CREATE INDEX "MeasurementPeriod_proposalId_idx" ON "MeasurementPeriod"("proposalId");

-- CreateIndex
CREATE INDEX "MeasurementPeriod_start_idx" ON "MeasurementPeriod"("start");

-- CreateIndex
CREATE INDEX "MeasurementPeriod_instrumentId_idx" ON "MeasurementPeriod"("instrumentId");

-- CreateIndex
CREATE INDEX "ProposalMember_userId_idx" ON "ProposalMember"("userId");

-- CreateIndex
CREATE INDEX "ProposalMember_email_idx" ON "ProposalMember"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalMember_proposalId_email_key" ON "ProposalMember"("proposalId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Tray_trayId_key" ON "Tray"("trayId");

-- CreateIndex
CREATE INDEX "Tray_proposalId_idx" ON "Tray"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "Sample_specimenId_key" ON "Sample"("specimenId");

-- CreateIndex
CREATE INDEX "Sample_proposalId_idx" ON "Sample"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "Sample_trayId_position_key" ON "Sample"("trayId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_pid_key" ON "Dataset"("pid");

-- CreateIndex
CREATE INDEX "Dataset_sampleId_creationTime_idx" ON "Dataset"("sampleId", "creationTime");

-- CreateIndex
CREATE INDEX "Dataset_proposalId_creationTime_idx" ON "Dataset"("proposalId", "creationTime");

-- CreateIndex
CREATE INDEX "Dataset_instrumentId_idx" ON "Dataset"("instrumentId");

-- CreateIndex
CREATE INDEX "OrigDatablock_datasetId_idx" ON "OrigDatablock"("datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_ownerId_idx" ON "ApiToken"("ownerId");

-- CreateIndex
CREATE INDEX "SampleEvent_sampleId_createdAt_idx" ON "SampleEvent"("sampleId", "createdAt");

-- CreateIndex
CREATE INDEX "SampleEvent_actorId_idx" ON "SampleEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_createdAt_idx" ON "AuditLog"("entity", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_proposalId_createdAt_idx" ON "AuditLog"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalInstrument" ADD CONSTRAINT "ProposalInstrument_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalInstrument" ADD CONSTRAINT "ProposalInstrument_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "Instrument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasurementPeriod" ADD CONSTRAINT "MeasurementPeriod_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasurementPeriod" ADD CONSTRAINT "MeasurementPeriod_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "Instrument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalMember" ADD CONSTRAINT "ProposalMember_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalMember" ADD CONSTRAINT "ProposalMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tray" ADD CONSTRAINT "Tray_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_trayId_fkey" FOREIGN KEY ("trayId") REFERENCES "Tray"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "Instrument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_createdByUserId_fkey" FOREIGN KEY ("createdByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrigDatablock" ADD CONSTRAINT "OrigDatablock_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "Instrument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleEvent" ADD CONSTRAINT "SampleEvent_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleEvent" ADD CONSTRAINT "SampleEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
