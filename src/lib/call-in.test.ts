import { describe, expect, it } from 'vitest';
import { callInDeadline, callInOpen, DEFAULT_CALL_IN_RULE, describeCallInRule } from './call-in.js';

const HOLIDAYS = new Set([
  '2023-05-29',
  '2023-08-28',
  '2023-12-25',
  '2023-12-26',
  '2024-01-01',
  '2023-04-07',
  '2023-04-10',
]);

describe('callInDeadline', () => {
  it.each([
    // seed 002: published Monday 19 June 2023 → midnight Friday 23 June 2023
    ['2023-06-19', 5, true, '2023-06-23'],
    ['2023-06-19', 5, false, '2023-06-26'],
    // published Friday: Fri, Mon, Tue, Wed, Thu
    ['2023-06-16', 5, true, '2023-06-22'],
    // published on a Saturday: the first working day is Monday
    ['2023-06-17', 5, true, '2023-06-23'],
    ['2023-06-17', 5, false, '2023-06-23'],
    // bank holiday Monday 29 May 2023 is skipped: Thu 25, Fri 26, Tue 30, Wed 31, Thu 1 June
    ['2023-05-25', 5, true, '2023-06-01'],
    ['2023-05-25', 5, false, '2023-06-02'],
    // Christmas: Fri 22 Dec, Wed 27, Thu 28, Fri 29, Tue 2 Jan 2024
    ['2023-12-22', 5, true, '2024-01-02'],
    ['2023-06-19', 3, true, '2023-06-21'],
    ['2023-06-19', 1, true, '2023-06-19'],
    ['2023-06-19', 1, false, '2023-06-20'],
  ])('published %s, %i working days, counting publication day %s → %s', (published, n, counting, expected) => {
    expect(callInDeadline(published, { workingDays: n, countPublicationDay: counting }, HOLIDAYS)).toBe(expected);
  });

  it('has the seed-002 rule as the default', () => {
    expect(callInDeadline('2023-06-19', DEFAULT_CALL_IN_RULE, HOLIDAYS)).toBe('2023-06-23');
  });

  it('refuses a period shorter than one day', () => {
    expect(() => callInDeadline('2023-06-19', { workingDays: 0, countPublicationDay: true }, HOLIDAYS)).toThrow(
      RangeError,
    );
  });

  it.each([
    ['2023-06-23', '2023-06-22', true],
    ['2023-06-23', '2023-06-23', true],
    ['2023-06-23', '2023-06-24', false],
  ])('deadline %s, today %s: open %s', (deadline, today, open) => {
    expect(callInOpen(deadline, today)).toBe(open);
  });

  it.each([
    [{ workingDays: 5, countPublicationDay: true }, 'Midnight on the 5th working day, counting the day of publication'],
    [{ workingDays: 3, countPublicationDay: true }, 'Midnight on the 3rd working day, counting the day of publication'],
    [{ workingDays: 1, countPublicationDay: false }, 'Midnight 1 working day after the day of publication'],
    [{ workingDays: 10, countPublicationDay: false }, 'Midnight 10 working days after the day of publication'],
  ])('describes %j', (rule, text) => {
    expect(describeCallInRule(rule)).toBe(text);
  });
});
