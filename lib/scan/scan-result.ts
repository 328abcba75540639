import "server-only";
/**
 * What a scan resolves to, as JSON: the API sends it, the /scan page renders it after fetch, and
 * the QR landing pages render the same object on the server. Dates are ISO strings and sizes plain
 * numbers so that the three render identically. Pure types, safe for client components.
 */
export type ScanProposal = {
  proposalId: string;
  title: string;
  piName: string;
  startTime: string | null;
  endTime: string | null;
};

export type ScanDataset = {
  pid: string;
  datasetName: string;
  creationTime: string;
  /** Bytes. */
  size: number;
  numberOfFiles: number;
  sourceFolder: string;
};

export type ScanEvent = {
  id: string;
  kind: string;
  actorName: string;
  location: string | null;
  note: string | null;
  createdAt: string;
};

export type ScanAuditEntry = {
  id: string;
  createdAt: string;
  actorName: string;
  action: "CREATE" | "UPDATE" | "DELETE";
  entity: string;
  entityId: string;
  changes: unknown;
};

export type ScanTrayLayout = { trayId: string; name: string; rows: number; columns: number };

export type SampleScan = {
  kind: "sample";
  sample: {
    specimenId: string;
    specimenName: string;
    status: string;
    description: string | null;
  };
  proposal: ScanProposal;
  tray: (ScanTrayLayout & { position: number | null; positionLabel: string | null }) | null;
  datasets: ScanDataset[];
  events: ScanEvent[];
  history: ScanAuditEntry[];
};

export type TrayScan = {
  kind: "tray";
  tray: ScanTrayLayout;
  proposal: ScanProposal;
  samples: { specimenId: string; specimenName: string; position: number | null; status: string }[];
};

export type ScanResult = SampleScan | TrayScan;

/** A suggestion for manual entry: an ID the caller may see, with what it names. */
export type ScanSuggestion = { id: string; kind: "sample" | "tray"; label: string };

/** What one batch scan recorded: one event per sample (a tray scan records one for each of its samples). */
export type RecordedScan = {
  code: string;
  kind: string;
  label: string;
  trayId: string | null;
  events: { id: string; specimenId: string; specimenName: string; status: string; previousStatus: string }[];
};

/** A scan as a page shows it: the card, or the message saying why there is none. */
export type ScanOutcome = { result: ScanResult } | { message: string };
