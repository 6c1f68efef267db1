import type { Executor } from '../audit/audit.js';
import { getOwned, isUuid } from '../audit/audit.js';
import { todayInLondon } from '../../lib/dates.js';
import {
  evidenceRag,
  isChallenged,
  milestoneOverdueBy,
  type ActionStatus,
  type EvidenceRag,
  type OwnerRag,
  type RagIndicator,
} from '../../lib/rag.js';
import { sql } from 'kysely';
import { loadActionIndicators } from './links.js';
import { uncoveredFindingIds } from './coverage.js';

/** One action's evidence RAG (from `src/lib/rag.ts`) with the owner's own rating beside it. */
export interface ActionRagState {
  actionId: string;
  planId: string;
  reference: string;
  title: string;
  themeId: string | null;
  ownerId: string | null;
  status: ActionStatus;
  startDate: string;
  dueDate: string;
  /** The first due date where it has moved (ADR 0860). */
  originalDueDate: string | null;
  /** The date the RAG counts from while a later due date awaits acceptance. */
  agreedDueDate: string | null;
  /** Moves of the action's or its milestones' due dates later, and how many await an editor. */
  rebaselines: number;
  rebaselinesPending: number;
  evidenceRag: EvidenceRag;
  reasons: string[];
  overdueMilestones: number;
  /** Open milestones past their due date (those at least one working day overdue count in `overdueMilestones`). */
  overdueList: OverdueMilestone[];
  ownerRag: OwnerRag | null;
  ownerRagReason: string | null;
  lastUpdateDate: string | null;
  challenged: boolean;
  version: number;
}

export interface OverdueMilestone {
  id: string;
  title: string;
  dueDate: string;
  agreedDueDate: string | null;
  completedDate: null;
}

export type ActionScope = { planId: string } | { actionIds: string[] } | { ownerId: string };

export const byReference = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/** An action in scope as the query gives it: named like the state it becomes, with what the RAG needs besides. */
type ActionJson = Pick<
  ActionRagState,
  | 'actionId'
  | 'planId'
  | 'reference'
  | 'title'
  | 'themeId'
  | 'ownerId'
  | 'status'
  | 'startDate'
  | 'dueDate'
  | 'ownerRag'
  | 'ownerRagReason'
  | 'lastUpdateDate'
  | 'version'
  | 'originalDueDate'
  | 'agreedDueDate'
> & { tolerance: number; moves: number; pending: number };
type OverdueJson = [string, string, string, string, string | null];

/**
 * The RAG of every action in scope, computed now from milestones, linked indicators, working days and
 * the plan's tolerance. One round trip: actions, their open overdue milestones and the bank holidays
 * since the oldest of them come back as three JSON values (far cheaper than row by row on PGlite).
 */
