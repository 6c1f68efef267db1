import { describe, expect, it } from 'vitest';
import {
  addMonths,
  availability,
  yearEarlier,
  INDICATOR_BY_KEY,
  INDICATORS,
  inMonthsBefore,
  isEet,
  median,
  percent,
  placedOutside,
  ratePer10k,
  round1,
  type IndicatorContext,
} from './indicators.js';
import type { AnnexRecord, RecordValue } from './importer.js';

let row = 0;
function rec(
  list: number,
  child: string,
  v: Record<string, RecordValue>,
  extra: { team?: string; worker?: string | null } = {},
): AnnexRecord {
  return { list, row: ++row, child, birth: null, team: extra.team ?? null, worker: extra.worker ?? null, v };
}

function ctx(
  lists: Record<number, AnnexRecord[]>,
  referenceDate = '2024-06-30',
  holidays: string[] = [],
  childPopulation: number | null = 50_000,
): IndicatorContext {
  return {
    referenceDate,
    holidays: new Set(holidays),
    childPopulation,
    lists: new Map(Object.entries(lists).map(([k, v]) => [Number(k), v])),
  };
}

function run(key: string, c: IndicatorContext) {
  const r = INDICATOR_BY_KEY.get(key)!.compute(c);
  return { value: r.value, numerator: r.numerator, denominator: r.denominator };
}

describe('date and number helpers', () => {
  it.each([
    ['2024-06-30', -6, '2023-12-30'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2023-08-31', -6, '2023-02-28'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-06-30', -24, '2022-06-30'],
    ['2024-01-31', 1, '2024-02-29'],
  ])('addMonths(%s, %i) = %s', (iso, n, expected) => expect(addMonths(iso, n)).toBe(expected));

  it.each([
    ['2024-03-01', '2023-03-01'],
    ['2024-02-29', '2023-02-28'],
    ['2023-12-31', '2022-12-31'],
  ])('yearEarlier(%s) = %s, the same as addMonths(…, -12)', (iso, expected) => {
    expect(yearEarlier(iso)).toBe(expected);
    expect(addMonths(iso, -12)).toBe(expected);
  });

  it.each([
    ['2023-12-30', false],
    ['2023-12-31', true],
    ['2024-06-30', true],
    ['2024-07-01', false],
    [null, false],
  ])('%s is in the six months before 30 June 2024: %s', (d, expected) =>
    expect(inMonthsBefore(d, '2024-06-30', 6)).toBe(expected),
  );

  it('rounds, divides and takes medians by hand', () => {
    expect(round1(66.666)).toBe(66.7);
    expect(round1(2.25)).toBe(2.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 0)).toBeNull();
    expect(ratePer10k(2, 50_000)).toBe(0.4);
    expect(ratePer10k(2, null)).toBeNull();
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it.each([
    ['F1', true],
    ['P3', true],
    ['F4', true],
    ['P5', true],
    ['G4', false],
    ['G6', false],
    [null, false],
  ])('activity code %s is education, employment or training: %s', (a, expected) => expect(isEet(a)).toBe(expected));
});

describe('contacts, referrals and re-referrals', () => {
  const contacts = ['2023-12-30', '2023-12-31', '2024-06-30', '2024-07-01'].map((d, i) =>
    rec(1, `c${i}`, { contactDate: d }),
  );
  it('counts contacts in the six months and their rate per 10,000 children', () => {
    expect(run('annex-a-contacts-6m', ctx({ 1: contacts }))).toEqual({ value: 2, numerator: 2, denominator: null });
    expect(run('annex-a-contacts-6m-rate', ctx({ 1: contacts })).value).toBe(0.4);
    expect(run('annex-a-contacts-6m-rate', ctx({ 1: contacts }, '2024-06-30', [], null)).value).toBeNull();
  });

  it('counts a referral as a re-referral when the export gives 1 or more earlier referrals, or an earlier one is on the list', () => {
    const referrals = [
      rec(3, 'A', { referralDate: '2024-03-01', referrals12m: 0 }), // re-referral: A's referral of 1 April 2023 is within 12 months before
      rec(3, 'A', { referralDate: '2023-04-01' }), // outside the six months, so not counted itself
      rec(3, 'B', { referralDate: '2024-05-01', referrals12m: 1 }), // re-referral by the export's count
      rec(3, 'C', { referralDate: '2024-04-01', referrals12m: 0 }), // not: C's earlier one is a day more than 12 months before
      rec(3, 'C', { referralDate: '2023-03-31' }),
      rec(3, 'D', { referralDate: '2024-06-01', referrals12m: 0 }), // a first referral: the guidance's 0
      rec(3, 'E', { referralDate: '2024-06-02' }), // count not recorded, nothing earlier: not a re-referral
    ];
    // In the six months to 30 June 2024: A (1 Mar), B, C (1 Apr), D, E = 5 referrals; re-referrals A and B = 2 → 40%.
    expect(run('annex-a-referrals-6m', ctx({ 3: referrals })).value).toBe(5);
    expect(run('annex-a-re-referrals-12m', ctx({ 3: referrals }))).toEqual({ value: 40, numerator: 2, denominator: 5 });
  });
});

describe('assessments and section 47s, in working days', () => {
  it('counts assessments authorised within 45 working days, skipping bank holidays', () => {
    const assessments = [
      rec(4, 'a', { assessmentStartDate: '2024-06-03', assessmentAuthorisedDate: '2024-08-06' }), // 45 with the 10 June holiday
      rec(4, 'b', { assessmentStartDate: '2024-06-03', assessmentAuthorisedDate: '2024-08-07' }), // 46
      rec(4, 'c', { assessmentStartDate: '2024-06-03', assessmentAuthorisedDate: null }),
      rec(4, 'd', { assessmentStartDate: '2024-06-03', assessmentAuthorisedDate: '2024-06-01' }),
      rec(4, 'e', { assessmentStartDate: '2024-09-01', assessmentAuthorisedDate: '2024-10-05' }),
    ];
    expect(run('annex-a-assessments-45wd', ctx({ 4: assessments }, '2024-09-30', ['2024-06-10']))).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
    });
    // Without the holiday, 6 August is the 46th working day.
    expect(run('annex-a-assessments-45wd', ctx({ 4: assessments }, '2024-09-30', [])).numerator).toBe(0);
  });

  it('counts enquiries leading to a conference, and conferences within 15 working days of the strategy discussion', () => {
    const s47 = [
      rec(5, 'a', { strategyDate: '2024-05-20', icpcDate: '2024-06-11' }), // 15 working days with the 27 May holiday
      rec(5, 'b', { strategyDate: '2024-05-20', icpcDate: '2024-06-12' }), // 16
      rec(5, 'c', { strategyDate: '2024-05-20', icpcDate: null }),
      rec(5, 'd', { strategyDate: '2024-07-02', icpcDate: null }),
    ];
    const c = ctx({ 5: s47 }, '2024-06-30', ['2024-05-27']);
    expect(run('annex-a-s47-to-icpc', c)).toEqual({ value: 66.7, numerator: 2, denominator: 3 });
    expect(run('annex-a-icpc-15wd', c)).toEqual({ value: 50, numerator: 1, denominator: 2 });
  });
});

