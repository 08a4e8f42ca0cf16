// Shapes of the Areas endpoints (camelCase JSON), as Areas/AreaOverview.cs and Areas/Ruian/RuianImportJobModels.cs define them.

export interface AreasStreet {
  id: number;
  name: string;
  /** 'seed' (first-start data) or 'ruian' (confirmed by the register). */
  source: string;
  /** False for a retired street (the register dropped it and nobody lived there). */
  active: boolean;
  needsMapping: boolean;
  subscribers: number;
}

export interface AreasPart { id: number; ruianCode: number; name: string; subscribers: number; streets: AreasStreet[] }

export interface AreasOverview { municipalityCode: number; parts: AreasPart[] }

export interface ImportCounts {
  rowsRead: number;
  partsAdded: number;
  partsUnchanged: number;
  partsRenamed: number;
  streetsAdded: number;
  streetsConfirmed: number;
  streetsUnchanged: number;
  streetsRetired: number;
  streetsReactivated: number;
  addressPoints: number;
  streetsNeedingMapping: number;
  unlistedStreets: number;
  houseNumberMismatches: number;
  moves: string[];
  retiredStreets: string[];
}

export type ImportState = 'running' | 'succeeded' | 'failed';
export type ImportPhase = 'queued' | 'downloading' | 'reading' | 'checking' | 'writing' | 'done';

export interface ImportJob {
  id: number;
  source: 'upload' | 'cuzk';
  fileName: string | null;
  actor: string;
  state: ImportState;
  phase: ImportPhase;
  /** Bytes while downloading, rows while checking. */
  processed: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  counts: ImportCounts | null;
  errors: string[];
}
