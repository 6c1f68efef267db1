import { describe, expect, it } from 'vitest';
import { matchAuthority, nameWords, sameAuthorityName, type NationalAuthority } from './authority-names.js';

// Entries as in DfE's ONS mid-year population file (old_la_code, new_la_code, la_name, first and last year).
const LIST: NationalAuthority[] = [
  { laCode: '357', gssCode: 'E08000008', name: 'Tameside', from: 2012, to: 2024 },
  { laCode: '801', gssCode: 'E06000023', name: 'Bristol, City of', from: 2012, to: 2024 },
  { laCode: '840', gssCode: 'E06000047', name: 'County Durham', from: 2012, to: 2024 },
  { laCode: '810', gssCode: 'E06000010', name: 'Kingston upon Hull, City of', from: 2012, to: 2024 },
  { laCode: '314', gssCode: 'E09000021', name: 'Kingston upon Thames', from: 2012, to: 2024 },
  { laCode: '302', gssCode: 'E09000003', name: 'Barnet', from: 2012, to: 2024 },
  { laCode: '201', gssCode: 'E09000001', name: 'City of London', from: 2012, to: 2024 },
  { laCode: '856', gssCode: 'E06000016', name: 'Leicester', from: 2012, to: 2024 },
  { laCode: '855', gssCode: 'E10000018', name: 'Leicestershire', from: 2012, to: 2024 },
  { laCode: '342', gssCode: 'E08000013', name: 'St. Helens', from: 2012, to: 2024 },
  { laCode: '839', gssCode: 'E06000058', name: 'Bournemouth, Christchurch and Poole', from: 2019, to: 2024 },
  { laCode: '835', gssCode: 'E10000009', name: 'Dorset', from: 2012, to: 2018 },
  { laCode: '838', gssCode: 'E06000059', name: 'Dorset', from: 2019, to: 2024 },
  { laCode: '825', gssCode: 'E10000002', name: 'Buckinghamshire', from: 2012, to: 2019 },
  { laCode: '825', gssCode: 'E06000060', name: 'Buckinghamshire', from: 2020, to: 2024 },
  { laCode: '894', gssCode: 'E06000020', name: 'Telford and Wrekin', from: 2012, to: 2024 },
  { laCode: '808', gssCode: 'E06000004', name: 'Stockton-on-Tees', from: 2012, to: 2024 },
  { laCode: '865', gssCode: 'E06000054', name: 'Wiltshire', from: 2012, to: 2024 },
  { laCode: '868', gssCode: 'E06000040', name: 'Windsor and Maidenhead', from: 2012, to: 2024 },
];

describe('matchAuthority', () => {
  // Each title form below is one a published report used; the expected code was looked up by hand in the DfE file.
  it.each([
    ['Tameside metropolitan borough', null, '357'],
    ['Bristol City of', null, '801'],
    ['Durham County Council', null, '840'],
    ['Hull City Council', null, '810'],
    ['Kingston upon Hull City Council', null, '810'],
    ['London Borough of Barnet', null, '302'],
    ['City of London Corporation', null, '201'],
    ['Leicester City Council', null, '856'],
    ['Leicestershire County Council', null, '855'],
    ['St Helens Metropolitan Borough Council', null, '342'],
    ['Bournemouth, Christchurch & Poole', null, '839'],
    ['Telford & Wrekin Council', null, '894'],
    ['Stockton-on-Tees Borough Council', null, '808'],
    ['the Royal Borough of Windsor and Maidenhead', null, '868'],
    ['Dorset Council', '2018-06-04', '835'],
    ['Dorset Council', '2024-02-05', '838'],
    ['Dorset', null, '838'],
  ])('%s (on %s) → %s', (name, date, code) => {
    const r = matchAuthority(name, LIST, date);
    expect(r.problem).toBeNull();
    expect(r.match?.laCode).toBe(code);
  });

  it('picks the code that existed at the inspection date when only the area code changed', () => {
    expect(matchAuthority('Buckinghamshire County Council', LIST, '2018-01-29')?.match?.gssCode).toBe('E10000002');
    expect(matchAuthority('Buckinghamshire Council', LIST, '2022-02-11')?.match?.gssCode).toBe('E06000060');
  });

  it('says so when unsure, instead of guessing', () => {
    expect(matchAuthority('Kingston', LIST).problem).toMatch(
      /could be more than one authority \(Kingston upon Hull, City of, Kingston upon Thames\)/,
    );
    expect(matchAuthority('Ashdown Vale Council', LIST).problem).toMatch(/does not match any local authority/);
    expect(matchAuthority(null, LIST).problem).toMatch(/could not be read/);
  });

  it('reduces a name to the words that tell authorities apart', () => {
    expect(nameWords('Kingston upon Hull, City of')).toEqual(['kingston', 'upon', 'hull']);
    expect(nameWords('City of London')).toEqual(['london']);
    expect(nameWords('Children’s services of St. Helens')).toEqual(['st', 'helens']);
  });

  it.each([
    ['Ashdown Vale Council', 'Ashdown Vale', true],
    ['Stockton-on-Tees', 'Ashdown Vale Council', false],
    ['Tameside metropolitan borough', 'Tameside Metropolitan Borough Council', true],
    ['London Borough of Barnet', 'Barnet', true],
    ['Kingston upon Hull, City of', 'Hull City Council', false],
  ])('tells whether %s and %s name the same authority', (a, b, same) => {
    expect(sameAuthorityName(a, b)).toBe(same);
  });
});
