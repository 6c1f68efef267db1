import { describe, expect, it } from 'vitest';
import {
  agreedDate,
  decideDueDateChange,
  rebaselinedText,
  type DueDates,
  type RebaselineContext,
} from './rebaseline.js';

// Each row worked out from the rule in ADR 0860: a later date needs a reason (422 without), on an
// approved plan only an editor may move a date later (403), the first due date is kept, and the RAG's
// agreed date stays where it was until an editor accepts (stored null while it equals the due date).
const fresh: DueDates = { dueDate: '2026-10-16', originalDueDate: null, agreedDueDate: null };
const pending: DueDates = { dueDate: '2027-01-31', originalDueDate: '2026-10-16', agreedDueDate: '2026-10-16' };
const ownerOnApproved: RebaselineContext = { planStatus: 'approved', isEditor: false, what: 'milestone' };
const ownerOnDraft: RebaselineContext = { planStatus: 'draft', isEditor: false, what: 'milestone' };
const editorOnApproved: RebaselineContext = { planStatus: 'approved', isEditor: true, what: 'milestone' };

describe('decideDueDateChange', () => {
  it.each([
    [
      'owner moves an approved plan’s milestone later',
      fresh,
      { dueDate: '2027-01-31', reason: 'Staff shortage' },
      ownerOnApproved,
      403,
      'dueDate',
    ],
    [
      'editor moves it later without a reason',
      fresh,
      { dueDate: '2027-01-31' },
      editorOnApproved,
      422,
      'rebaselineReason',
    ],
    [
      'editor moves it later with a blank reason',
      fresh,
      { dueDate: '2027-01-31', reason: '   ' },
      editorOnApproved,
      422,
      'rebaselineReason',
    ],
    [
      'owner moves a draft plan’s milestone later without a reason',
      fresh,
      { dueDate: '2027-01-31' },
      ownerOnDraft,
      422,
      'rebaselineReason',
    ],
    ['owner tries to accept', pending, { dueDate: '2027-01-31', accept: true }, ownerOnDraft, 403, 'acceptRebaseline'],
    [
      'reason over 1,000 characters',
      fresh,
      { dueDate: '2027-01-31', reason: 'x'.repeat(1001) },
      editorOnApproved,
      422,
      'rebaselineReason',
    ],
  ] as const)('%s → %i on %s', (_label, current, change, ctx, status, path) => {
    const d = decideDueDateChange(current, change, ctx);
    expect(d.ok).toBe(false);
    if (!d.ok) expect([d.status, d.path]).toEqual([status, path]);
  });

  it.each([
    // label, current, change, ctx, expected dates, a re-baseline recorded (accepted?)
    [
      'editor moves 16 Oct → 31 Jan with a reason: pending',
      fresh,
      { dueDate: '2027-01-31', reason: 'Staff shortage' },
      editorOnApproved,
      pending,
      false,
    ],
    [
      'editor moves and accepts at once',
      fresh,
      { dueDate: '2027-01-31', reason: 'Board agreed', accept: true },
      editorOnApproved,
      { dueDate: '2027-01-31', originalDueDate: '2026-10-16', agreedDueDate: null },
      true,
    ],
    [
      'owner moves a draft plan’s milestone with a reason: pending',
      fresh,
      { dueDate: '2027-01-31', reason: 'Re-planned' },
      ownerOnDraft,
      pending,
      false,
    ],
    [
      'editor accepts the pending date later',
      pending,
      { dueDate: '2027-01-31', accept: true },
      editorOnApproved,
      { dueDate: '2027-01-31', originalDueDate: '2026-10-16', agreedDueDate: null },
      null,
    ],
    [
      'moved again before acceptance: still counts from 16 Oct, original kept',
      pending,
      { dueDate: '2027-03-31', reason: 'Further delay' },
      editorOnApproved,
      { dueDate: '2027-03-31', originalDueDate: '2026-10-16', agreedDueDate: '2026-10-16' },
      false,
    ],
    [
      'brought forward: no reason needed, agreed follows',
      fresh,
      { dueDate: '2026-09-30' },
      ownerOnApproved,
      { dueDate: '2026-09-30', originalDueDate: '2026-10-16', agreedDueDate: null },
      null,
    ],
    [
      'pending date brought back between: agreed stays 16 Oct',
      pending,
      { dueDate: '2026-12-31' },
      ownerOnApproved,
      { dueDate: '2026-12-31', originalDueDate: '2026-10-16', agreedDueDate: '2026-10-16' },
      null,
    ],
    [
      'pending date brought back to the agreed date: nothing pending',
      pending,
      { dueDate: '2026-10-16' },
      ownerOnApproved,
      { dueDate: '2026-10-16', originalDueDate: '2026-10-16', agreedDueDate: null },
      null,
    ],
    ['unchanged date: nothing recorded', fresh, { dueDate: '2026-10-16' }, ownerOnApproved, fresh, null],
  ] as const)('%s', (_label, current, change, ctx, dates, accepted) => {
    const d = decideDueDateChange(current, change, ctx);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.dates).toEqual(dates);
    expect(d.rebaseline?.accepted ?? null).toBe(accepted);
  });

  it('records the move in words for the history', () => {
    const d = decideDueDateChange(fresh, { dueDate: '2027-01-31', reason: ' Staff shortage ' }, editorOnApproved);
    expect(d.ok && d.rebaseline).toEqual({
      fromDate: '2026-10-16',
      toDate: '2027-01-31',
      reason: 'Staff shortage',
      accepted: false,
    });
  });

  it('names both dates when the reason is missing', () => {
    const d = decideDueDateChange(fresh, { dueDate: '2027-01-31' }, editorOnApproved);
    expect(!d.ok && d.message).toBe('Give a reason for moving the due date from 16 October 2026 to 31 January 2027');
  });
});

describe('agreedDate and rebaselinedText', () => {
  it.each([
    [{ dueDate: '2027-01-31', agreedDueDate: '2026-10-16' }, '2026-10-16'],
    [{ dueDate: '2027-01-31', agreedDueDate: null }, '2027-01-31'],
    [{ dueDate: '2026-09-30', agreedDueDate: '2026-10-16' }, '2026-09-30'],
  ])('%o counts from %s', (d, expected) => expect(agreedDate(d)).toBe(expected));
  it.each([
    [0, ''],
    [1, 're-baselined once'],
    [2, 're-baselined 2 times'],
  ])('%i → "%s"', (n, text) => expect(rebaselinedText(n)).toBe(text));
});
