import type { HolidaySet } from './working-days.js';
import { formatGovukDate } from './dates.js';

/**
 * The RAG rule, in one place. Every view, report, export and API answer that shows an action's
 * evidence RAG gets it from `evidenceRag` below; nothing else decides a colour.
 *
 * Evidence RAG of an action, from its own status, its milestones and its linked indicators:
 *  1. status `complete` or `closed`                      → complete
 *  2. each open milestone (no completed date) whose *agreed* due date has passed, and the action itself
 *     once its agreed due date has passed, overdue by n working days (working days after the agreed
 *     date up to and including today):
 *        1 ≤ n ≤ tolerance → amber;   n > tolerance → red          (n = 0, e.g. due Friday and
 *        today Saturday, is not yet overdue)
 *     The agreed date is the due date unless the date was moved later and no editor has accepted the
 *     new one yet (re-baselining, ADR 0860): then the RAG still counts from the date last agreed, so
 *     moving a date cannot turn an overdue milestone green on its own.
 *  3. each linked indicator: green → green; amber → amber; red and improving → amber;
 *     red and stable, worsening or unknown → red; no rating → ignored.
 *     An indicator that is *out of date* (no value for its latest due period, `indicator-currency.ts`)
 *     is never better than amber: stale green or no rating → amber, stale amber → amber, stale red
 *     stays red (ADR 0840: missing evidence cannot show an action on track, nor hide a red).
 *  4. status `not-started` with nothing amber or red from 2 and 3 → not-started
 *  5. otherwise the worst colour from 2 and 3, green when there is nothing against the action.
 *
 * The owner's own rating sits beside it. Where the owner is more optimistic than the evidence
 * (owner green against evidence amber or red, owner amber against evidence red) the action is
 * *challenged* and the owner must give a reason.
 */

