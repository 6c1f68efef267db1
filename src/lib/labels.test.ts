import { describe, expect, it } from 'vitest';
import {
  actionStatusLabel,
  findingKindName,
  findingSourceLabel,
  inspectionName,
  monthYear,
  planName,
  planStatusLabel,
  ragLabel,
  trendLabel,
} from './labels.js';

// Expected names are those the issue asks for ("ILACS standard inspection, March 2023", "Plan version 2
// (draft)") and Ofsted's published terms for findings, written out by hand.
describe('names as people say them', () => {
  it.each([
    [{ typeKey: 'ilacs-standard', startDate: '2023-03-06' }, 'ILACS standard inspection, March 2023'],
    [{ typeKey: 'sif', startDate: '2016-11-07' }, 'Single inspection framework inspection, November 2016'],
    [
      { typeKey: 'lscb-review', startDate: '2016-11-07' },
      'Review of the local safeguarding children board, November 2016',
    ],
    [{ typeKey: 'focused-visit', startDate: '2025-01-14' }, 'Focused visit, January 2025'],
    [{ typeKey: 'no-such-type', startDate: '2025-01-14' }, 'Inspection, January 2025'],
  ])('inspection %o → %s', (i, name) => expect(inspectionName(i)).toBe(name));

  it.each([
    [{ planVersion: 2, status: 'draft' }, false, 'Plan version 2 (draft)'],
    [
      { planVersion: 1, status: 'approved', title: 'Improving services' },
      true,
      'Improving services: version 1 (approved)',
    ],
    [{ planVersion: 1, status: 'superseded', title: 'Improving services' }, false, 'Plan version 1 (superseded)'],
  ])('plan %o → %s', (p, withTitle, name) => expect(planName(p, withTitle)).toBe(name));

  it.each([
    ['area-for-improvement', 1, 'Area for improvement'],
    ['area-for-improvement', 4, 'Areas for improvement'],
    ['further-action', 2, 'Areas for priority action'],
    ['recommendation', 0, 'Recommendations'],
    ['strength', 1, 'Strength'],
  ])('%s × %i → %s', (kind, n, name) => expect(findingKindName(kind, n)).toBe(name));

  it.each([
    ['2023-03-06', 'March 2023'],
    ['2026-11', 'November 2026'],
    [null, ''],
  ])('month of %s → %s', (iso, text) => expect(monthYear(iso)).toBe(text));
});

describe('status, RAG, source and trend names', () => {
  it.each([
    [ragLabel, 'amber', 'Amber'],
    [ragLabel, 'not-started', 'Not started'],
    [ragLabel, 'none', 'No rating'],
    [actionStatusLabel, 'in-progress', 'In progress'],
    [actionStatusLabel, 'closed', 'Closed'],
    [planStatusLabel, 'superseded', 'Superseded'],
    [findingSourceLabel, 'self-evaluation', 'Self-evaluation'],
    [trendLabel, 'unknown', 'Not enough data'],
    [trendLabel, 'sideways', 'sideways'],
    [ragLabel, null, ''],
  ] as const)('%#: %s → %s', (fn, key, name) => expect(fn(key)).toBe(name));
});
