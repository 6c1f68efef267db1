/**
 * Workbooks in the published template, built from the template's own headers (not Waymark's
 * specification) and written as Excel and CSV exports write them: they must import with no errors,
 * and every indicator must equal the figure worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  PUBLISHED_HEADERS_2020,
  PUBLISHED_LIST_9_LATER,
  makeCsvSet,
  makeExcelWorkbook,
} from '../../../test/fixtures/annex-a/template.js';
import {
  REAL_FORMAT_AREA,
  REAL_FORMAT_EXPECTED,
  REAL_FORMAT_HOLIDAYS,
  REAL_FORMAT_POPULATION,
  REAL_FORMAT_REFERENCE_DATE,
  realFormatSheets,
} from '../../../test/fixtures/annex-a/real-format.js';
import { AnnexAImporter, type ImportResult } from '../../lib/annex-a/importer.js';
import { availability, INDICATORS } from '../../lib/annex-a/indicators.js';
import { ANNEX_A_LISTS, LIST_BY_NUMBER } from '../../lib/annex-a/spec.js';
import { pseudonymise } from '../../lib/annex-a/pseudonym.js';
import { readUpload } from './reader.js';

async function read(file: Buffer, name: string): Promise<ImportResult> {
  const importer = new AnnexAImporter({
    referenceDate: REAL_FORMAT_REFERENCE_DATE,
    pseudonymise: (raw) => pseudonymise('a test secret', raw),
  });
  await readUpload({ buffer: file }, name, importer);
  return importer.finish();
}

function figures(r: ImportResult) {
  const ctx = {
    referenceDate: REAL_FORMAT_REFERENCE_DATE,
    holidays: new Set(REAL_FORMAT_HOLIDAYS),
    childPopulation: REAL_FORMAT_POPULATION,
    lists: r.records,
    ownArea: REAL_FORMAT_AREA,
  };
  const available = availability(r.lists);
  return Object.fromEntries(
    INDICATORS.filter((d) => !available.get(d.key)).map((d) => [
      d.key,
      (({ value, numerator, denominator }) => ({ value, numerator, denominator }))(d.compute(ctx)),
    ]),
  );
}

describe('the specification is the published template', () => {
  it.each(ANNEX_A_LISTS.map((l) => [l.number]))('List %i has the published headers, in order', (n) => {
    expect(
      LIST_BY_NUMBER.get(n)!
        .columns.filter((c) => c.since === '2020')
        .map((c) => c.name),
    ).toEqual(PUBLISHED_HEADERS_2020[n]);
  });

  it('List 9 of the later revision has its published headers, in order', () => {
    expect(LIST_BY_NUMBER.get(9)!.columns.map((c) => c.name)).toEqual(PUBLISHED_LIST_9_LATER);
  });
});

describe('a workbook as councils export it', () => {
  it('imports with no errors and no column left unrecognised, and tells the template version', async () => {
    const r = await read(makeExcelWorkbook(realFormatSheets('later')), 'Annex A 2024-06-28.xlsx');
    expect(r.errors).toBe(0);
    expect(r.templateVersion.version).toBe('2024');
    expect(r.groups.map((g) => `${g.list}:${g.check}:${g.count}`)).toEqual(['4:authorised-before-start:1']);
    expect(r.lists.map((l) => [l.list, l.rows])).toEqual([
      [1, 4],
      [2, 2],
      [3, 5],
      [4, 4],
      [5, 3],
      [6, 8],
      [7, 3],
      [8, 5],
      [9, 7],
      [10, 2],
      [11, 1],
    ]);
    // Every column of every list was found.
    expect(r.lists.flatMap((l) => l.columns.filter((c) => !c.present).map((c) => `${l.list} ${c.name}`))).toEqual([]);
  });

  it('gives every figure as worked out by hand', async () => {
    const r = await read(makeExcelWorkbook(realFormatSheets('later')), 'annex-a.xlsx');
    expect(figures(r)).toEqual(REAL_FORMAT_EXPECTED);
  });

  it('gives the same figures from the 2020 layout of List 9', async () => {
    const r = await read(makeExcelWorkbook(realFormatSheets('2020')), 'annex-a.xlsx');
    expect(r.errors).toBe(0);
    expect(r.templateVersion.version).toBe('2020');
    expect(figures(r)).toEqual(REAL_FORMAT_EXPECTED);
  });

  it('gives the same figures from a zip of CSV files, one per list', async () => {
    const r = await read(makeCsvSet(realFormatSheets('later')), 'annex-a.zip');
    expect(r.errors).toBe(0);
    expect(figures(r)).toEqual(REAL_FORMAT_EXPECTED);
  });

  it('stores no identifier, date of birth, postcode or column no figure needs', async () => {
    const r = await read(makeExcelWorkbook(realFormatSheets('later')), 'annex-a.xlsx');
    const stored = JSON.stringify([...r.records.values()]);
    for (const secret of ['1013', '2008-05-05', 'AV1 1AA', 'SC123456', 'FAM01', 'BCRB', 'Long-term fostering'])
      expect(stored).not.toContain(secret);
    expect(r.records.get(8)![0].v).toEqual({
      claStartDate: '2023-05-01',
      lastVisitDate: '2024-06-01',
      placements12m: 1,
      placementLocation: 'IN',
      placementLa: 'Ashdown Vale',
      missingEpisodes: 0,
    });
  });
});

describe('bad input: read what can be read, say what is missing and what it affects', () => {
  it('reads lists with their columns in another order, on sheets with unusual names', async () => {
    const sheets = realFormatSheets('later').map((s, i) => {
      const order = s.rows
        .find((r) => r.length > 3)!
        .map((_, c) => c)
        .reverse();
      const rows = s.rows.map((r) => (r.length > 3 ? order.map((c) => r[c] ?? null) : r));
      return {
        name: [
          'Contacts',
          'EH',
          'Referrals (6m)',
          'Sheet4',
          'qry_S47',
          'CIN',
          'CP Plans',
          'Export (8)',
          'Leaving care',
          'Adoptions',
          'Adopters',
        ][i],
        rows,
      };
    });
    const r = await read(makeExcelWorkbook(sheets), 'renamed.xlsx');
    expect(r.errors).toBe(0);
    expect(r.lists.map((l) => `${l.list}:${l.sheet}`)).toEqual([
      '1:Contacts',
      '2:EH',
      '3:Referrals (6m)',
      '4:Sheet4',
      '5:qry_S47',
      '6:CIN',
      '7:CP Plans',
      '8:Export (8)',
      '9:Leaving care',
      '10:Adoptions',
      '11:Adopters',
    ]);
    expect(figures(r)).toEqual(REAL_FORMAT_EXPECTED);
  });

  it('a CSV set with one list missing: the other figures are computed, the missing list and the figures it affects are named', async () => {
    const sheets = realFormatSheets('later').filter((s) => s.name !== 'List 6');
    const r = await read(makeCsvSet(sheets), 'annex-a.zip');
    expect(r.errors).toBe(0);
    const missing = r.groups.find((g) => g.check === 'missing-list')!;
    expect(missing.reason).toBe(
      'List 6 (children in need) is missing: no sheet or file is named "List 6" or "Children in need", and none has its headers. These figures cannot be computed: Unallocated cases; Average caseload per allocated worker',
    );
    const available = availability(r.lists);
    expect(INDICATORS.filter((d) => available.get(d.key)).map((d) => d.key)).toEqual([
      'annex-a-unallocated',
      'annex-a-caseload',
    ]);
    const computed = figures(r);
    for (const [key, value] of Object.entries(computed)) expect([key, value]).toEqual([key, REAL_FORMAT_EXPECTED[key]]);
  });

  it('an older layout without the columns some figures need: those figures are named, the rest computed', async () => {
    const older = realFormatSheets('2020').map((s) => {
      if (s.name !== 'List 8') return s;
      const drop = new Set([
        'Placement Location',
        'LA of Placement',
        'Did the child accept a Return Interview after their last missing episode (Y/N)?',
      ]);
      const header = s.rows[0] as string[];
      const keep = header.map((h, i) => (drop.has(h) ? -1 : i)).filter((i) => i >= 0);
      return { ...s, rows: s.rows.map((r) => keep.map((i) => r[i] ?? null)) };
    });
    const r = await read(makeExcelWorkbook(older), 'older.xlsx');
    expect(r.errors).toBe(0);
    expect(r.groups.filter((g) => g.check === 'missing-column').map((g) => g.reason)).toEqual([
      'List 8 (children in care) has no "Did the child accept a Return Interview after their last missing episode (Y/N)?" column. These figures cannot be computed without it: Return interviews accepted by children missing from care',
      'List 8 (children in care) has no "Placement Location" or "LA of Placement" column. These figures cannot be computed without one: Children in care placed outside the authority’s area',
    ]);
    expect(Object.keys(figures(r))).toHaveLength(INDICATORS.length - 2);
  });
});
