import { describe, expect, it } from 'vitest';
import { addMonths, yearEarlier, INDICATOR_BY_KEY, inMonthsBefore, isEet, median, percent, ratePer10k, round1, type IndicatorContext } from './indicators.js';
import type { AnnexRecord, RecordValue } from './importer.js';

let row = 0;
function rec(list: number, child: string, v: Record<string, RecordValue>, extra: { team?: string; worker?: string | null } = {}): AnnexRecord {
  return { list, row: ++row, child, birth: null, team: extra.team ?? null, worker: extra.worker ?? null, v };
}

function ctx(lists: Record<number, AnnexRecord[]>, referenceDate = '2024-06-30', holidays: string[] = [], childPopulation: number | null = 50_000): IndicatorContext {
  return { referenceDate, holidays: new Set(holidays), childPopulation, lists: new Map(Object.entries(lists).map(([k, v]) => [Number(k), v])) };
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
  ])('%s is in the six months before 30 June 2024: %s', (d, expected) => expect(inMonthsBefore(d, '2024-06-30', 6)).toBe(expected));

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
    ['F1: Higher education', true],
    ['Apprenticeship', true],
    ['Full-time employment', true],
    ['G4: Not in education, employment or training', false],
    ['Not in education, employment or training – illness', false],
    [null, false],
  ])('%s is education, employment or training: %s', (a, expected) => expect(isEet(a)).toBe(expected));
});

