import type { Executor } from '../audit/audit.js';
import { addDays, todayInLondon } from '../../lib/dates.js';
import { ragMovement, type EvidenceRag, type Movement } from '../../lib/rag.js';
import {
  byReference,
  computeActionRags,
  emptyOwnerCounts,
  emptyRagCounts,
  summarise,
  syncPlanHistory,
  type ActionRagState,
  type OwnerRagCounts,
  type RagCounts,
} from './status.js';
import { planCoverage } from './coverage.js';

export interface ActionRow extends ActionRagState {
  ownerName: string | null;
  themeName: string | null;
  /** 'unrecorded': the action existed then but no rating was recorded for that date. */
  movement: Movement | 'unrecorded';
  before: EvidenceRag | null;
}

export interface OverviewFilters {
  theme?: string;
  rag?: string;
  owner?: string;
  challenged?: string;
  sort?: string;
  order?: string;
  since?: string;
}

const RAG_ORDER: Record<string, number> = { red: 0, amber: 1, 'not-started': 2, green: 3, complete: 4 };

export function sortRows(rows: ActionRow[], sort: string | undefined, order: string | undefined): ActionRow[] {
  const dir = order === 'desc' ? -1 : 1;
  const cmp: Record<string, (a: ActionRow, b: ActionRow) => number> = {
    reference: (a, b) => byReference(a.reference, b.reference),
    due: (a, b) => a.dueDate.localeCompare(b.dueDate) || byReference(a.reference, b.reference),
    evidence: (a, b) => RAG_ORDER[a.evidenceRag] - RAG_ORDER[b.evidenceRag] || byReference(a.reference, b.reference),
    owner: (a, b) =>
      (a.ownerRag ? RAG_ORDER[a.ownerRag] : 9) - (b.ownerRag ? RAG_ORDER[b.ownerRag] : 9) ||
      byReference(a.reference, b.reference),
    ownerName: (a, b) =>
      (a.ownerName ?? '~').localeCompare(b.ownerName ?? '~') || byReference(a.reference, b.reference),
  };
  const fn = cmp[sort ?? 'reference'] ?? cmp.reference;
  return [...rows].sort((a, b) => dir * fn(a, b));
}

/**
 * `defaultSince`: where "movement since" starts when no date is chosen (the last issued report for the
 * plan, so the board sees what changed since it last looked); 28 days before today without one.
 */
export async function planOverview(
  db: Executor,
  organisationId: string,
  planId: string,
  today: string,
  filters: OverviewFilters,
  defaultSince?: string | null,
) {
  const [states, themes, users, coverage] = await Promise.all([
    computeActionRags(db, organisationId, { planId }, today),
    db
      .selectFrom('planThemes')
      .select(['id', 'name'])
      .where('planId', '=', planId)
      .where('organisationId', '=', organisationId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('organisationId', '=', organisationId)
      .orderBy('displayName')
      .execute(),
    planCoverage(db, organisationId, planId),
  ]);
  const since =
    filters.since && /^\d{4}-\d{2}-\d{2}$/.test(filters.since) ? filters.since : (defaultSince ?? addDays(today, -28));
  const before = await syncPlanHistory(db, organisationId, planId, states, today, since);
  // "New" only for an action added after that date; an older one with no rating recorded then says so.
  const plan = await db
    .selectFrom('plans')
    .select(['previousPlanId', 'createdAt'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  const created = new Map(
    (
      await db
        .selectFrom('actions')
        .select(['id', 'createdAt'])
        .where('planId', '=', planId)
        .where('organisationId', '=', organisationId)
        .execute()
    ).map((a) => [a.id, todayInLondon(new Date(a.createdAt))]),
  );
  const isNew = (actionId: string) => !plan.previousPlanId && (created.get(actionId) ?? today) > since;
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const themeName = new Map(themes.map((t) => [t.id, t.name]));
  const all: ActionRow[] = states.map((s) => ({
    ...s,
    ownerName: s.ownerId ? (userName.get(s.ownerId) ?? null) : null,
    themeName: s.themeId ? (themeName.get(s.themeId) ?? null) : null,
    before: before.get(s.actionId) ?? null,
    movement:
      before.has(s.actionId) || isNew(s.actionId) ? ragMovement(before.get(s.actionId), s.evidenceRag) : 'unrecorded',
  }));
  const byTheme: {
    name: string;
    id: string;
    evidence: RagCounts;
    owner: OwnerRagCounts;
    challenged: number;
    total: number;
  }[] = [...themes.map((t) => ({ name: t.name, id: t.id })), { name: 'No theme', id: 'none' }].map((t) => ({
    ...t,
    evidence: emptyRagCounts(),
    owner: emptyOwnerCounts(),
    challenged: 0,
    total: 0,
  }));
  for (const r of all) {
    const row = byTheme.find((t) => t.id === (r.themeId ?? 'none'))!;
    row.evidence[r.evidenceRag]++;
    row.owner[r.ownerRag ?? 'none']++;
    if (r.challenged) row.challenged++;
    row.total++;
  }
  const overdueMilestones = all
    .flatMap((r) =>
      r.status === 'complete' || r.status === 'closed'
        ? []
        : r.overdueList.map((m) => ({ ...m, actionId: r.actionId, reference: r.reference })),
    )
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  let rows = all;
  if (filters.theme) rows = rows.filter((r) => (r.themeId ?? 'none') === filters.theme);
  if (filters.rag) rows = rows.filter((r) => r.evidenceRag === filters.rag);
  if (filters.owner) rows = rows.filter((r) => (r.ownerId ?? 'none') === filters.owner);
  if (filters.challenged === 'yes') rows = rows.filter((r) => r.challenged);
  rows = sortRows(rows, filters.sort, filters.order);
  const uncovered = coverage.filter((f) => !f.actions.length);
  return {
    summary: summarise(
      states,
      uncovered.map((f) => f.id),
    ),
    byTheme: byTheme.filter((t) => t.total > 0 || t.id !== 'none'),
    exceptions: {
      red: all.filter((r) => r.evidenceRag === 'red'),
      amber: all.filter((r) => r.evidenceRag === 'amber'),
      challenged: all.filter((r) => r.challenged),
      overdueMilestones,
    },
    rows,
    total: all.length,
    themes,
    owners: users.filter((u) => all.some((r) => r.ownerId === u.id)),
    coverage,
    uncovered,
    since,
  };
}