export async function computeActionRags(
  db: Executor,
  organisationId: string,
  scope: ActionScope,
  today: string,
): Promise<ActionRagState[]> {
  if ('actionIds' in scope && scope.actionIds.length === 0) return [];
  const where =
    'planId' in scope
      ? sql`a.plan_id = ${scope.planId}`
      : 'ownerId' in scope
        ? sql`a.owner_id = ${scope.ownerId}`
        : sql`a.id in (${sql.join(scope.actionIds)})`;
  const result = await sql<{
    actions: ActionJson[] | string;
    overdue: OverdueJson[] | string;
    holidays: string[] | string;
  }>`
    with acts as (
      select a.id, a.plan_id, a.reference, a.title, a.theme_id, a.owner_id, a.status, a.start_date, a.due_date,
             a.owner_rag, a.owner_rag_reason, a.last_update_date, a.version, p.tolerance_working_days,
             a.original_due_date, a.agreed_due_date,
             (select count(*) from rebaselines r where r.action_id = a.id) as moves,
             (select count(*) from rebaselines r where r.action_id = a.id and r.accepted_on is null) as pending
      from actions a join plans p on p.id = a.plan_id
      where a.organisation_id = ${organisationId} and ${where}
    ), overdue as (
      -- A milestone counts from its agreed date while a later due date awaits acceptance (ADR 0860).
      select m.action_id, m.title, m.due_date, m.id, m.agreed_due_date, least(m.agreed_due_date, m.due_date) as counts_from
      from milestones m join acts on acts.id = m.action_id
      where m.organisation_id = ${organisationId} and m.completed_date is null and least(m.agreed_due_date, m.due_date) < ${today}
    )
    select
      -- Keys in camelCase: JSON the driver parses has its keys camelCased by CamelCasePlugin, JSON read as text not.
      (select coalesce(json_agg(json_build_object('actionId', id, 'planId', plan_id, 'reference', reference,
              'title', title, 'themeId', theme_id, 'ownerId', owner_id, 'status', status, 'startDate', start_date,
              'dueDate', due_date, 'ownerRag', owner_rag, 'ownerRagReason', owner_rag_reason,
              'lastUpdateDate', last_update_date, 'version', version, 'tolerance', tolerance_working_days,
              'originalDueDate', original_due_date, 'agreedDueDate', agreed_due_date, 'moves', moves,
              'pending', pending)), '[]') from acts) as actions,
      (select coalesce(json_agg(json_build_array(action_id, title, due_date, id, agreed_due_date) order by counts_from), '[]') from overdue) as overdue,
      (select coalesce(json_agg(h.date), '[]') from bank_holidays h
        where (h.organisation_id is null or h.organisation_id = ${organisationId})
          and h.date <= ${today}
          and h.date > least((select min(counts_from) from overdue), (select min(least(agreed_due_date, due_date)) from acts))) as holidays`.execute(
    db,
  );
  const row = result.rows[0];
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const actions = json(row.actions);
  const overdue = json(row.overdue);
  const holidays = new Set(json(row.holidays));
  const milestonesByAction = new Map<string, OverdueMilestone[]>();
  for (const [actionId, title, dueDate, id, agreedDueDate] of overdue) {
    const list = milestonesByAction.get(actionId) ?? [];
    list.push({ id, title, dueDate, agreedDueDate, completedDate: null });
    milestonesByAction.set(actionId, list);
  }
  const indicators: Map<string, RagIndicator[]> = await loadActionIndicators(
    db,
    organisationId,
    'planId' in scope ? { planId: scope.planId } : actions.map((a) => a.actionId),
    today,
  );
  const states = actions.map(({ tolerance, moves, pending, ...action }): ActionRagState => {
    const overdueMilestones = milestonesByAction.get(action.actionId) ?? [];
    const result = evidenceRag({
      status: action.status,
      milestones: overdueMilestones,
      deadline: { dueDate: action.dueDate, agreedDueDate: action.agreedDueDate },
      indicators: indicators.get(action.actionId) ?? [],
      today,
      holidays,
      toleranceWorkingDays: tolerance,
    });
    return {
      ...action,
      rebaselines: Number(moves),
      rebaselinesPending: Number(pending),
      evidenceRag: result.rag,
      reasons: result.reasons,
      overdueMilestones: result.overdueMilestones,
      overdueList: result.overdueMilestones
        ? overdueMilestones.filter((m) => milestoneOverdueBy(m, today, holidays, 1) > 0)
        : [],
      challenged: isChallenged(result.rag, action.ownerRag),
    };
  });
  return states.sort((x, y) => byReference(x.reference, y.reference));
}

/**
 * CONTRACT (risk register): each action's evidence RAG, owner RAG and whether it is challenged.
 * Another organisation's action ids are simply absent from the map.
 */
export async function getActionEvidenceRags(
  db: Executor,
  organisationId: string,
  actionIds: string[],
  today: string = todayInLondon(),
): Promise<
  Map<
    string,
    { reference: string; title: string; evidenceRag: EvidenceRag; ownerRag: string | null; challenged: boolean }
  >
> {
  const states = await computeActionRags(db, organisationId, { actionIds: actionIds.filter(isUuid) }, today);
  return new Map(
    states.map((s) => [
      s.actionId,
      {
        reference: s.reference,
        title: s.title,
        evidenceRag: s.evidenceRag,
        ownerRag: s.ownerRag,
        challenged: s.challenged,
      },
    ]),
  );
}

export type RagCounts = Record<EvidenceRag, number>;
export type OwnerRagCounts = Record<OwnerRag | 'none', number>;

export interface PlanSummary {
  actions: number;
  rag: { evidence: RagCounts; owner: OwnerRagCounts };
  challenged: number;
  overdueMilestones: number;
  uncoveredFindings: string[];
}

export const emptyRagCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, complete: 0, 'not-started': 0 });
export const emptyOwnerCounts = (): OwnerRagCounts => ({ red: 0, amber: 0, green: 0, complete: 0, none: 0 });

export function summarise(states: ActionRagState[], uncoveredFindings: string[]): PlanSummary {
  const evidence = emptyRagCounts();
  const owner = emptyOwnerCounts();
  let challenged = 0;
  let overdueMilestones = 0;
  for (const s of states) {
    evidence[s.evidenceRag]++;
    owner[s.ownerRag ?? 'none']++;
    if (s.challenged) challenged++;
    overdueMilestones += s.overdueMilestones;
  }
  return { actions: states.length, rag: { evidence, owner }, challenged, overdueMilestones, uncoveredFindings };
}

