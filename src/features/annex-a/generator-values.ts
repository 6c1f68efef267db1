/**
 * The pieces the Annex A generator draws from: a seeded random source, the date styles exports use, and
 * the template's code lists written the ways case systems write them.
 */
import { LIST_BY_NUMBER, type TemplateVersion } from '../../lib/annex-a/spec.js';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Cell = string | number | boolean | Date | null;

export const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** How a list's export writes its dates: one style per list, as one report writes one style. */
export type DateStyle = 'cell' | 'dmy' | 'iso' | 'dmy-time' | 'iso-time';
const DATE_STYLE: Record<number, DateStyle> = {
  1: 'cell',
  2: 'dmy',
  3: 'dmy',
  4: 'cell',
  5: 'iso',
  6: 'dmy',
  7: 'dmy-time',
  8: 'cell',
  9: 'cell',
  10: 'iso-time',
  11: 'cell',
};

export function dateIn(list: number, iso: string | null): Cell {
  if (!iso) return null;
  switch (DATE_STYLE[list]) {
    case 'cell':
      return asDate(iso);
    case 'dmy':
      return ddmmyyyy(iso);
    case 'iso':
      return iso;
    case 'dmy-time':
      return `${ddmmyyyy(iso)} 00:00`;
    case 'iso-time':
      return `${iso} 00:00:00`;
  }
}

// The template's drop-down values, as exports write them (facts from the published template; see codes.ts).
export const GENDERS = ['a) Male', 'b) Female', 'c) Not stated/recorded'];
export const GENDERS_BARE = ['Male', 'Female', 'M', 'F'];
export const ETHNICITIES = [
  'a) WBRI',
  'b) WIRI',
  'd) WOTH',
  'f) MWBC',
  'g) MWBA',
  'j) AIND',
  'k) APKN',
  'l) ABAN',
  'n) BCRB',
  'o) BAFR',
  'q) CHNE',
  'r) OOTH',
  't) NOBT',
];
export const SOURCES = [
  'q) 6: Police',
  'a) 1A: Individual',
  'e) 2A: Schools',
  'g) 3A: Health services',
  'h) 3B: Health services',
  'm) 4: Housing',
  'n) 5A: LA services',
  'p1) 5D: LA services',
  'r) 7: Other legal agency',
  's) 8: Other',
  't) 9: Anonymous',
];
export const NEEDS = [
  'N1 - Abuse or neglect',
  "N2 - Child's disability",
  'N3 - Parental disability or illness',
  'N4 - Family in acute stress',
  'N5 - Family dysfunction',
  'N6 - Socially unacceptable behaviour',
  'N7 - Low income',
  'N8 - Absent parenting',
];
export const CATEGORIES = [
  'a) Neglect',
  'b) Physical abuse',
  'c) Sexual abuse',
  'd) Emotional abuse',
  'e) Multiple/not recommended',
];
export const LEGAL = [
  'C1: ICO',
  'C2: FCO',
  'V2: Single period under S20',
  'E1: Placement order',
  'J2: LA accommodation under PACE',
  'L1: Police protection LA accommodation',
];
export const PLACEMENTS = [
  'f) U6: Foster placement - not FFA',
  'c) U3: Foster placement - relative - not FFA',
  'd) U4: Foster placement - long term',
  "p) K2: Children's Homes",
  'k) P1: Placed with parents',
  'n) H5: Residential accommodation',
  'l) P2: Independent living',
];
export const PROVIDERS = [
  'b) PR1: Own provision',
  'c) PR2: Other LA provision',
  'e) PR4: Private provision',
  'f) PR5: Voluntary/third sector',
];
export const OTHER_LAS = [
  'Kent',
  'Essex',
  'Surrey',
  'East Sussex',
  'Medway',
  'WAL - Child placed in Wales',
  'CON - Child placed in confidential placement',
];
export const PERMANENCE = ['a) Return to family', 'b) Adoption', 'c) SGO/CAO', 'f) Long-term fostering', 'g) other'];
export const ELIGIBILITY = ['a) Relevant child', 'b) Former relevant child', 'c) Qualifying care leaver'];
export const IN_TOUCH = [
  'a) Yes',
  'a) Yes',
  'a) Yes',
  'a) Yes',
  'a) Yes',
  'a) Yes',
  'a) Yes',
  'b) No',
  'd) Refu',
  'e) NREQ',
  'f) Rhom',
];
export const ACCOMMODATION = [
  'B: Parents/relatives',
  'D: Semi-independent, transitional accommodation and self-contained accommodation',
  'E: Supported lodgings',
  'U: Independent living',
  'Z: With former foster carers',
  'T: Foyers and similar supported accommodation',
  'S: No fixed abode/homeless',
];
export const ACTIVITY_2020 = [
  'F1: Full time in higher education',
  'F2: Full time in education other than higher',
  'F3: Full time in training or employment',
  'P3: Part time in training or employment',
  'G4: Not in education, employment or training - illness or disability',
  'G5: Not in education, employment or training - other',
  'G6: Not in education, employment or training - pregnancy or parenting',
];
export const ACTIVITY_2024 = [
  'F1: Full time in higher education',
  'F2: Full time in education other than higher',
  'F4: Young person engaged full time in an apprenticeship',
  'F5: Young person engaged full time in training or employment (not apprenticeship)',
  'P5: Young person engaged part time in training or employment (not apprenticeship)',
  'G4: Not in education, employment or training - illness or disability',
  'G5: Not in education, employment or training - other',
  'G6: Not in education, employment or training - pregnancy or parenting',
];

export interface Sheet {
  name: string;
  preamble?: string[][];
  headers: string[];
  rows: Cell[][];
  /** Blank rows a report leaves at the end of the sheet. */
  trailingBlank?: number;
}

/** A list's sheet: the template's headers for this version, in its order, and rows built as key → value. */
export function sheetFor(number: number, name: string, template: TemplateVersion, extra: string[] = []) {
  const spec = LIST_BY_NUMBER.get(number)!;
  const columns = spec.columns.filter((c) => template === '2024' || c.since === '2020');
  const sheet: Sheet = { name, headers: [...columns.map((c) => c.name), ...extra], rows: [], trailingBlank: 3 };
  return {
    sheet,
    push(values: Record<string, Cell>, extras: Cell[] = []) {
      sheet.rows.push([...columns.map((c) => (values[c.key] === undefined ? null : values[c.key])), ...extras]);
    },
  };
}
