import { formatGovukDate } from './dates.js';

/**
 * Re-baselining: moving a milestone's or an action's due date later is a decision, recorded with its
 * reason, never a quiet edit (ADR 0860). The first due date is kept (`originalDueDate`), and the RAG
 * keeps counting from the date last agreed (`agreedDueDate`) until an editor accepts the new one.
 *
 * Stored values: `originalDueDate` and `agreedDueDate` are null while they equal the due date, so a
 * record nobody has moved needs nothing extra.
 */

export interface DueDates {
  dueDate: string;
  originalDueDate: string | null;
  agreedDueDate: string | null;
}

export interface DueDateChange {
  dueDate: string;
  reason?: string | null;
  /** An editor accepts the (new or pending) due date as the one the RAG counts from. */
  accept?: boolean;
}

export interface RebaselineContext {
  planStatus: 'draft' | 'approved' | 'superseded';
  isEditor: boolean;
  /** "milestone" or "action", for the messages. */
  what: 'milestone' | 'action';
}

export interface RebaselineRecord {
  fromDate: string;
  toDate: string;
  reason: string;
  accepted: boolean;
}

export type RebaselineDecision =
  | { ok: true; dates: DueDates; rebaseline: RebaselineRecord | null; accepts: boolean }
  | { ok: false; status: 403 | 422; path: 'dueDate' | 'rebaselineReason' | 'acceptRebaseline'; message: string };

export const REBASELINE_REASON_MAX = 1000;

/** The date the RAG counts from: the agreed date while a later due date waits for acceptance. */
export function agreedDate(d: Pick<DueDates, 'dueDate' | 'agreedDueDate'>): string {
  return d.agreedDueDate && d.agreedDueDate < d.dueDate ? d.agreedDueDate : d.dueDate;
}

/** A later due date that no editor has accepted yet. */
export function awaitsAcceptance(d: Pick<DueDates, 'dueDate' | 'agreedDueDate'>): boolean {
  return agreedDate(d) !== d.dueDate;
}

export function decideDueDateChange(
  current: DueDates,
  change: DueDateChange,
  ctx: RebaselineContext,
): RebaselineDecision {
  const from = current.dueDate;
  const to = change.dueDate;
  const reason = (change.reason ?? '').trim();
  const accept = change.accept === true;
  if (accept && !ctx.isEditor) {
    return { ok: false, status: 403, path: 'acceptRebaseline', message: 'Only an editor can accept a new due date' };
  }
  const agreedBefore = agreedDate(current);
  let agreed: string;
  let rebaseline: RebaselineRecord | null = null;
  if (to > from) {
    if (ctx.planStatus === 'approved' && !ctx.isEditor) {
      return {
        ok: false,
        status: 403,
        path: 'dueDate',
        message: `The plan is approved, so only an editor can move this ${ctx.what}’s due date: ask an editor to re-baseline it`,
      };
    }
    if (!reason) {
      return {
        ok: false,
        status: 422,
        path: 'rebaselineReason',
        message: `Give a reason for moving the due date from ${formatGovukDate(from)} to ${formatGovukDate(to)}`,
      };
    }
    if (reason.length > REBASELINE_REASON_MAX) {
      return {
        ok: false,
        status: 422,
        path: 'rebaselineReason',
        message: `Reason for moving the due date must be ${REBASELINE_REASON_MAX} characters or fewer`,
      };
    }
    agreed = accept ? to : agreedBefore;
    rebaseline = { fromDate: from, toDate: to, reason, accepted: accept };
  } else {
    // Same date or earlier: a stricter commitment needs no reason. A pending later date stays pending
    // unless the new date is no later than the agreed one or an editor accepts it.
    agreed = accept || to <= agreedBefore ? to : agreedBefore;
  }
  return {
    ok: true,
    dates: {
      dueDate: to,
      originalDueDate: current.originalDueDate ?? (to !== from ? from : null),
      agreedDueDate: agreed >= to ? null : agreed,
    },
    rebaseline,
    accepts: accept && (awaitsAcceptance(current) || to > from),
  };
}

/** "re-baselined once", "re-baselined 2 times". */
export function rebaselinedText(count: number): string {
  if (count <= 0) return '';
  return `re-baselined ${count === 1 ? 'once' : `${count} times`}`;
}
