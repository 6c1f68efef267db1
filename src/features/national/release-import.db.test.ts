import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/world.js';
import { DFE_DATA_DIR, OFSTED_DATA_DIR } from '../../paths.js';
import { NationalFileError } from '../../lib/national-files.js';
import { describeChanges, importRelease } from './release-import.js';

const B1 = 'b1_children_in_need_2013_to_2025.csv';
const HISTORY = 'LA_Inspection_Outcomes_as_at_31_March_2025__ILACS_inspection_history.csv';

describe('national import --from: a newer release is data, not code (issue 11, point 2)', () => {
  let w: World;
  let dir: string;
  const count = (table: 'benchmarkValues' | 'nationalInspections') => w.count(table);
  const sources = () =>
    w.services.db
      .selectFrom('nationalSources')
      .select(['sourceKey', 'label', 'fileName'])
      .orderBy('sourceKey')
      .execute();
  // Files named as nothing Waymark expects: recognised by header, not name.
  const put = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  beforeAll(async () => {
    w = await createWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-release-'));
  }, 60_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await w.close();
  });

  it('loads a real release naming each vintage, changes nothing when it is run again, and reports what an altered release revises', async () => {
    // The real DfE children in need table and Ofsted history, each vintage named.
    {
      put('release-a.csv', fs.readFileSync(path.join(DFE_DATA_DIR, B1), 'utf8'));
      put('release-b.csv', fs.readFileSync(path.join(OFSTED_DATA_DIR, HISTORY), 'utf8'));
      const changes = await importRelease(w.services.db, dir);
      expect(changes.map((c) => [c.file, c.kind, c.label])).toEqual([
        ['release-a.csv', 'dfe-measures', 'DfE children in need, year ending 31 March 2025'],
        [
          'release-b.csv',
          'ofsted-history',
          expect.stringMatching(/^Ofsted ILACS inspection history, inspections to 2025-0[1-3]-\d\d$/),
        ],
      ]);
      expect(changes[0].yearsAdded).toEqual([
        2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
      ]);
      expect(changes[0].valuesAdded).toBeGreaterThan(2000);
      expect(changes[1].inspectionsAdded).toBe(271);
      expect((await sources()).map((s) => s.label)).toContain('DfE children in need, year ending 31 March 2025');
      const page = await (await w.agent(w.orgA, 'viewer')).get('/benchmarks');
      expect(page.text).toContain('DfE children in need, year ending 31 March 2025');
    }
    // Run again: nothing changes.
    {
      const before = [await count('benchmarkValues'), await count('nationalInspections')];
      const changes = await importRelease(w.services.db, dir);
      expect(
        changes.every(
          (c) =>
            !c.valuesAdded &&
            !c.valuesRevised &&
            !c.yearsAdded.length &&
            !c.inspectionsAdded &&
            !c.inspectionsRevised &&
            !c.authoritiesRenamed.length,
        ),
      ).toBe(true);
      expect(describeChanges(changes)).toContain(
        'release-a.csv: DfE children in need, year ending 31 March 2025\n  no changes',
      );
      expect([await count('benchmarkValues'), await count('nationalInspections')]).toEqual(before);
    }
    // A real file altered: a revised value, a renamed authority, a new year and a revised judgement.
    {
      const b1 = fs.readFileSync(path.join(DFE_DATA_DIR, B1), 'utf8').split('\n');
      const header = b1[0].split(',');
      const at31 = header.indexOf('At31_episodes');
      const name = header.indexOf('la_name');
      const period = header.indexOf('time_period');
      // Leicester (856) 2025: a revised count; Rutland renamed in 2025; England's 2025 row republished as 2026.
      const altered = b1.map((line) => {
        const cells = line.split(',');
        if (cells[period] === '2025' && line.includes(',856,')) cells[at31] = String(Number(cells[at31]) + 7);
        if (cells[period] === '2025' && cells[name] === 'Rutland') cells[name] = 'Rutland County';
        return cells.join(',');
      });
      const england2025 = b1.find((l) => l.startsWith('2025,') && l.includes(',National,'))!;
      put('release-a.csv', [...altered.filter(Boolean), england2025.replace(/^2025,/, '2026,')].join('\n') + '\n');
      const history = fs
        .readFileSync(path.join(OFSTED_DATA_DIR, HISTORY), 'utf8')
        .replace(
          /(E06000016,Leicester,Current,East Midlands,2024-09-23,2025-01-29,ILACS Short Inspection,)Requires improvement to be good/,
          '$1Inadequate',
        );
      put('release-b.csv', history);
      const [dfe, ofsted] = await importRelease(w.services.db, dir);
      expect(dfe.yearsAdded).toEqual([2026]);
      expect(dfe.valuesRevised).toBe(1);
      expect(dfe.authoritiesRenamed).toEqual([{ code: '857', from: 'Rutland', to: 'Rutland County' }]);
      expect(ofsted.inspectionsRevised).toBe(1);
      const leicester = await w.services.db
        .selectFrom('nationalInspections')
        .select('overall')
        .where('gssCode', '=', 'E06000016')
        .where('inspectionDate', '=', '2024-09-23')
        .executeTakeFirstOrThrow();
      expect(leicester.overall).toBe('inadequate');
      expect((await sources()).find((s) => s.sourceKey.startsWith('dfe:'))?.label).toBe(
        'DfE children in need, year ending 31 March 2026',
      );
    }
  });

  it.each([
    [
      'a value that is not a number',
      (t: string) =>
        t.replace(/^(2025,[^\n]*?,856,[^\n]*)$/m, (line) => line.replace(/,(\d+),(\d+|z|c|x)?$/, ',lots,$2')),
      /release-a\.csv, row \d+, column "At31_episodes": "lots" is neither a number nor a suppression code/,
    ],
    [
      'a year that is not a year',
      (t: string) => t.replace(/^2025,/m, 'twenty,'),
      /release-a\.csv, row 2, column "time_period": “twenty” is not a year/,
    ],
    [
      'a foreign file',
      () => 'name,amount\nwidgets,3\n',
      /release-a\.csv, row 1, column "time_period": not a DfE tidy CSV or an Ofsted outcomes sheet/,
    ],
  ])('refuses %s naming the file, row and column, and changes nothing', async (_label, alter, message) => {
    const before = [await count('benchmarkValues'), JSON.stringify(await sources())];
    put('release-a.csv', alter(fs.readFileSync(path.join(DFE_DATA_DIR, B1), 'utf8')));
    const err = await importRelease(w.services.db, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NationalFileError);
    expect((err as Error).message).toMatch(message);
    expect([await count('benchmarkValues'), JSON.stringify(await sources())]).toEqual(before);
  });
});
