import { describe, expect, it } from 'vitest';
import { inspectionDeadlines } from './inspection-deadlines.js';

// England and Wales bank holidays around the cases below (gov.uk/bank-holidays).
const HOLIDAYS = new Set([
  '2022-12-26',
  '2022-12-27',
  '2023-01-02',
  '2023-04-07',
  '2023-04-10',
  '2023-05-01',
  '2023-05-08',
  '2023-05-29',
  '2023-08-28',
  '2023-12-25',
  '2023-12-26',
]);

describe('inspectionDeadlines', () => {
  it.each([
    // seed 002: published Tuesday 9 May 2023, 70 working days with the 29 May bank holiday → Wednesday 16 August 2023.
    ['ilacs-standard', '2023-05-09', null, false, '2023-08-16', null],
    // received a day before publication: the count starts from receipt → 15 August.
    ['ilacs-standard', '2023-05-09', '2023-05-08', false, '2023-08-15', null],
    // focused visit with areas for priority action, published 14 March 2023: 20 working days → 13 April (Good Friday 7 and
    // Easter Monday 10 April skipped); 70 working days → 27 June (skipping 7, 10 April, 1, 8 and 29 May).
    ['focused-visit', '2023-03-14', null, true, '2023-06-27', '2023-04-13'],
    // published Friday 9 December 2022: 20 working days crosses Christmas (26, 27 Dec) and 2 January → 11 January 2023.
    ['focused-visit', '2022-12-09', null, true, '2023-03-22', '2023-01-11'],
  ])(
    '%s published %s (received %s, priority actions %s) → plan %s, draft %s',
    (typeKey, publishedDate, receivedDate, priorityActions, plan, draft) => {
      const d = inspectionDeadlines({ typeKey, publishedDate, receivedDate, priorityActions }, HOLIDAYS);
      expect([d.actionPlanDue, d.draftPlanDue, d.reason]).toEqual([plan, draft, null]);
    },
  );

  it.each([
    ['monitoring-visit', '2023-05-09', false, 'No action plan is needed after a monitoring visit'],
    ['focused-visit', '2023-05-09', false, 'No action plan is needed unless the visit names areas for priority action'],
    ['ilacs-short', null, false, 'No deadline until the report is published'],
  ])('%s published %s: no deadline', (typeKey, publishedDate, priorityActions, reason) => {
    const d = inspectionDeadlines({ typeKey, publishedDate, receivedDate: null, priorityActions }, HOLIDAYS);
    expect([d.actionPlanDue, d.draftPlanDue, d.reason]).toEqual([null, null, reason]);
  });
});
