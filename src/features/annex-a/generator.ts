/**
 * A synthetic Annex A workbook: invented children, consistent across the lists, with the variations
 * real exports have and a documented set of deliberate defects for the data-quality report to find.
 * No real data: identifiers are "SYN" numbers, workers are staff codes, everything is drawn from a
 * seeded pseudo-random generator so the same options give the same workbook.
 */
import fs from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { addDays } from '../../lib/dates.js';
import { addMonths } from '../../lib/annex-a/indicators.js';

export interface GeneratorOptions {
  children: number;
  referenceDate: string;
  seed?: number;
  /** Include the deliberate defects (default true). */
  defects?: boolean;
}

/** The defects the generator plants, so tests and people know what the quality report should find. */
export const GENERATOR_DEFECTS = [
  'List 1 has two lines of notes above the header row and a blank row every 500 rows',
  'List 1 repeats one contact row exactly (a duplicate row)',
  'List 4: about 1 in 200 assessments is authorised before it started',
  'List 6 has an extra "Local notes" column (ignored, never stored) and about 1 in 300 "Date Child Was Last Seen" values that are not dates ("TBC", "31/02/2024")',
  'List 6: about 3 in 100 open cases have no allocated worker',
  'List 7: about 1 in 50 children on a plan are missing from List 6',
  'List 8: about 1 in 100 children in care have no placement type',
  'List 3: about 1 in 500 referral dates fall after the reference date',
];

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000);
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const GENDERS = ['a) Male', 'b) Female', 'c) Not known'];
const ETHNICITIES = ['a) WBRI', 'b) WIRI', 'c) WOTH', 'd) MWBC', 'e) MWBA', 'f) AIND', 'g) APKN', 'h) BCRB', 'i) BAFR', 'j) CHNE', 'k) OOTH', 'l) NOBT'];
const CONTACT_SOURCES = ['q) 6: Police', 'a) 1A: Individual', 'f) 3A: Schools', 'h) 4: Health services', 'j) 5A: Housing', 'n) 8: Other legal agency', 'b) 1B: Family member'];
const NEEDS = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'];
const CATEGORIES = ['a) Neglect', 'b) Emotional abuse', 'c) Physical abuse', 'd) Sexual abuse', 'e) Multiple'];
const LEGAL = ['C2', 'V2', 'E1', 'J2', 'L1'];
const PLACEMENTS = ['U1', 'U3', 'U4', 'U6', 'K2', 'R1', 'P1', 'H5'];
const ACTIVITIES = ['F1: Higher education', 'F2: Other education', 'F4: Training or employment', 'G4: Not in education, employment or training', 'G6: Not in education, employment or training – illness'];
const ACCOMMODATION = ['B: Parents or relatives', 'C: Community home', 'D: Semi-independent', 'S: Independent living', 'T: Supported lodgings'];

interface Sheet {
  name: string;
  preamble?: string[][];
  headers: string[];
  rows: (string | number | null)[][];
}

