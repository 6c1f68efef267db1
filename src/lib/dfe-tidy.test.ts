import { describe, expect, it } from 'vitest';
import { DfeLayoutError, populationFor, readMeasures, readNeighbours, readPopulation } from './dfe-tidy.js';

const HEAD =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name';
const csv = [
  `${HEAD},category,caseload_fte,referral_count`,
  '2024,Reporting year,National,E92000001,England,,,,,,All,16.5,1000',
  '2024,Reporting year,Regional,E92000001,England,E12000004,East Midlands,,,,All,15.9,200',
  '2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,831,E06000015,Derby,All,c,50',
  '2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,830,E10000007,Derbyshire,All,0,z',
  '2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,830,E10000007,Derbyshire,Other,99,99',
].join('\n');

describe('readMeasures', () => {
  it('reads every geography, keeps zero as zero and suppression codes as missing', () => {
    const rows = readMeasures('test.csv', csv, [
      { key: 'caseload', file: 'test.csv', column: 'caseload_fte', filters: { category: 'All' } },
    ]);
    expect(rows.map((r) => [r.level, r.areaCode, r.value, r.suppression])).toEqual([
      ['national', 'E92000001', 16.5, null],
      ['regional', 'E12000004', 15.9, null],
      ['la', '831', null, 'c'],
      ['la', '830', 0, null],
    ]);
  });

  it('turns a count into a rate per 10,000 with the population of the year before', () => {
    const pop = readPopulation(
      'pop.csv',
      [
        `${HEAD},age_group,population_estimate`,
        '2023,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,831,E06000015,Derby,Children aged 0 to 17 years,62500',
      ].join('\n'),
    );
    expect(populationFor(pop, 'la', '831', 2024)).toBe(62500);
    expect(populationFor(pop, 'la', '831', 2023)).toBeNull();
    const rows = readMeasures(
      'test.csv',
      csv,
      [
        {
          key: 'referrals-rate',
          file: 'test.csv',
          column: 'referral_count',
          filters: { category: 'All' },
          perTenThousand: true,
        },
      ],
      pop,
    );
    const derby = rows.find((r) => r.areaCode === '831');
    expect(derby?.value).toBe(8); // 50 ÷ 62,500 × 10,000
    expect(rows.find((r) => r.areaCode === '830')).toMatchObject({ value: null, suppression: 'z' });
    expect(rows.find((r) => r.level === 'national')).toMatchObject({ value: null, suppression: 'no population' });
  });

  it('refuses a file with an unexpected layout, naming the missing column', () => {
    expect(() =>
      readMeasures('odd.csv', 'year,area,value\n2024,England,3', [{ key: 'k', file: 'odd.csv', column: 'value' }]),
    ).toThrow(DfeLayoutError);
    expect(() =>
      readMeasures('odd.csv', 'year,area,value\n2024,England,3', [{ key: 'k', file: 'odd.csv', column: 'value' }]),
    ).toThrow(/missing columns "time_period", "geographic_level"/);
  });

  it('refuses a value that is neither a number nor a suppression code, naming row and column', () => {
    const bad = `${HEAD},caseload_fte\n2024,Reporting year,National,E92000001,England,,,,,,lots`;
    expect(() => readMeasures('bad.csv', bad, [{ key: 'k', file: 'bad.csv', column: 'caseload_fte' }])).toThrow(
      'row 2, column "caseload_fte": "lots" is neither a number nor a suppression code',
    );
  });
});

describe('readNeighbours', () => {
  it('reads the 2025 model layout', () => {
    const text =
      '\uFEFFold_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P,SN_4,SN_4P,SN_5,SN_5P\n831,Derby,1,East Midlands,331,Very close,350,Close ,335,Close,852,Close,x,\n';
    const [derby] = readNeighbours('sn.csv', text);
    expect(derby.laCode).toBe('831');
    expect(derby.neighbours.slice(0, 2)).toEqual([
      { position: 1, code: '331', closeness: 'Very close' },
      { position: 2, code: '350', closeness: 'Close' },
    ]);
    expect(derby.neighbours.map((n) => n.code)).toEqual(['331', '350', '335', '852']);
  });
  it('refuses a file without neighbour columns', () => {
    expect(() => readNeighbours('sn.csv', 'a,b\n1,2')).toThrow(DfeLayoutError);
  });
});