describe('child protection', () => {
  const plans = [
    rec(
      7,
      'P1',
      { cppStartDate: '2022-06-30', previousPlans: 0, lastVisitDate: '2024-06-14', seenAlone: true },
      { team: 'T1', worker: 'W1' },
    ),
    rec(
      7,
      'P2',
      { cppStartDate: '2022-07-01', previousPlans: 2, lastVisitDate: '2024-06-13', seenAlone: false },
      { team: 'T1' },
    ),
    rec(7, 'P3', { cppStartDate: '2023-01-01', cppEndDate: '2024-03-01', previousPlans: 1 }, { team: 'T2' }),
    rec(
      7,
      'P4',
      { cppStartDate: '2024-01-10', cppEndDate: '2024-07-15', previousPlans: 1 },
      { team: 'T2', worker: 'W2' },
    ),
    rec(7, 'P5', { cppStartDate: '2024-06-01', cppEndDate: '2024-06-20', previousPlans: 0 }, { team: 'T2' }),
    rec(7, 'P6', { cppStartDate: '2024-02-01' }, { team: 'T2' }),
  ];
  const c = ctx({ 7: plans });
  // Reference date 30 June 2024. Open at it: P1, P2, P4 (ends 15 July), P6 = 4.
  // Started in the six months (after 30 December 2023) with a count of previous plans: P4 (1), P5 (0); P6 has no count → 1 of 2.
  // Two years or more (start on or before 30 June 2022): P1 only → 1 of 4.
  // Seen within 10 working days of 30 June (a Sunday): from 14 June it is 10, from 13 June 11 → P1 only, 1 of 4.
  // Seen alone answered: P1 yes, P2 no → 1 of 2.
  it.each([
    ['annex-a-cp-second-time', { value: 50, numerator: 1, denominator: 2 }],
    ['annex-a-cp-two-years', { value: 25, numerator: 1, denominator: 4 }],
    ['annex-a-cp-visits-in-time', { value: 25, numerator: 1, denominator: 4 }],
    ['annex-a-cp-seen-alone', { value: 50, numerator: 1, denominator: 2 }],
  ])('%s', (key, expected) => expect(run(key, c)).toEqual(expected));

  it('breaks a percentage down by team and keeps the rows behind it', () => {
    const r = INDICATOR_BY_KEY.get('annex-a-cp-visits-in-time')!.compute(c);
    expect(r.breakdown).toEqual([
      { label: 'T1', value: 50, detail: '1 of 2' },
      { label: 'T2', value: 0, detail: '0 of 2' },
    ]);
    expect(r.rows.map((x) => [x.record.child, x.counted, x.note])).toEqual([
      ['P1', true, '10 working days since the last visit'],
      ['P2', false, '11 working days since the last visit'],
      ['P4', false, 'No visit recorded'],
      ['P6', false, 'No visit recorded'],
    ]);
  });
});

