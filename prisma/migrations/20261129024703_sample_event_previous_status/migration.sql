-- AlterTable
ALTER TABLE "SampleEvent" ADD COLUMN     "previousStatus" "SampleStatus";
