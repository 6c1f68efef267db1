import { describe, expect, it } from 'vitest';
import {
  evidenceRag,
  isChallenged,
  milestoneOverdueBy,
  ownerRatingProblem,
  ragMovement,
  type ActionStatus,
  type EvidenceRag,
  type OwnerRag,
  type RagIndicator,
  type RagMilestone,
} from './rag.js';

// Worked by hand on a calendar: Wednesday 4 June 2025 is "today"; Monday 26 May 2025 is the spring
// bank holiday. Working days after each due date up to and including 4 June:
//   due Tue 3 Jun → Wed 4                                   = 1
//   due Wed 28 May → Thu 29, Fri 30, Mon 2, Tue 3, Wed 4     = 5
//   due Tue 27 May → Wed 28 … Wed 4                         = 6
//   due Fri 23 May → (Mon 26 holiday) Tue 27 … Wed 4        = 7 (8 without the holiday)
const TODAY = '2025-06-04';
const HOLIDAYS = new Set(['2025-05-26']);
const open = (dueDate: string, title?: string): RagMilestone => ({ dueDate, completedDate: null, title });
const done = (dueDate: string, completedDate: string): RagMilestone => ({ dueDate, completedDate });
const ind = (rag: RagIndicator['rag'], trend: RagIndicator['trend']): RagIndicator => ({ rag, trend });
// On 4 June 2025 the latest due month is April (due 28 May): the message the currency rule gives for March.
const stale = (rag: RagIndicator['rag'], trend: RagIndicator['trend']): RagIndicator => ({
  rag,
  trend,
  outOfDate: 'No value for Apr 2025 (latest: Mar 2025)',
});

describe('milestoneOverdueBy counts working days after the due date up to and including today', () => {
  it.each([
    ['due today', open('2025-06-04'), TODAY, HOLIDAYS, 0],
    ['due in the future', open('2025-06-10'), TODAY, HOLIDAYS, 0],
    ['due yesterday (Tuesday)', open('2025-06-03'), TODAY, HOLIDAYS, 1],
    ['due Wed 28 May', open('2025-05-28'), TODAY, HOLIDAYS, 5],
    ['due Tue 27 May', open('2025-05-27'), TODAY, HOLIDAYS, 6],
    ['due Fri 23 May, bank holiday skipped', open('2025-05-23'), TODAY, HOLIDAYS, 7],
    ['due Fri 23 May, no holidays known', open('2025-05-23'), TODAY, new Set<string>(), 8],
    ['due Friday, today Saturday', open('2025-06-06'), '2025-06-07', HOLIDAYS, 0],
    ['due Friday, today Monday', open('2025-06-06'), '2025-06-09', HOLIDAYS, 1],
    ['completed, even if late', done('2025-05-01', '2025-05-20'), TODAY, HOLIDAYS, 0],
  ])('%s → %i', (_label, m, today, holidays, expected) => {
    expect(milestoneOverdueBy(m, today, holidays)).toBe(expected);
  });

  it('stops counting at the cap', () => {
    expect(milestoneOverdueBy(open('2024-01-02'), TODAY, HOLIDAYS, 6)).toBe(6);
  });
});