describe('children in care and care leavers', () => {
  const own = { name: 'Ashdown Vale Council', laCode: '999', gssCode: 'E06000999' };
  const cla = [
    rec(8, 'C1', {
      claStartDate: '2023-01-01',
      lastVisitDate: '2024-05-19',
      placements12m: 3,
      placementLocation: 'OUT',
      placementLa: 'Kent',
      missingEpisodes: 2,
      rhiOffered: true,
      rhiAccepted: true,
    }),
    rec(8, 'C2', {
      claStartDate: '2023-01-01',
      lastVisitDate: '2024-05-18',
      placements12m: 2,
      placementLocation: 'IN',
      missingEpisodes: 1,
      rhiOffered: false,
    }),
    rec(8, 'C3', { claStartDate: '2023-01-01', claEndDate: '2024-06-01', placements12m: 5, placementLocation: 'OUT' }),
    rec(8, 'C4', { claStartDate: '2024-07-01', placements12m: 4 }),
    rec(8, 'C5', { claStartDate: '2023-01-01', missingEpisodes: 0, placementLa: 'Ashdown Vale' }),
    rec(8, 'C6', {
      claStartDate: '2023-06-01',
      placementLa: 'WAL',
      missingEpisodes: 3,
      rhiOffered: true,
      rhiAccepted: false,
    }),
    rec(8, 'C7', { claStartDate: '2023-06-01', placementLa: 'CON', missingEpisodes: 1 }),
    rec(8, 'C7', { claStartDate: '2023-06-01', placementLa: '999' }), // the same child again (a second row): counted once in the rate
  ];
  const leavers = [
    rec(9, 'L1', { inTouch: 'YES', accommodationSuitable: 'SUITABLE', activity: 'F1', ageAtRef: 19 }),
    rec(9, 'L2', { inTouch: 'NO', activity: 'G4', ageAtRef: 21 }),
    rec(9, 'L3', { inTouch: 'REFU', accommodationSuitable: 'SUITABLE', activity: 'P5', ageAtRef: 20 }),
    rec(9, 'L4', { inTouch: 'YES', accommodationSuitable: 'UNSUITABLE', activity: 'F4', ageAtRef: 22 }),
    rec(9, 'L5', { inTouch: 'DIED', ageAtRef: 18 }),
    rec(9, 'L6', { accommodationSuitable: 'SUITABLE', activity: 'G6', ageAtRef: 19 }),
  ];
  const c = { ...ctx({ 8: cla, 9: leavers }, '2024-06-30', [], 20_000), ownArea: own };
  // In care at 30 June 2024: C1, C2, C5, C6, C7 (twice) — C3 ceased, C4 starts later. 5 children; 6 rows.
  // Visited within 42 days (from 19 May): C1 only → 1 of 6 rows.
  // Placements recorded: C1 (3), C2 (2) → 1 of 2.
  // Outside the area: C1 Out, C2 In, C5 our own name (in), C6 Wales (out), C7 CON (not known, left out), C7 again '999' our code (in) → 2 of 5.
  // Missing 1+: C1, C2, C6, C7 → offered C1, C6 → 2 of 4; of those, accepted C1 → 1 of 2.
  // Children in care per 10,000: 5 / 20,000 × 10,000 = 2.5.
  // Care leavers: in touch (L5 died, left out) L1, L4 of L1–L4 and L6 → 2 of 5.
  // Aged 19–21: L1, L2, L3, L6 → suitable L1, L3, L6 = 3 of 4; in education, employment or training L1 (F1), L3 (P5) = 2 of 4.
  it.each([
    ['annex-a-cla-visits-in-time', { value: 16.7, numerator: 1, denominator: 6 }],
    ['annex-a-cla-3-placements', { value: 50, numerator: 1, denominator: 2 }],
    ['annex-a-cla-out-of-area', { value: 40, numerator: 2, denominator: 5 }],
    ['annex-a-cla-rate', { value: 2.5, numerator: 5, denominator: 20_000 }],
    ['annex-a-missing-rhi-offered', { value: 50, numerator: 2, denominator: 4 }],
    ['annex-a-missing-rhi-accepted', { value: 50, numerator: 1, denominator: 2 }],
    ['annex-a-care-leavers-in-touch', { value: 40, numerator: 2, denominator: 5 }],
    ['annex-a-care-leavers-suitable-accommodation', { value: 75, numerator: 3, denominator: 4 }],
    ['annex-a-care-leavers-eet', { value: 50, numerator: 2, denominator: 4 }],
  ])('%s', (key, expected) => expect(run(key, c)).toEqual(expected));

  it.each<[Record<string, string>, boolean | null]>([
    [{ placementLocation: 'OUT' }, true],
    [{ placementLocation: 'IN', placementLa: 'Kent' }, false],
    [{ placementLa: 'Kent' }, true],
    [{ placementLa: 'ashdown vale' }, false],
    [{ placementLa: 'E06000999' }, false],
    [{ placementLa: 'SCO' }, true],
    [{ placementLa: 'NUK' }, true],
    [{ placementLa: 'CON' }, null],
    [{}, null],
  ])('placement %j is outside the area: %s', (v, expected) =>
    expect(placedOutside(rec(8, 'x', v), own)).toBe(expected),
  );
});

