import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFSTED_OUTCOMES_DIR } from '../../../test/fixtures/paths.js';
import { createWorld, type World } from '../../../test/support/world.js';
import { parseGradeText } from '../../lib/frameworks.js';
import { importNationalOutcomes } from './import.js';

/** Ofsted's own "Inspections as at 31 March" sheet of "Local authority inspection outcomes as at 31 March 2025". */
const OFSTED_TABLE = parse(
  fs.readFileSync(
    path.join(OFSTED_OUTCOMES_DIR, 'LA_Inspection_Outcomes_as_at_31_March_2025__Inspections_as_at_31_March.csv'),
    'utf8',
  ),
  {
    from_line: 3,
    columns: true,
    bom: true,
    relax_column_count: true,
  },
) as Record<string, string>[];

describe('national outcomes as at a date follow Ofsted’s own table (issue 11, point 5)', () => {
  let w: World;
  let token: string;
  const latest = (query: string) => w.apiClient(token).get(`/national/inspections/latest?${query}`);

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date('2025-06-02T12:00:00Z') });
    await importNationalOutcomes(w.services.db);
    token = await w.token(w.orgA, 'viewer');
  }, 60_000);
  afterAll(() => w.close());

  it('reproduces “Inspections as at 31 March 2025” row by row: 36 outstanding, 67 good, 31 requires improvement, 19 inadequate', async () => {
    const res = await latest('asAt=2025-03-31');
    expect(res.status).toBe(200);
    expect(res.body.basis).toBe('inspected');
    expect(res.body.counts).toEqual({ outstanding: 36, good: 67, 'requires-improvement': 31, inadequate: 19 });
    expect(OFSTED_TABLE).toHaveLength(153);
    const byCode = new Map(res.body.items.map((i: { gssCode: string }) => [i.gssCode, i]));
    expect(byCode.size).toBe(153);
    for (const row of OFSTED_TABLE) {
      const item = byCode.get(row['Local authority area code']) as Record<string, unknown> & {
        judgements: Record<string, string>;
      };
      expect(item, row['Local authority name']).toBeDefined();
      expect([item.inspectionDate, item.publishedDate], row['Local authority name']).toEqual([
        row['Inspection date'],
        row['Publication date'],
      ]);
      const post2023 = row['Inspection date'] >= '2023-01-01';
      const expected: Record<string, string | null> = {
        overall: parseGradeText(row['Overall effectiveness']),
        'overall-effectiveness': parseGradeText(row['Overall effectiveness']),
        leaders: parseGradeText(row['The impact of leaders on social work practice with children and families']),
        'help-and-protection': parseGradeText(
          row['The experiences and progress of children who need help and protection'],
        ),
        [post2023 ? 'children-in-care' : 'children-in-care-and-care-leavers']: parseGradeText(
          row['The experiences and progress of children in care'],
        ),
        ...(post2023 ? { 'care-leavers': parseGradeText(row['The experiences and progress of care leavers']) } : {}),
      };
      expect(item.judgements, row['Local authority name']).toEqual(expected);
    }
  });

  it('gives what had been published by then with basis=published: the five reports of April and May 2025 are not there yet', async () => {
    const inspected = await latest('asAt=2025-03-31');
    const published = await latest('asAt=2025-03-31&basis=published');
    expect(published.status).toBe(200);
    expect(published.body.basis).toBe('published');
    const differ = (
      published.body.items as { gssCode: string; laName: string; inspectionDate: string; publishedDate: string }[]
    )
      .filter(
        (p) =>
          inspected.body.items.find((i: { gssCode: string }) => i.gssCode === p.gssCode)?.inspectionDate !==
          p.inspectionDate,
      )
      .map((p) => p.laName)
      .sort();
    // Exactly the authorities whose latest report in Ofsted's table came out after 31 March, the five the
    // issue names among them.
    const publishedLater = OFSTED_TABLE.filter((r) => r['Publication date'] > '2025-03-31')
      .map((r) => r['Local authority name'])
      .sort();
    expect(publishedLater).toEqual(
      expect.arrayContaining(['Blackburn with Darwen', 'Dorset', 'Durham', 'Surrey', 'York']),
    );
    expect(differ).toEqual(publishedLater);
    expect(published.body.items.every((i: { publishedDate: string }) => i.publishedDate <= '2025-03-31')).toBe(true);
    const bad = await latest('asAt=2025-03-31&basis=announced');
    expect(bad.status).toBe(400);
  });

  it('says which basis the comparator groups by Ofsted judgement use', async () => {
    const page = await (await w.agent(w.orgA, 'viewer')).get('/benchmarks');
    expect(page.text).toMatch(
      /Judged good at their latest Ofsted inspection carried out by \d{1,2} [A-Z][a-z]+ \d{4} \(Ofsted’s basis\)/,
    );
    const national = await (await w.agent(w.orgA, 'viewer')).get('/national?asAt=2025-03-31&basis=published');
    expect(national.text).toContain('whose report was published by');
  });
});