export const ACTION_STATUSES = ['not-started', 'in-progress', 'complete', 'closed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const EVIDENCE_RAGS = ['red', 'amber', 'green', 'complete', 'not-started'] as const;
export type EvidenceRag = (typeof EVIDENCE_RAGS)[number];

export const OWNER_RAGS = ['red', 'amber', 'green', 'complete'] as const;
export type OwnerRag = (typeof OWNER_RAGS)[number];

export type IndicatorRag = 'red' | 'amber' | 'green' | 'none';
export type IndicatorTrend = 'improving' | 'stable' | 'worsening' | 'unknown';

export interface RagMilestone {
  title?: string;
  dueDate: string;
  /** The date last agreed, where a later due date has not been accepted yet (null: the due date). */
  agreedDueDate?: string | null;
  completedDate: string | null;
}

/** The action's own deadline, rated like a milestone once it has passed. */
export interface RagDeadline {
  dueDate: string;
  agreedDueDate?: string | null;
}

export interface RagIndicator {
  name?: string;
  rag: IndicatorRag;
  trend: IndicatorTrend;
  /** Set when the indicator has no value for its latest due period: why, in plain words. */
  outOfDate?: string | null;
}

export interface RagInput {
  status: ActionStatus;
  milestones: readonly RagMilestone[];
  indicators?: readonly RagIndicator[];
  /** The action's own due date: an open action past it is overdue like a milestone. */
  deadline?: RagDeadline;
  /** Today in England, 'YYYY-MM-DD'. */
  today: string;
  holidays: HolidaySet;
  /** Working days a milestone may be overdue and still be amber. */
  toleranceWorkingDays: number;
}

export interface RagResult {
  rag: EvidenceRag;
  /** Why, in plain words, worst first: shown beside the rating. */
  reasons: string[];
  /** Open milestones past their due date (n ≥ 1 working days). */
  overdueMilestones: number;
}

export const DEFAULT_TOLERANCE_WORKING_DAYS = 10;

type Colour = 'red' | 'amber' | 'green';
const SEVERITY: Record<Colour, number> = { green: 0, amber: 1, red: 2 };

/**
 * Working days an open milestone is overdue (after its due date up to and including today), counted
 * only up to `cap`: beyond the tolerance the exact number does not change the colour, and a long-lost
 * milestone should not cost a walk over every day since it was due.
 */
export function milestoneOverdueBy(
  m: RagMilestone,
  today: string,
  holidays: HolidaySet,
  cap = Number.POSITIVE_INFINITY,
): number {
  const due = ragDueDate(m);
  if (m.completedDate || due >= today) return 0;
  const holidayDays = holidayDayNumbers(holidays);
  const end = dayNumber(today);
  let count = 0;
  for (let day = dayNumber(due) + 1; day <= end && count < cap; day++) {
    const dow = (day + 4) % 7; // day 0 (1 January 1970) was a Thursday
    if (dow !== 0 && dow !== 6 && !holidayDays.has(day)) count++;
  }
  return count;
}

/**
 * The date the RAG counts from: the due date, or the earlier date last agreed while a later due date
 * waits for an editor's acceptance.
 */
export function ragDueDate(m: { dueDate: string; agreedDueDate?: string | null }): string {
  return m.agreedDueDate && m.agreedDueDate < m.dueDate ? m.agreedDueDate : m.dueDate;
}

/** Working days as words: "1 working day", "more than 10 working days". */
function workingDays(n: number, beyond: boolean): string {
  return `${beyond ? 'more than ' : ''}${n} working day${n === 1 ? '' : 's'}`;
}

/** " against its agreed date of …" where a later date waits for acceptance, else nothing. */
function againstAgreed(m: { dueDate: string; agreedDueDate?: string | null }, whose: string): string {
  const agreed = ragDueDate(m);
  return agreed === m.dueDate
    ? ''
    : ` against ${whose} agreed date of ${formatGovukDate(agreed)} (moved to ${formatGovukDate(m.dueDate)}, not yet accepted)`;
}

/** Days since 1 January 1970 for a 'YYYY-MM-DD' date: integer arithmetic keeps the RAG of 400 actions fast. */
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

const holidayCache = new WeakMap<HolidaySet, Set<number>>();
function holidayDayNumbers(holidays: HolidaySet): Set<number> {
  let days = holidayCache.get(holidays);
  if (!days) {
    days = new Set([...holidays].map(dayNumber));
    holidayCache.set(holidays, days);
  }
  return days;
}

export function milestoneColour(overdueWorkingDays: number, toleranceWorkingDays: number): Colour {
  if (overdueWorkingDays <= 0) return 'green';
  return overdueWorkingDays <= toleranceWorkingDays ? 'amber' : 'red';
}

export function indicatorColour(rag: IndicatorRag, trend: IndicatorTrend): Colour | null {
  if (rag === 'none') return null;
  if (rag === 'red') return trend === 'improving' ? 'amber' : 'red';
  return rag;
}

export function evidenceRag(input: RagInput): RagResult {
  if (input.status === 'complete' || input.status === 'closed') {
    return {
      rag: 'complete',
      reasons: [input.status === 'closed' ? 'The action is closed' : 'The action is complete'],
      overdueMilestones: 0,
    };
  }
  const found: { colour: Colour; reason: string }[] = [];
  let overdueMilestones = 0;
  for (const m of input.milestones) {
    const n = milestoneOverdueBy(m, input.today, input.holidays, input.toleranceWorkingDays + 1);
    if (n <= 0) continue;
    overdueMilestones++;
    const colour = milestoneColour(n, input.toleranceWorkingDays);
    const days = colour === 'red' ? workingDays(input.toleranceWorkingDays, true) : workingDays(n, false);
    found.push({
      colour,
      reason: `Milestone${m.title ? ` “${m.title}”` : ''} is overdue by ${days}${againstAgreed(m, 'its')} (${colour === 'red' ? 'beyond' : 'within'} the tolerance)`,
    });
  }
  if (input.deadline) {
    const n = milestoneOverdueBy(
      { ...input.deadline, completedDate: null },
      input.today,
      input.holidays,
      input.toleranceWorkingDays + 1,
    );
    if (n > 0) {
      const colour = milestoneColour(n, input.toleranceWorkingDays);
      const days = colour === 'red' ? workingDays(input.toleranceWorkingDays, true) : workingDays(n, false);
      found.push({
        colour,
        reason: `The action is past its due date by ${days}${againstAgreed(input.deadline, 'its')} (${colour === 'red' ? 'beyond' : 'within'} the tolerance)`,
      });
    }
  }
  for (const ind of input.indicators ?? []) {
    const name = ind.name ? `Indicator “${ind.name}”` : 'A linked indicator';
    const fresh = indicatorColour(ind.rag, ind.trend);
    if (ind.outOfDate) {
      found.push({ colour: fresh === 'red' ? 'red' : 'amber', reason: `${name} is out of date: ${ind.outOfDate}` });
      continue;
    }
    const colour = fresh;
    if (!colour) continue;
    const reason =
      ind.rag === 'red'
        ? `${name} is off target and ${ind.trend === 'improving' ? 'improving' : ind.trend === 'unknown' ? 'has no trend yet' : ind.trend}`
        : `${name} is ${ind.rag === 'green' ? 'at or better than target' : 'close to target'}`;
    found.push({ colour, reason });
  }
  const worst = found.reduce<Colour>((w, f) => (SEVERITY[f.colour] > SEVERITY[w] ? f.colour : w), 'green');
  const reasons = found
    .filter((f) => f.colour !== 'green')
    .sort((a, b) => SEVERITY[b.colour] - SEVERITY[a.colour])
    .map((f) => f.reason);
  if (input.status === 'not-started' && worst === 'green') {
    return { rag: 'not-started', reasons: ['The action has not started'], overdueMilestones };
  }
  if (worst === 'green')
    reasons.push(
      found.length ? 'No milestone is overdue and every linked indicator is on target' : 'No milestone is overdue',
    );
  return { rag: worst, reasons, overdueMilestones };
}

const OPTIMISM: Record<string, number> = { red: 0, amber: 1, green: 2, complete: 3 };

/**
 * The owner is more optimistic than the evidence. Only a red or amber evidence RAG can be challenged:
 * a `complete` or `not-started` action has no colour to argue with.
 */
export function isChallenged(evidence: EvidenceRag, owner: OwnerRag | null | undefined): boolean {
  if (!owner) return false;
  if (evidence !== 'red' && evidence !== 'amber') return false;
  return OPTIMISM[owner] > OPTIMISM[evidence];
}

/** The owner's rating with its reason: the error message when a challenge has no reason, else null. */
export function ownerRatingProblem(
  evidence: EvidenceRag,
  owner: OwnerRag,
  reason: string | null | undefined,
): string | null {
  if (isChallenged(evidence, owner) && !(reason ?? '').trim()) {
    return `The evidence rates this action ${evidence}. Give a reason for rating it ${owner}`;
  }
  return null;
}

/** Movement between two ratings, for "since the last report" columns. */
export type Movement = 'better' | 'worse' | 'same' | 'new';
const MOVEMENT_RANK: Record<EvidenceRag, number> = { red: 0, amber: 1, 'not-started': 1.5, green: 2, complete: 3 };

export function ragMovement(before: EvidenceRag | null | undefined, now: EvidenceRag): Movement {
  if (!before) return 'new';
  if (before === now) return 'same';
  return MOVEMENT_RANK[now] > MOVEMENT_RANK[before] ? 'better' : 'worse';
}