describe('unallocated cases and caseloads', () => {
  const c = ctx({
    6: [
      rec(6, 'X', { cinStartDate: '2024-01-01' }, { team: 'FS', worker: 'W1' }),
      rec(6, 'Y', { cinStartDate: '2024-01-01' }, { team: 'FS' }),
      rec(6, 'Z', { cinStartDate: '2024-01-01', cinClosureDate: '2024-05-01' }, { team: 'FS' }),
      rec(6, 'V', { cinStartDate: '2024-01-01' }, { team: 'CP' }),
    ],
    7: [rec(7, 'V', { cppStartDate: '2024-02-01' }, { team: 'CP', worker: 'W2' })],
    8: [rec(8, 'U', { claStartDate: '2023-01-01' }, { team: 'CLA', worker: 'W1' })],
    9: [rec(9, 'T', {}, { team: 'LC' }), rec(9, 'S', {}, { team: 'LC', worker: 'PA1' })],
  });

  it('counts open children with no allocated worker on any open record, by team', () => {
    const r = INDICATOR_BY_KEY.get('annex-a-unallocated')!.compute(c);
    // Open: X (W1), Y (none), V (CIN none, CP W2 → allocated), U (W1), T (none), S (adviser PA1) = 6; Z closed.
    expect([r.value, r.denominator]).toEqual([2, 6]);
    expect(r.breakdown).toEqual([
      { label: 'FS', value: 1 },
      { label: 'LC', value: 1 },
    ]);
    expect(r.rows.map((x) => x.record.child)).toEqual(['Y', 'T']);
  });

  it('averages distinct open children per worker on Lists 6 to 8 (care leavers’ advisers left out), with each team’s spread', () => {
    const r = INDICATOR_BY_KEY.get('annex-a-caseload')!.compute(c);
    // W1: X and U (2); W2: V (1) → 3 children over 2 workers = 1.5. PA1 on List 9 does not count.
    expect([r.value, r.numerator, r.denominator]).toEqual([1.5, 3, 2]);
    expect(r.breakdown).toEqual([
      { label: 'CP', value: 1, detail: '1 workers; median 1; largest 1' },
      { label: 'FS', value: 2, detail: '1 workers; median 2; largest 2' },
    ]);
    expect(r.rows.filter((x) => x.group === 'W1').map((x) => x.record.child)).toEqual(['X', 'U']);
  });
});

describe('which figures a workbook can give', () => {
  const stats = (list: number, keys: string[]) => ({
    list,
    title: '',
    sheet: `List ${list}`,
    rows: 1,
    columns: keys.map((key) => ({ key, name: key, present: true, filled: 1, missing: 0, invalid: 0 })),
  });
  it('needs every list and column an indicator reads, and one of each set of alternatives', () => {
    const a = availability([
      stats(3, ['childId', 'referralDate']),
      stats(8, ['childId', 'claStartDate', 'claEndDate', 'placementLa']),
      stats(9, ['childId', 'worker', 'inTouch']),
    ]);
    expect(a.get('annex-a-referrals-6m')).toBeNull();
    expect(a.get('annex-a-re-referrals-12m')).toBe('No List 3 "Number of Referrals in Last 12 Months" column');
    expect(a.get('annex-a-contacts-6m')).toBe('List 1 (contacts) is missing');
    expect(a.get('annex-a-cla-out-of-area')).toBeNull();
    expect(a.get('annex-a-care-leavers-in-touch')).toBeNull();
    expect(a.get('annex-a-care-leavers-eet')).toBe(
      'No List 9 "Activity Status", List 9 "Date of Birth" or List 9 "Age of Child (Years)" column',
    );
    expect(a.get('annex-a-unallocated')).toBe('List 6 (children in need) and List 7 (child protection) are missing');
    expect([...a.keys()]).toEqual(INDICATORS.map((d) => d.key));
  });
});