describe('evidenceRag', () => {
  const cases: [string, ActionStatus, RagMilestone[], RagIndicator[], number, EvidenceRag][] = [
    // status
    ['complete action, even with an overdue milestone', 'complete', [open('2025-05-01')], [], 5, 'complete'],
    ['closed action', 'closed', [], [ind('red', 'worsening')], 5, 'complete'],
    ['not started, nothing overdue', 'not-started', [open('2025-07-01')], [], 5, 'not-started'],
    ['not started, no milestones', 'not-started', [], [], 5, 'not-started'],
    ['not started but a milestone overdue 1 day', 'not-started', [open('2025-06-03')], [], 5, 'amber'],
    ['not started but a milestone overdue beyond tolerance', 'not-started', [open('2025-05-27')], [], 5, 'red'],
    ['not started, linked indicator green', 'not-started', [], [ind('green', 'stable')], 5, 'not-started'],
    ['not started, linked indicator red and improving', 'not-started', [], [ind('red', 'improving')], 5, 'amber'],
    // milestones against the tolerance
    ['in progress, no milestones', 'in-progress', [], [], 5, 'green'],
    ['milestone due today', 'in-progress', [open(TODAY)], [], 5, 'green'],
    ['milestone due in future', 'in-progress', [open('2025-09-30')], [], 5, 'green'],
    ['overdue 1 working day, tolerance 5', 'in-progress', [open('2025-06-03')], [], 5, 'amber'],
    ['overdue 5 working days, tolerance 5 (at the limit)', 'in-progress', [open('2025-05-28')], [], 5, 'amber'],
    ['overdue 6 working days, tolerance 5', 'in-progress', [open('2025-05-27')], [], 5, 'red'],
    ['overdue 7 working days (bank holiday skipped), tolerance 7', 'in-progress', [open('2025-05-23')], [], 7, 'amber'],
    ['overdue 1 working day, tolerance 0', 'in-progress', [open('2025-06-03')], [], 0, 'red'],
    ['overdue milestone completed late', 'in-progress', [done('2025-05-01', '2025-05-30')], [], 5, 'green'],
    ['one amber and one red milestone', 'in-progress', [open('2025-06-03'), open('2025-05-01')], [], 5, 'red'],
    ['one green and one amber milestone', 'in-progress', [open('2025-07-03'), open('2025-06-02')], [], 5, 'amber'],
    // indicators
    ['indicator green', 'in-progress', [], [ind('green', 'worsening')], 5, 'green'],
    ['indicator amber', 'in-progress', [], [ind('amber', 'stable')], 5, 'amber'],
    ['indicator red and improving', 'in-progress', [], [ind('red', 'improving')], 5, 'amber'],
    ['indicator red and stable', 'in-progress', [], [ind('red', 'stable')], 5, 'red'],
    ['indicator red and worsening', 'in-progress', [], [ind('red', 'worsening')], 5, 'red'],
    ['indicator red with no trend yet', 'in-progress', [], [ind('red', 'unknown')], 5, 'red'],
    ['indicator with no rating is ignored', 'in-progress', [], [ind('none', 'unknown')], 5, 'green'],
    [
      'green milestones, red worsening indicator',
      'in-progress',
      [open('2025-07-01')],
      [ind('red', 'worsening')],
      5,
      'red',
    ],
    ['amber milestone, green indicator', 'in-progress', [open('2025-06-03')], [ind('green', 'improving')], 5, 'amber'],
    [
      'red milestone, red improving indicator',
      'in-progress',
      [open('2025-05-01')],
      [ind('red', 'improving')],
      5,
      'red',
    ],
    // out-of-date indicators (ADR 0840): never better than amber, and a stale red stays red
    ['out-of-date indicator last green', 'in-progress', [], [stale('green', 'improving')], 5, 'amber'],
    ['out-of-date indicator with no value at all', 'in-progress', [], [stale('none', 'unknown')], 5, 'amber'],
    ['out-of-date indicator last amber', 'in-progress', [], [stale('amber', 'stable')], 5, 'amber'],
    ['out-of-date indicator last red and worsening', 'in-progress', [], [stale('red', 'worsening')], 5, 'red'],
    ['out-of-date indicator last red and improving', 'in-progress', [], [stale('red', 'improving')], 5, 'amber'],
    ['not started, linked indicator out of date', 'not-started', [], [stale('green', 'stable')], 5, 'amber'],
    [
      'red milestone, out-of-date green indicator',
      'in-progress',
      [open('2025-05-01')],
      [stale('green', 'stable')],
      5,
      'red',
    ],
  ];
  it.each(cases)('%s → %s', (_label, status, milestones, indicators, tolerance, expected) => {
    expect(
      evidenceRag({ status, milestones, indicators, today: TODAY, holidays: HOLIDAYS, toleranceWorkingDays: tolerance })
        .rag,
    ).toBe(expected);
  });

  it('says an out-of-date indicator is out of date rather than quoting its old rating', () => {
    const result = evidenceRag({
      status: 'in-progress',
      milestones: [],
      indicators: [{ name: 'Caseloads', ...stale('green', 'stable') }],
      today: TODAY,
      holidays: HOLIDAYS,
      toleranceWorkingDays: 5,
    });
    expect(result.reasons).toEqual(['Indicator “Caseloads” is out of date: No value for Apr 2025 (latest: Mar 2025)']);
  });

  it('counts overdue milestones and explains the worst first', () => {
    const result = evidenceRag({
      status: 'in-progress',
      milestones: [
        open('2025-06-03', 'Audit tool agreed'),
        open('2025-05-01', 'Training delivered'),
        open('2025-08-01'),
      ],
      indicators: [],
      today: TODAY,
      holidays: HOLIDAYS,
      toleranceWorkingDays: 5,
    });
    expect(result.overdueMilestones).toBe(2);
    expect(result.reasons).toEqual([
      'Milestone “Training delivered” is overdue by more than 5 working days (beyond the tolerance)',
      'Milestone “Audit tool agreed” is overdue by 1 working day (within the tolerance)',
    ]);
  });
});

describe('isChallenged: the owner is more optimistic than the evidence', () => {
  const cases: [EvidenceRag, OwnerRag | null, boolean][] = [
    ['red', 'red', false],
    ['red', 'amber', true],
    ['red', 'green', true],
    ['red', 'complete', true],
    ['amber', 'red', false],
    ['amber', 'amber', false],
    ['amber', 'green', true],
    ['green', 'red', false],
    ['green', 'green', false],
    ['green', 'complete', false],
    ['not-started', 'green', false],
    ['complete', 'red', false],
    ['amber', null, false],
  ];
  it.each(cases)('evidence %s, owner %s → %s', (evidence, owner, expected) => {
    expect(isChallenged(evidence, owner)).toBe(expected);
  });
});

