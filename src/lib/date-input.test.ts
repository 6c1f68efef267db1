import { describe, expect, it } from 'vitest';
import { composeDateInputs, isoToParts, parseDateParts } from './date-input.js';

// Messages are those of the GOV.UK date input pattern (design-system.service.gov.uk/components/date-input),
// with the field's label in front; each expected value below was read off that guidance by hand.
describe('parseDateParts', () => {
  it.each([
    ['30', '11', '2026', { ok: true, value: '2026-11-30' }],
    ['1', '3', '2023', { ok: true, value: '2023-03-01' }],
    ['06', '03', '2023', { ok: true, value: '2023-03-06' }],
    [' 6 ', 'Mar', '2023', { ok: true, value: '2023-03-06' }],
    ['6', 'march', '2023', { ok: true, value: '2023-03-06' }],
    ['29', '2', '2024', { ok: true, value: '2024-02-29' }],
    ['', '', '', { ok: true, value: null }],
    ['30', '', '2026', { ok: false, message: 'Due date must include a month', part: 'month' }],
    ['', '', '2026', { ok: false, message: 'Due date must include a day and month', part: 'day' }],
    ['30', '11', '', { ok: false, message: 'Due date must include a year', part: 'year' }],
    ['29', '2', '2025', { ok: false, message: 'Due date must be a real date', part: 'day' }],
    ['31', '13', '2025', { ok: false, message: 'Due date must be a real date', part: 'month' }],
    ['x', '3', '2025', { ok: false, message: 'Due date must be a real date', part: 'day' }],
    ['3', '3', '25', { ok: false, message: 'Year must include 4 numbers', part: 'year' }],
  ])('%s / %s / %s', (day, month, year, expected) => {
    expect(parseDateParts({ day, month, year }, 'Due date')).toEqual(expected);
  });
});

describe('isoToParts fills the boxes from a stored date', () => {
  it.each([
    ['2026-11-30', { day: '30', month: '11', year: '2026' }],
    ['2023-03-06', { day: '6', month: '3', year: '2023' }],
    [null, { day: '', month: '', year: '' }],
    ['6/3/2023', { day: '', month: '', year: '' }],
  ])('%s', (iso, parts) => expect(isoToParts(iso)).toEqual(parts));
});

describe('composeDateInputs', () => {
  it('puts each date input together as one value and keeps the boxes', () => {
    const body = {
      title: 'x',
      'dueDate-day': '16',
      'dueDate-month': '10',
      'dueDate-year': '2026',
      'startDate-day': '',
      'startDate-month': '',
      'startDate-year': '',
    };
    expect(composeDateInputs(body)).toEqual({ ...body, dueDate: '2026-10-16', startDate: '' });
  });
  it('passes an impossible date on as typed, for the form to refuse', () => {
    expect(composeDateInputs<Record<string, unknown>>({ 'd-day': '31', 'd-month': '2', 'd-year': '2025' }).d).toBe(
      '31/2/2025',
    );
  });
  it('leaves a body without date inputs alone', () => {
    const body = { a: '1' };
    expect(composeDateInputs(body)).toBe(body);
  });
});
