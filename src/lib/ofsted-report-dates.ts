/** Dates in Ofsted reports: "6 to 17 March 2023", "7 and 8 June 2022", "on 14 March 2019". */
import { isIsoDate } from './dates.js';

export const MONTH_RE = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
export const MONTHS = MONTH_RE.slice(3, -1).toLowerCase().split('|');

export function iso(day: string, month: string, year: string): string | null {
  const m = MONTHS.indexOf(month.toLowerCase());
  if (m < 0) return null;
  const value = `${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(value) ? value : null;
}

/**
 * "6 to 17 March 2023", "22 April to 3 May 2024", "20 September 2021 to 1 October 2021",
 * "14 January – 4 February 2015", "7 and 8 June 2022", "31 January and 1 February 2024".
 */
export function parseDateRange(text: string): { startDate: string; endDate: string } | null {
  const m = new RegExp(
    `(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(${MONTH_RE}))?(?:\\s+(\\d{4}))?\\s*(?:to|–|—|-|and|until)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE})\\s+(\\d{4})`,
    'i',
  ).exec(text);
  if (!m) return null;
  const [, d1, m1, y1, d2, m2, y2] = m;
  const endDate = iso(d2, m2, y2);
  const startDate = iso(d1, m1 ?? m2, y1 ?? y2);
  if (!startDate || !endDate || endDate < startDate) return null;
  return { startDate, endDate };
}

/** A range, or one day ("on 14 March 2019") as a range of one day. */
export function parseDateOrRange(text: string): { startDate: string; endDate: string } | null {
  const range = parseDateRange(text);
  const single = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE})\\s+(\\d{4})`, 'i').exec(text);
  if (range && (!single || text.indexOf(single[0]) >= text.search(/\d/))) {
    // Prefer the range unless a single date clearly comes first.
    const rangeAt = text.search(
      new RegExp(`\\d{1,2}(?:st|nd|rd|th)?(?:\\s+${MONTH_RE})?(?:\\s+\\d{4})?\\s*(?:to|–|—|-|and|until)\\s*\\d`, 'i'),
    );
    if (!single || rangeAt <= text.indexOf(single[0])) return range;
  }
  if (!single) return range;
  const day = iso(single[1], single[2], single[3]);
  return day ? { startDate: day, endDate: day } : range;
}