/** CONTRACT (reports): the same shape as GET /api/v1/plans/:id/summary. 404 for another organisation's plan. */
export async function getPlanSummary(
  db: Executor,
  organisationId: string,
  planId: string,
  today: string = todayInLondon(),
): Promise<PlanSummary> {
  await getOwned(db, organisationId, 'plans', planId);
  const [states, uncovered] = await Promise.all([
    computeActionRags(db, organisationId, { planId }, today),
    uncoveredFindingIds(db, organisationId, planId),
  ]);
  return summarise(states, uncovered);
}

/**
 * Keep each action's RAG over time: one row per action per day, written only when the rating differs
 * from the latest stored one, so "movement since the last report" can be read for any date.
 */
export async function syncRagHistory(
  db: Executor,
  organisationId: string,
  states: ActionRagState[],
  today: string,
): Promise<void> {
  if (!states.length) return;
  const latest = await db
    .selectFrom('actionRagHistory')
    .select(['actionId', 'evidenceRag', 'ownerRag', 'challenged', 'recordedOn'])
    .distinctOn('actionId')
    .where('organisationId', '=', organisationId)
    .where(
      'actionId',
      'in',
      states.map((s) => s.actionId),
    )
    .orderBy('actionId')
    .orderBy('recordedOn', 'desc')
    .execute();
  const byAction = new Map(latest.map((l) => [l.actionId, l]));
  const changed = states.filter((s) => {
    const l = byAction.get(s.actionId);
    return !l || l.evidenceRag !== s.evidenceRag || l.ownerRag !== s.ownerRag || l.challenged !== s.challenged;
  });
  if (!changed.length) return;
  await insertHistory(db, organisationId, changed, today);
}

/**
 * For a whole plan in one read of its history: store today's ratings where they moved, and return each
 * action's evidence RAG as it stood at the end of `asOf` (for "movement since").
 */
export async function syncPlanHistory(
  db: Executor,
  organisationId: string,
  planId: string,
  states: ActionRagState[],
  today: string,
  asOf: string,
): Promise<Map<string, EvidenceRag>> {
  const result = await sql<{ rows: [string, string, EvidenceRag, OwnerRag | null, boolean][] | string }>`
    select coalesce(json_agg(json_build_array(h.action_id, h.recorded_on, h.evidence_rag, h.owner_rag, h.challenged) order by h.action_id, h.recorded_on), '[]') as rows
    from action_rag_history h join actions a on a.id = h.action_id
    where a.plan_id = ${planId} and h.organisation_id = ${organisationId}`.execute(db);
  const raw = result.rows[0].rows;
  const rows =
    typeof raw === 'string' ? (JSON.parse(raw) as [string, string, EvidenceRag, OwnerRag | null, boolean][]) : raw;
  const latest = new Map<string, { evidenceRag: EvidenceRag; ownerRag: OwnerRag | null; challenged: boolean }>();
  const before = new Map<string, EvidenceRag>();
  for (const [actionId, recordedOn, evidence, owner, challenged] of rows) {
    latest.set(actionId, { evidenceRag: evidence, ownerRag: owner, challenged });
    if (recordedOn <= asOf) before.set(actionId, evidence);
  }
  const changed = states.filter((s) => {
    const l = latest.get(s.actionId);
    return !l || l.evidenceRag !== s.evidenceRag || l.ownerRag !== s.ownerRag || l.challenged !== s.challenged;
  });
  if (changed.length) await insertHistory(db, organisationId, changed, today);
  if (asOf >= today) for (const s of changed) before.set(s.actionId, s.evidenceRag);
  return before;
}

async function insertHistory(db: Executor, organisationId: string, changed: ActionRagState[], today: string) {
  await db
    .insertInto('actionRagHistory')
    .values(
      changed.map((s) => ({
        organisationId,
        actionId: s.actionId,
        recordedOn: today,
        evidenceRag: s.evidenceRag,
        ownerRag: s.ownerRag,
        challenged: s.challenged,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['actionId', 'recordedOn']).doUpdateSet((eb) => ({
        evidenceRag: eb.ref('excluded.evidenceRag'),
        ownerRag: eb.ref('excluded.ownerRag'),
        challenged: eb.ref('excluded.challenged'),
      })),
    )
    .execute();
}

/** Each action's evidence RAG as it stood at the end of `asOf` (the latest history row on or before it). */
export async function ragAsOf(
  db: Executor,
  organisationId: string,
  actionIds: string[],
  asOf: string,
): Promise<Map<string, EvidenceRag>> {
  if (!actionIds.length) return new Map();
  const rows = await db
    .selectFrom('actionRagHistory')
    .select(['actionId', 'evidenceRag'])
    .distinctOn('actionId')
    .where('organisationId', '=', organisationId)
    .where('actionId', 'in', actionIds)
    .where('recordedOn', '<=', asOf)
    .orderBy('actionId')
    .orderBy('recordedOn', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.actionId, r.evidenceRag]));
}