describe('ownerRatingProblem: a challenge needs a reason', () => {
  it.each([
    ['amber', 'green', '', 'The evidence rates this action amber. Give a reason for rating it green'],
    ['red', 'amber', '   ', 'The evidence rates this action red. Give a reason for rating it amber'],
    ['red', 'amber', null, 'The evidence rates this action red. Give a reason for rating it amber'],
    ['red', 'amber', 'Recruitment completes next week', null],
    ['amber', 'amber', '', null],
    ['green', 'red', '', null],
  ] as [EvidenceRag, OwnerRag, string | null, string | null][])(
    'evidence %s, owner %s, reason "%s"',
    (evidence, owner, reason, expected) => {
      expect(ownerRatingProblem(evidence, owner, reason)).toBe(expected);
    },
  );
});

describe('ragMovement since the last report', () => {
  it.each([
    [null, 'green', 'new'],
    ['amber', 'red', 'worse'],
    ['red', 'amber', 'better'],
    ['green', 'green', 'same'],
    ['green', 'complete', 'better'],
    ['not-started', 'amber', 'worse'],
    ['not-started', 'green', 'better'],
    ['green', 'amber', 'worse'],
  ] as [EvidenceRag | null, EvidenceRag, string][])('%s → %s is %s', (before, now, expected) => {
    expect(ragMovement(before, now)).toBe(expected);
  });
});

// Re-baselining (ADR 0860). Same calendar as above, today Wednesday 4 June 2025:
//   agreed Tue 3 Jun  → 1 working day overdue → amber at tolerance 5
//   agreed Tue 27 May → 6 working days overdue → red at tolerance 5
// A later due date that nobody has accepted leaves the RAG counting from the agreed date; once
// accepted (agreedDueDate null or equal to the due date) the new date counts.
describe('evidenceRag counts from the agreed date while a later due date waits for acceptance', () => {
  const moved = (agreed: string, due: string, title = 'Audit tool agreed'): RagMilestone => ({
    title,
    dueDate: due,
    agreedDueDate: agreed,
    completedDate: null,
  });
  const cases: [string, RagMilestone[], Parameters<typeof evidenceRag>[0]['deadline'], EvidenceRag][] = [
    [
      'moved from 27 May to 31 Jan 2026, not accepted: still red',
      [moved('2025-05-27', '2026-01-31')],
      undefined,
      'red',
    ],
    [
      'moved from 3 Jun to 31 Jan 2026, not accepted: still amber',
      [moved('2025-06-03', '2026-01-31')],
      undefined,
      'amber',
    ],
    [
      'moved from 27 May to 31 Jan 2026 and accepted: green',
      [{ dueDate: '2026-01-31', agreedDueDate: null, completedDate: null }],
      undefined,
      'green',
    ],
    ['accepted date equal to the due date: green', [moved('2026-01-31', '2026-01-31')], undefined, 'green'],
    [
      'agreed date later than the due date (brought forward): the due date counts, red',
      [moved('2026-01-31', '2025-05-27')],
      undefined,
      'red',
    ],
    [
      'moved but completed: green',
      [{ ...moved('2025-05-27', '2026-01-31'), completedDate: '2025-06-02' }],
      undefined,
      'green',
    ],
    ['action past its due date by 1 working day: amber', [], { dueDate: '2025-06-03' }, 'amber'],
    ['action past its due date by 6 working days: red', [], { dueDate: '2025-05-27' }, 'red'],
    ['action due today: green', [], { dueDate: TODAY }, 'green'],
    [
      'action moved from 27 May to 31 Dec, not accepted: red',
      [],
      { dueDate: '2025-12-31', agreedDueDate: '2025-05-27' },
      'red',
    ],
    [
      'action moved from 27 May to 31 Dec, accepted: green',
      [],
      { dueDate: '2025-12-31', agreedDueDate: null },
      'green',
    ],
  ];
  it.each(cases)('%s', (_label, milestones, deadline, expected) => {
    expect(
      evidenceRag({
        status: 'in-progress',
        milestones,
        deadline,
        indicators: [],
        today: TODAY,
        holidays: HOLIDAYS,
        toleranceWorkingDays: 5,
      }).rag,
    ).toBe(expected);
  });

  it('says the date was moved and not accepted', () => {
    const result = evidenceRag({
      status: 'in-progress',
      milestones: [moved('2025-05-27', '2026-01-31')],
      today: TODAY,
      holidays: HOLIDAYS,
      toleranceWorkingDays: 5,
    });
    expect(result.reasons).toEqual([
      'Milestone “Audit tool agreed” is overdue by more than 5 working days against its agreed date of 27 May 2025 (moved to 31 January 2026, not yet accepted) (beyond the tolerance)',
    ]);
    expect(result.overdueMilestones).toBe(1);
  });

  it('a complete action is complete whatever its deadline', () => {
    expect(
      evidenceRag({
        status: 'complete',
        milestones: [],
        deadline: { dueDate: '2025-01-01' },
        today: TODAY,
        holidays: HOLIDAYS,
        toleranceWorkingDays: 5,
      }).rag,
    ).toBe('complete');
  });
});
