/** The shapes of Annex A indicators: what they read, what they return, and the context they compute in. */
import type { HolidaySet } from '../working-days.js';
import type { AnnexRecord } from './import-types.js';

export type IndicatorUnit = 'count' | 'percent' | 'rate-per-10k' | 'ratio';
export type IndicatorPolarity = 'higher-is-better' | 'lower-is-better' | 'neither';

/** The authority's own area, to tell placements inside it from those outside ("LA of Placement"). */
export interface OwnArea {
  name: string;
  laCode: string | null;
  gssCode: string | null;
}

export interface IndicatorContext {
  referenceDate: string;
  holidays: HolidaySet;
  /** Children aged 0–17 in the authority, for rates per 10,000. */
  childPopulation: number | null;
  lists: ReadonlyMap<number, readonly AnnexRecord[]>;
  ownArea?: OwnArea | null;
}

export interface DrillRow {
  record: AnnexRecord;
  /** Counted in the numerator (for a percentage) or in the figure (for a count). */
  counted: boolean;
  /** What groups this row on the drill-down: the team, or the worker for caseloads. */
  group: string;
  note?: string;
}

export interface Breakdown {
  label: string;
  value: number | null;
  detail?: string;
}

export interface IndicatorResult {
  key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown: Breakdown[];
  rows: DrillRow[];
}

export interface ColumnRef {
  list: number;
  key: string;
}

/** The published national (DfE) measure an indicator is set beside, and how their definitions differ. */
export interface NationalCounterpart {
  /** Key of the measure in `src/features/benchmarks/measures.ts`. */
  measure: string;
  differences: string;
}

export interface IndicatorDefinition {
  key: string;
  name: string;
  unit: IndicatorUnit;
  polarity: IndicatorPolarity;
  /** Shown on the indicator page. */
  definition: string;
  /** The template columns it reads; the lists it reads follow from them (drill-down loads only these). */
  columns: ColumnRef[];
  /** Groups of columns of which at least one must be present. */
  oneOf?: ColumnRef[][];
  national?: NationalCounterpart;
  compute(ctx: IndicatorContext): IndicatorResult;
}