describe('contacts, referrals and re-referrals', () => {
  const contacts = ['2023-12-30', '2023-12-31', '2024-06-30', '2024-07-01'].map((d, i) => rec(1, `c${i}`, { contactDate: d }));
  it('counts contacts in the six months and their rate per 10,000 children', () => {
    expect(run('annex-a-contacts-6m', ctx({ 1: contacts }))).toEqual({ value: 2, numerator: 2, denominator: null });
    expect(run('annex-a-contacts-6m-rate', ctx({ 1: contacts })).value).toBe(0.4);
    expect(run('annex-a-contacts-6m-rate', ctx({ 1: contacts }, '2024-06-30', [], null)).value).toBeNull();
  });

  it('counts a referral as a re-referral after an earlier one within 12 months, or when the export says 2 or more', () => {
    const referrals = [
      rec(3, 'A', { referralDate: '2024-03-01' }),
      rec(3, 'A', { referralDate: '2023-04-01' }), // within 12 months before 1 March 2024
      rec(3, 'B', { referralDate: '2024-05-01', referrals12m: 2 }),
      rec(3, 'C', { referralDate: '2024-04-01', referrals12m: 1 }),
      rec(3, 'C', { referralDate: '2023-03-31' }), // a day more than 12 months before
      rec(3, 'D', { referralDate: '2024-06-01' }),
    ];
    expect(run('annex-a-referrals-6m', ctx({ 3: referrals })).value).toBe(4);
    expect(run('annex-a-re-referrals-12m', ctx({ 3: referrals }))).toEqual({ value: 50, numerator: 2, denominator: 4 });
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
    expect(run('annex-a-assessments-45wd', ctx({ 4: assessments }, '2024-09-30', ['2024-06-10']))).toEqual({ value: 50, numerator: 1, denominator: 2 });
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
    rec(7, 'P1', { cppStartDate: '2022-06-30', previousPlans: 0, lastVisitDate: '2024-06-14', seenAlone: true }, { team: 'T1', worker: 'W1' }),
    rec(7, 'P2', { cppStartDate: '2022-07-01', previousPlans: 2, lastVisitDate: '2024-06-13', seenAlone: false }, { team: 'T1' }),
    rec(7, 'P3', { cppStartDate: '2023-01-01', cppEndDate: '2024-03-01', previousPlans: 1 }, { team: 'T2' }),
    rec(7, 'P4', { cppStartDate: '2024-01-10', cppEndDate: '2024-07-15' }, { team: 'T2', worker: 'W2' }),
  ];
  const c = ctx({ 7: plans });
  it.each([
    ['annex-a-cp-second-time', { value: 66.7, numerator: 2, denominator: 3 }],
    ['annex-a-cp-two-years', { value: 33.3, numerator: 1, denominator: 3 }],
    ['annex-a-cp-visits-in-time', { value: 33.3, numerator: 1, denominator: 3 }],
    ['annex-a-cp-seen-alone', { value: 50, numerator: 1, denominator: 2 }],
  ])('%s', (key, expected) => expect(run(key, c)).toEqual(expected));

  it('breaks a percentage down by team and keeps the rows behind it', () => {
    const r = INDICATOR_BY_KEY.get('annex-a-cp-visits-in-time')!.compute(c);
    expect(r.breakdown).toEqual([
      { label: 'T1', value: 50, detail: '1 of 2' },
      { label: 'T2', value: 0, detail: '0 of 1' },
    ]);
    expect(r.rows.map((x) => [x.record.child, x.counted, x.note])).toEqual([
      ['P1', true, '10 working days since the last visit'],
      ['P2', false, '11 working days since the last visit'],
      ['P4', false, 'No visit recorded'],
    ]);
  });
});

describe('children in care and care leavers', () => {
  const cla = [
    rec(8, 'C1', { claStartDate: '2023-01-01', lastVisitDate: '2024-05-19', placements12m: 3, placementDistance: 21, missingEpisodes: 2, rhiOffered: true }),
    rec(8, 'C2', { claStartDate: '2023-01-01', lastVisitDate: '2024-05-18', placements12m: 2, placementDistance: 20, missingEpisodes: 1, rhiOffered: false }),
    rec(8, 'C3', { claStartDate: '2023-01-01', claEndDate: '2024-06-01', placements12m: 5 }),
    rec(8, 'C4', { claStartDate: '2024-07-01', placements12m: 4 }),
    rec(8, 'C5', { claStartDate: '2023-01-01', missingEpisodes: 0 }),
  ];
  const leavers = [
    rec(9, 'L1', { inTouch: true, accommodationSuitable: true, activity: 'F1: Higher education' }),
    rec(9, 'L2', { inTouch: false, activity: 'G4: Not in education, employment or training' }),
    rec(9, 'L3', { accommodationSuitable: true, activity: 'Apprenticeship' }),
    rec(9, 'L4', { inTouch: true, accommodationSuitable: false, activity: 'Full-time employment' }),
  ];
  const c = ctx({ 8: cla, 9: leavers });
  it.each([
    ['annex-a-cla-visits-in-time', { value: 33.3, numerator: 1, denominator: 3 }],
    ['annex-a-cla-3-placements', { value: 50, numerator: 1, denominator: 2 }],
    ['annex-a-cla-20-miles', { value: 50, numerator: 1, denominator: 2 }],
    ['annex-a-missing-rhi-offered', { value: 50, numerator: 1, denominator: 2 }],
    ['annex-a-care-leavers-in-touch', { value: 50, numerator: 2, denominator: 4 }],
    ['annex-a-care-leavers-suitable-accommodation', { value: 50, numerator: 2, denominator: 4 }],
    ['annex-a-care-leavers-eet', { value: 75, numerator: 3, denominator: 4 }],
  ])('%s', (key, expected) => expect(run(key, c)).toEqual(expected));
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
    9: [rec(9, 'T', {}, { team: 'LC' })],
  });

  it('counts open children with no allocated worker on any open record, by team', () => {
    const r = INDICATOR_BY_KEY.get('annex-a-unallocated')!.compute(c);
    expect([r.value, r.denominator]).toEqual([2, 5]);
    expect(r.breakdown).toEqual([
      { label: 'FS', value: 1 },
      { label: 'LC', value: 1 },
    ]);
    expect(r.rows.map((x) => x.record.child)).toEqual(['Y', 'T']);
  });

  it('averages distinct open children per worker, with each team’s spread', () => {
    const r = INDICATOR_BY_KEY.get('annex-a-caseload')!.compute(c);
    expect([r.value, r.numerator, r.denominator]).toEqual([1.5, 3, 2]);
    expect(r.breakdown).toEqual([
      { label: 'CP', value: 1, detail: '1 workers; median 1; largest 1' },
      { label: 'FS', value: 2, detail: '1 workers; median 2; largest 2' },
    ]);
    expect(r.rows.filter((x) => x.group === 'W1').map((x) => x.record.child)).toEqual(['X', 'U']);
  });
});
