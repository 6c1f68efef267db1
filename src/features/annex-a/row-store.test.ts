import { describe, expect, it } from 'vitest';
import type { AnnexRecord } from '../../lib/annex-a/importer.js';
import { packChunks, packRows, unpackRows, CHUNK_ROWS } from './row-store.js';
import zlib from 'node:zlib';

const records: AnnexRecord[] = [
  {
    list: 4,
    row: 2,
    child: 'aa',
    birth: '2015-03',
    team: 'East',
    worker: 'SW1',
    v: { assessmentStartDate: '2024-01-02', gender: 'Male', disability: false, days: 3 },
  },
  {
    list: 4,
    row: 3,
    child: 'bb',
    birth: null,
    team: null,
    worker: null,
    v: { assessmentStartDate: '2024-02-02', assessmentAuthorisedDate: '2024-03-01' },
  },
  { list: 4, row: 5, child: 'cc', birth: '2010-12', team: 'West', worker: null, v: {} },
  // Text a hand-written JSON must escape: quotes, a backslash, a new line, a tab, accents.
  {
    list: 4,
    row: 6,
    child: 'dd',
    birth: null,
    team: 'St "Mary\'s" \\ Team\n',
    worker: 'Zoë\tO’Neill',
    v: { placementLa: 'Brighton & Hove', days: -1.5 },
  },
];

describe('Annex A row chunks', () => {
  it('round-trips records exactly (a blank value stays an absent key)', () => {
    const json = packRows(records).toString('utf8');
    expect(JSON.parse(json).keys).toEqual([
      'assessmentStartDate',
      'gender',
      'disability',
      'days',
      'assessmentAuthorisedDate',
      'placementLa',
    ]);
    expect(unpackRows(4, json)).toEqual(records);
  });

  it('reads the plain-JSON chunks migration 410 wrote from per-row storage (values as an object)', () => {
    const legacy = JSON.stringify({ rows: [[2, 'aa', '2015-03', 'East', 'SW1', { gender: 'Male', days: 3 }]] });
    expect(unpackRows(7, legacy)).toEqual([
      { list: 7, row: 2, child: 'aa', birth: '2015-03', team: 'East', worker: 'SW1', v: { gender: 'Male', days: 3 } },
    ]);
  });

  it('splits each list into compressed chunks of at most CHUNK_ROWS rows, in order', async () => {
    const many = Array.from({ length: CHUNK_ROWS + 1 }, (_, i): AnnexRecord => ({ ...records[0], row: i + 2 }));
    const chunks = await packChunks(
      new Map([
        [4, many],
        [7, [{ ...records[1], list: 7 }]],
      ]),
    );
    expect(chunks.map((c) => [c.list, c.firstRow, c.rowCount])).toEqual([
      [4, 2, CHUNK_ROWS],
      [4, CHUNK_ROWS + 2, 1],
      [7, 3, 1],
    ]);
    const back = chunks
      .filter((c) => c.list === 4)
      .flatMap((c) => unpackRows(4, zlib.gunzipSync(c.payload).toString('utf8')));
    expect(back).toEqual(many);
  });
});
