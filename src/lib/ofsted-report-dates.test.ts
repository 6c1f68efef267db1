import { describe, expect, it } from 'vitest';
import { parseDateRange } from './ofsted-report-dates.js';

describe('parseDateRange', () => {
  it.each([
    ['6 to 17 March 2023', '2023-03-06', '2023-03-17'],
    ['22 April to 3 May 2024', '2024-04-22', '2024-05-03'],
    ['20 September 2021 to 1 October 2021', '2021-09-20', '2021-10-01'],
    ['14 January – 4 February 2015', '2015-01-14', '2015-02-04'],
    ['28 November 2022 to 2 December 2022', '2022-11-28', '2022-12-02'],
  ])('%s', (text, start, end) => {
    expect(parseDateRange(text)).toEqual({ startDate: start, endDate: end });
  });
  it('gives null for text without a real date range', () => {
    expect(parseDateRange('31 to 32 February 2023')).toBeNull();
    expect(parseDateRange('next week')).toBeNull();
  });
});
