import { sql } from 'kysely';
import type { Executor } from '../audit/audit.js';
import { ragMovement, type EvidenceRag, type Movement } from '../../lib/rag.js';
import { computeActionRags, ragAsOf } from '../plans/status.js';
import { periodLabel } from '../../lib/periods.js';

export interface RagChange {
  actionId: string;
  reference: string;
  title: string;
  before: EvidenceRag | null;
  now: EvidenceRag;
  movement: Movement;
}

export interface ChangesSince {
  body: { id: string; name: string };
  meeting: { id: string; date: string; title: string | null };
  ragChanges: RagChange[];
  newlyOverdue: {
    kind: 'milestone' | 'action-sheet' | 'information-request';
    text: string;
    dueDate: string;
    href: string;
  }[];
  newData: { indicatorId: string; name: string; periods: string[]; summary: string }[];
}

/** "Oct 2026", "Sep 2026 and Oct 2026", or "48 periods, Nov 2022 to Oct 2026" for a long back-fill. */
export function periodsSummary(labels: string[]): string {
  if (labels.length <= 2) return labels.join(' and ');
  return `${labels.length} periods, ${labels[0]} to ${labels.at(-1)}`;
}

/**
 * The improvement board's last meeting before today: of the bodies of kind improvement board, the
 * latest meeting dated before today (a meeting today has not finished, so "since" starts at the last
 * one already held).
 */
export async function lastBoardMeeting(db: Executor, organisationId: string, today: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .select(['meetings.id', 'meetings.meetingDate', 'meetings.title', 'bodies.id as bodyId', 'bodies.name as bodyName'])
    .where('meetings.organisationId', '=', organisationId)
    .where('bodies.kind', '=', 'improvement-board')
    .where('meetings.meetingDate', '<', today)
    .orderBy('meetings.meetingDate', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * What changed since the board last met: actions whose evidence RAG moved (in plans that are not
 * superseded), milestones, action-sheet items and information requests that fell due since (and
 * are still open), and indicator values recorded since.
 */
export async function changesSinceLastBoard(
  db: Executor,
  organisationId: string,
  today: string,
): Promise<ChangesSince | null> {
  const meeting = await lastBoardMeeting(db, organisationId, today);
  if (!meeting) return null;
  const since = meeting.meetingDate;
  // The plans in force: the approved ones, or the drafts where nothing is approved yet (a draft copy of
  // an approved plan would otherwise list every action twice).
  const plans = await db
    .selectFrom('plans')
    .select(['id', 'status'])
    .where('organisationId', '=', organisationId)
    .where('status', '!=', 'superseded')
    .execute();
  const approved = plans.filter((p) => p.status === 'approved');
  const planIds = (approved.length ? approved : plans).map((p) => p.id);
  const actions = planIds.length
    ? await db
        .selectFrom('actions')
        .select('id')
        .where('organisationId', '=', organisationId)
        .where('planId', 'in', planIds)
        .execute()
    : [];
  const ids = actions.map((a) => a.id);
  const [states, before, milestones, sheet, requests, values] = await Promise.all([
    computeActionRags(db, organisationId, { actionIds: ids }, today),
    ragAsOf(db, organisationId, ids, since),
    planIds.length
      ? db
          .selectFrom('milestones')
          .innerJoin('actions', 'actions.id', 'milestones.actionId')
          .select(['milestones.title', 'milestones.dueDate', 'actions.id as actionId', 'actions.reference'])
          .where('milestones.organisationId', '=', organisationId)
          .where('actions.planId', 'in', planIds)
          .where('milestones.completedDate', 'is', null)
          .where('milestones.dueDate', '>=', since)
          .where('milestones.dueDate', '<', today)
          .orderBy('milestones.dueDate')
          .execute()
      : [],
    db
      .selectFrom('actionSheetItems')
      .select(['id', 'description', 'dueDate', 'meetingId'])
      .where('organisationId', '=', organisationId)
      .where('status', '!=', 'closed')
      .where('dueDate', '>=', since)
      .where('dueDate', '<', today)
      .orderBy('dueDate')
      .execute(),
    db
      .selectFrom('informationRequests')
      .select(['id', 'request', 'dueDate', 'meetingId'])
      .where('organisationId', '=', organisationId)
      .where('answeredOn', 'is', null)
      .where('dueDate', '>=', since)
      .where('dueDate', '<', today)
      .orderBy('dueDate')
      .execute(),
    db
      .selectFrom('indicatorValues')
      .innerJoin('indicators', 'indicators.id', 'indicatorValues.indicatorId')
      .select(['indicators.id', 'indicators.name', 'indicatorValues.period'])
      .where('indicatorValues.organisationId', '=', organisationId)
      // Recorded after the end of the meeting day, in England.
      .where(sql<boolean>`(indicator_values.updated_at at time zone 'Europe/London')::date > ${since}::date`)
      .orderBy('indicators.name')
      .orderBy('indicatorValues.period')
      .execute(),
  ]);
  const ragChanges = states
    .map((s) => ({
      actionId: s.actionId,
      reference: s.reference,
      title: s.title,
      before: before.get(s.actionId) ?? null,
      now: s.evidenceRag,
      movement: ragMovement(before.get(s.actionId), s.evidenceRag),
    }))
    .filter((c) => c.movement === 'better' || c.movement === 'worse')
    .sort((a, b) => Number(b.movement === 'worse') - Number(a.movement === 'worse'));
  const newData = new Map<string, { indicatorId: string; name: string; periods: string[]; summary: string }>();
  for (const v of values) {
    const entry = newData.get(v.id) ?? { indicatorId: v.id, name: v.name, periods: [], summary: '' };
    entry.periods.push(periodLabel(v.period));
    newData.set(v.id, entry);
  }
  return {
    body: { id: meeting.bodyId, name: meeting.bodyName },
    meeting: { id: meeting.id, date: since, title: meeting.title },
    ragChanges,
    newlyOverdue: [
      ...milestones.map((m) => ({
        kind: 'milestone' as const,
        text: `${m.reference}: milestone “${m.title}”`,
        dueDate: m.dueDate,
        href: `/actions/${m.actionId}`,
      })),
      ...sheet.map((i) => ({
        kind: 'action-sheet' as const,
        text: `Action-sheet item: ${i.description}`,
        dueDate: i.dueDate,
        href: `/governance/meetings/${i.meetingId}`,
      })),
      ...requests
        .filter((r) => r.dueDate)
        .map((r) => ({
          kind: 'information-request' as const,
          text: `Information request: ${r.request}`,
          dueDate: r.dueDate!,
          href: `/governance/meetings/${r.meetingId}`,
        })),
    ].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
    newData: [...newData.values()].map((d) => ({ ...d, summary: periodsSummary(d.periods) })),
  };
}
