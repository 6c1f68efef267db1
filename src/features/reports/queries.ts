import type { Executor } from '../audit/audit.js';
import { formatGovukDate } from '../../lib/dates.js';

/** What the report pages choose from: the organisation's plans (newest first), bodies and meetings. */

export function plansOf(db: Executor, organisationId: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'title', 'planVersion', 'status'])
    .where('organisationId', '=', organisationId)
    .orderBy('startDate', 'desc')
    .orderBy('planVersion', 'desc')
    .execute();
}

export function bodiesOf(db: Executor, organisationId: string) {
  return db
    .selectFrom('bodies')
    .select(['id', 'name'])
    .where('organisationId', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** The plan an issued report was about, if the organisation still holds it. */
export function reportPlan(db: Executor, organisationId: string, planId: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'title'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', planId)
    .executeTakeFirst();
}

/** Meetings to choose from, grouped by body: the coming ones first (soonest first), then the last few held. */
export async function meetingGroups(db: Executor, organisationId: string, selected: string, today: string) {
  const rows = await db
    .selectFrom('meetings')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .select(['meetings.id', 'meetings.meetingDate', 'meetings.title', 'bodies.name as bodyName'])
    .where('meetings.organisationId', '=', organisationId)
    .execute();
  const t = today;
  const groups = new Map<string, { value: string; text: string; selected: boolean; date: string }[]>();
  for (const m of rows) {
    const list = groups.get(m.bodyName) ?? [];
    list.push({
      value: m.id,
      text: `${formatGovukDate(m.meetingDate)}${m.title ? `: ${m.title}` : ''}${m.meetingDate >= t ? '' : ' (held)'}`,
      selected: m.id === selected,
      date: m.meetingDate,
    });
    groups.set(m.bodyName, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, items]) => {
      const coming = items.filter((i) => i.date >= t).sort((a, b) => a.date.localeCompare(b.date));
      const held = items
        .filter((i) => i.date < t)
        .sort((a, b) => b.date.localeCompare(a.date))
        .slice(0, 6);
      return { name, items: [...coming, ...held] };
    });
}