/** Build the lists in memory (rows of cell values), ready to write. */
export function generateSheets(options: GeneratorOptions): Sheet[] {
  const rand = rng(options.seed ?? 20240601);
  const defects = options.defects ?? true;
  const ref = options.referenceDate;
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const dateBefore = (maxDays: number, minDays = 0) => addDays(ref, -(minDays + Math.floor(rand() * (maxDays - minDays))));
  const teams = {
    front: ['Assessment Team A', 'Assessment Team B', 'Assessment Team C'],
    fs: ['Family Support North', 'Family Support South'],
    cp: ['Child Protection East', 'Child Protection West'],
    cla: ['Children in Care 1', 'Children in Care 2'],
    cl: ['Leaving Care'],
    eh: ['Early Help Hub'],
  };
  const workerCount = Math.max(4, Math.round(options.children / 60));
  const workers = new Map<string, string[]>();
  let w = 0;
  for (const ts of Object.values(teams))
    for (const t of ts)
      workers.set(
        t,
        Array.from({ length: Math.max(2, Math.round(workerCount / 12)) }, () => `SW${String(++w).padStart(4, '0')}`),
      );
  const workerIn = (team: string) => pick(workers.get(team)!);

  const H = {
    common: ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Disability'],
  };
  const l1: Sheet = { name: 'List 1', preamble: [['Annex A – List 1: Contacts (synthetic data for testing)'], ['All children with a contact in the six months before the reference date']], headers: ['child unique id', 'Gender', 'Ethnicity', 'DOB', 'Age of child (years)', 'Disability', 'Date of Contact', 'Contact Source'], rows: [] };
  const l2: Sheet = { name: 'List 2', headers: [...H.common, 'Assessment start date', 'Assessment completion date', 'Organisation completing assessment', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l3: Sheet = { name: 'List 3', headers: [...H.common, 'Date of referral', 'Referral Source', 'Referral NFA?', 'Number of Referrals in Last 12 Months', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l4: Sheet = { name: 'List 4', headers: [...H.common, 'Continuous Assessment Start Date', 'Continuous Assessment Date of Authorisation', "Was the child assessed as requiring LA children's social care support?", 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l5: Sheet = { name: 'Sec47 and ICPC', headers: [...H.common, 'Strategy discussion initiating Section 47 Enquiry Start Date', 'Was an Initial Child Protection Conference deemed unnecessary?', 'Date of Initial Child Protection Conference', 'Did the Initial Child Protection Conference Result in a Child Protection Plan?', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l6: Sheet = { name: 'Children in Need', headers: [...H.common, 'Case Status', 'CIN Start Date', 'Primary Need Code', 'Date Child Was Last Seen', 'CIN Closure Date', 'Reason for Closure', 'Allocated Team', 'Allocated Worker', ...(defects ? ['Local notes'] : [])], rows: [] };
  const l7: Sheet = { name: 'List 7', headers: [...H.common, 'Child Protection Plan Start Date', 'Initial Category of Abuse', 'Latest Category of Abuse', 'Date of the Last Statutory Visit', 'Was the Child Seen Alone?', 'Date of latest review conference', 'Child Protection Plan End Date', 'Number of Previous Child Protection Plans', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l8: Sheet = { name: 'List 8', headers: [...H.common, 'Date Started to be Looked After', "Child's Legal Status", 'Start date of current legal status', 'Category of Need', 'Number of Placements in the Last 12 Months', 'Start Date of Most Recent Placement', 'Placement Type', 'Placement Provider', 'Placement Distance from Home (Miles)', 'Date of Latest Statutory Review', 'Date of Last Social Work Visit', 'Was the Child Seen Alone?', 'Date of Last Health Assessment', 'Date of Last Dental Check', 'Number of Missing Episodes in the Last 12 Months', 'Was the child offered a return home interview after the last missing episode?', 'Date Ceased to be Looked After', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l9: Sheet = { name: 'List 9', headers: [...H.common, 'In Touch', 'Main Activity', 'Accommodation Type', 'Suitability of Accommodation', 'Date of Latest Pathway Plan', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l10: Sheet = { name: 'List 10', headers: [...H.common, 'Date the Child Entered Care', 'Date of Decision that Child Should be Placed for Adoption', 'Date of Placement Order', 'Date of Matching Child and Prospective Adopters', 'Date Placed for Adoption', 'Date of Adoption Order', 'Allocated Team', 'Allocated Worker'], rows: [] };
  const l11: Sheet = { name: 'List 11', headers: ['Individual adopter identifier', 'Adopter Gender', 'Adopter Ethnicity', 'Date enquiry received', 'Date Stage 1 started', 'Date Stage 1 ended', 'Date Stage 2 started', 'Date Stage 2 ended', 'Date application approved'], rows: [] };

  const yn = (b: boolean) => (b ? 'a) Yes' : 'b) No');
  for (let i = 1; i <= options.children; i++) {
    const id = `SYN${String(i).padStart(7, '0')}`;
    const leaver = chance(0.03);
    const ageYears = leaver ? 18 + Math.floor(rand() * 4) : Math.floor(rand() * 18);
    const dob = addDays(addMonths(ref, -12 * ageYears), -Math.floor(rand() * 360));
    const common = [id, pick(GENDERS), pick(ETHNICITIES), ddmmyyyy(dob), ageYears, chance(0.08) ? 'a) Yes' : 'b) No'];
    if (leaver) {
      const team = 'Leaving Care';
      l9.rows.push([...common, yn(chance(0.9)), pick(ACTIVITIES), pick(ACCOMMODATION), yn(chance(0.88)), serial(dateBefore(180)), team, workerIn(team)]);
      continue;
    }
    const contacts = 1 + (chance(0.4) ? 1 : 0) + (chance(0.15) ? 1 : 0);
    let firstContact = ref;
    for (let c = 0; c < contacts; c++) {
      const d = dateBefore(182);
      if (d < firstContact) firstContact = d;
      l1.rows.push([...common.slice(0, 3), serial(dob), ageYears, common[5], serial(d), pick(CONTACT_SOURCES)]);
      if (defects && i === 7 && c === 0) l1.rows.push([...common.slice(0, 3), serial(dob), ageYears, common[5], serial(d), l1.rows[l1.rows.length - 1][7]]);
    }
    if (chance(0.25)) {
      const start = dateBefore(180, 30);
      l2.rows.push([...common, start, chance(0.7) ? addDays(start, 10 + Math.floor(rand() * 40)) : null, 'Local authority', 'Early Help Hub', workerIn('Early Help Hub')]);
    }
    if (!chance(0.45)) continue;
    const front = pick(teams.front);
    let referral = firstContact;
    if (defects && chance(0.002)) referral = addDays(ref, 3);
    const prior = chance(0.2) ? 2 : 1;
    l3.rows.push([...common, ddmmyyyy(referral), pick(CONTACT_SOURCES), yn(chance(0.1)), prior, front, workerIn(front)]);
    if (prior === 2 && chance(0.3)) l3.rows.push([...common, ddmmyyyy(addDays(referral, -60 - Math.floor(rand() * 200))), pick(CONTACT_SOURCES), yn(false), 1, front, workerIn(front)]);
    if (!chance(0.85)) continue;
    const aStart = addDays(referral, Math.floor(rand() * 3));
    const open = chance(0.15);
    let aAuth: string | null = open ? null : addDays(aStart, 10 + Math.floor(rand() * 55));
    if (aAuth && aAuth > ref) aAuth = null;
    if (defects && aAuth && chance(0.005)) aAuth = addDays(aStart, -2);
    l4.rows.push([...common, aStart, aAuth, yn(chance(0.6)), front, workerIn(front)]);
    const cin = chance(0.6);
    const s47 = chance(0.2);
    let cp = false;
    if (s47) {
      const strategy = addDays(aStart, Math.floor(rand() * 5));
      const icpc = chance(0.5) ? addDays(strategy, 8 + Math.floor(rand() * 20)) : null;
      cp = !!icpc && icpc <= ref && chance(0.75);
      l5.rows.push([...common, strategy, yn(!icpc), icpc && icpc <= ref ? icpc : null, icpc ? yn(cp) : null, front, workerIn(front)]);
      if (cp) {
        const cpTeam = pick(teams.cp);
        const start = chance(0.1) ? dateBefore(1100, 730) : icpc!;
        const ended = chance(0.2);
        const cpWorker = chance(0.03) ? null : workerIn(cpTeam);
        l7.rows.push([...common, start, pick(CATEGORIES), pick(CATEGORIES), dateBefore(20), yn(chance(0.8)), dateBefore(90), ended ? dateBefore(30) : null, chance(0.22) ? 1 + Math.floor(rand() * 2) : 0, cpTeam, cpWorker]);
        if (!(defects && chance(0.02))) {
          const row = [...common, 'Open', start, pick(NEEDS), ddmmyyyy(dateBefore(25)), null, null, cpTeam, cpWorker];
          if (defects) row.push('synthetic note');
          l6.rows.push(row);
        }
        cp = true;
      }
    }
    if (cin && !cp) {
      const fsTeam = pick(teams.fs);
      const closed = chance(0.3);
      let lastSeen: string | number = ddmmyyyy(dateBefore(40));
      if (defects && chance(0.0035)) lastSeen = chance(0.5) ? 'TBC' : '31/02/2024';
      const row = [...common, closed ? 'Closed' : 'Open', addDays(aStart, 1), pick(NEEDS), lastSeen, closed ? ddmmyyyy(dateBefore(30)) : null, closed ? 'RC1' : null, fsTeam, defects && !closed && chance(0.03) ? null : workerIn(fsTeam)];
      if (defects) row.push(i % 97 === 0 ? 'synthetic note' : null);
      l6.rows.push(row);
    }
    if (chance(0.12)) {
      const claTeam = pick(teams.cla);
      const start = dateBefore(2000, 20);
      const missing = chance(0.15) ? 1 + Math.floor(rand() * 4) : 0;
      l8.rows.push([
        ...common,
        start,
        pick(LEGAL),
        start,
        pick(NEEDS),
        chance(0.1) ? 3 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 2),
        dateBefore(300),
        defects && chance(0.01) ? null : pick(PLACEMENTS),
        pick(['PR1', 'PR2', 'PR4', 'PR5']),
        Math.floor(rand() * (chance(0.2) ? 80 : 20)),
        dateBefore(180),
        dateBefore(chance(0.85) ? 40 : 90),
        yn(chance(0.75)),
        dateBefore(365),
        dateBefore(365),
        missing,
        missing ? yn(chance(0.85)) : null,
        chance(0.1) ? dateBefore(15) : null,
        claTeam,
        workerIn(claTeam),
      ]);
      if (chance(0.08)) {
        const decision = addDays(start, 90 + Math.floor(rand() * 200));
        if (decision <= ref) l10.rows.push([...common, start, decision, addDays(decision, 60), null, null, null, claTeam, workerIn(claTeam)]);
      }
    }
  }
  for (let a = 1; a <= Math.max(2, Math.round(options.children / 200)); a++) {
    const enquiry = dateBefore(700, 30);
    l11.rows.push([`ADOPTER${String(a).padStart(5, '0')}`, pick(['a) Male', 'b) Female']), pick(ETHNICITIES), enquiry, addDays(enquiry, 20), addDays(enquiry, 80), addDays(enquiry, 90), null, null]);
  }
  return [l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11];
}

/** Write the workbook as .xlsx to a stream (streaming: rows are written and released as they go). */
export async function writeWorkbook(sheets: Sheet[], stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const p of sheet.preamble ?? []) ws.addRow(p).commit();
    ws.addRow(sheet.headers).commit();
    sheet.rows.forEach((row, i) => {
      if (sheet.preamble && i > 0 && i % 500 === 0) ws.addRow([]).commit();
      ws.addRow(row).commit();
    });
    ws.commit();
  }
  await wb.commit();
}

export async function generateWorkbookBuffer(options: GeneratorOptions): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeWorkbook(generateSheets(options), out);
  await done;
  return Buffer.concat(chunks);
}

export async function generateWorkbookFile(options: GeneratorOptions, file: string): Promise<{ rows: number }> {
  const sheets = generateSheets(options);
  const stream = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  await writeWorkbook(sheets, stream);
  await closed;
  return { rows: sheets.reduce((n, s) => n + s.rows.length, 0) };
}

/** The same children as CSV files (one per list), for tests of the CSV path. */
export function sheetsToCsv(sheets: Sheet[]): { name: string; text: string }[] {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return sheets.map((s) => ({ name: `${s.name}.csv`, text: [s.headers, ...s.rows].map((r) => r.map(cell).join(',')).join('\n') }));
}
