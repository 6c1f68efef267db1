import { formatGovukDate } from './dates.js';
import { workingDaysBetween, type HolidaySet } from './working-days.js';

export type ReminderKind =
  'plan-action' | 'milestone' | 'action-sheet-item' | 'information-request' | 'forward-plan-report' | 'risk-review';

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  'plan-action': 'Plan action',
  milestone: 'Milestone',
  'action-sheet-item': 'Action-sheet item',
  'information-request': 'Information request',
  'forward-plan-report': 'Forward-plan report',
  'risk-review': 'Risk review',
};

/** Something with a date that someone owns. */
export interface ReminderItem {
  ownerId: string;
  kind: ReminderKind;
  title: string;
  dueDate: string;
  /** Path in Waymark, e.g. /governance/action-items/…; made absolute with the base URL in the email. */
  path: string;
}

export interface DigestEntry extends ReminderItem {
  /** Working days until due (0 = today), negative when overdue. */
  workingDaysLeft: number;
}

export interface Digest {
  ownerId: string;
  overdue: DigestEntry[];
  dueSoon: DigestEntry[];
}

/**
 * One digest per owner: what is overdue (due before today) and what is due within `daysAhead` working
 * days (today included). Owners with nothing to report get no digest. Sorted by date, then kind, then title.
 */
export function buildDigests(
  items: ReminderItem[],
  todayIso: string,
  daysAhead: number,
  holidays: HolidaySet,
): Digest[] {
  const byOwner = new Map<string, Digest>();
  for (const item of items) {
    const left = workingDaysBetween(todayIso, item.dueDate, holidays);
    const overdue = item.dueDate < todayIso;
    if (!overdue && left > daysAhead) continue;
    let digest = byOwner.get(item.ownerId);
    if (!digest) byOwner.set(item.ownerId, (digest = { ownerId: item.ownerId, overdue: [], dueSoon: [] }));
    (overdue ? digest.overdue : digest.dueSoon).push({ ...item, workingDaysLeft: left });
  }
  const order = (a: DigestEntry, b: DigestEntry) =>
    a.dueDate.localeCompare(b.dueDate) || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title);
  return [...byOwner.values()]
    .map((d) => ({ ...d, overdue: d.overdue.sort(order), dueSoon: d.dueSoon.sort(order) }))
    .sort((a, b) => a.ownerId.localeCompare(b.ownerId));
}

export interface DigestEmail {
  subject: string;
  text: string;
}

function when(e: DigestEntry): string {
  if (e.workingDaysLeft < 0) return `was due ${formatGovukDate(e.dueDate)}`;
  if (e.workingDaysLeft === 0) return `due ${formatGovukDate(e.dueDate)} (today or the next working day)`;
  return `due ${formatGovukDate(e.dueDate)} (in ${e.workingDaysLeft} working day${e.workingDaysLeft === 1 ? '' : 's'})`;
}

/** The plain-text email for one digest. */
export function renderDigestEmail(
  digest: Digest,
  ownerName: string,
  organisationName: string,
  baseUrl: string,
  daysAhead: number,
): DigestEmail {
  const parts: string[] = [];
  if (digest.overdue.length) parts.push(`${digest.overdue.length} overdue`);
  if (digest.dueSoon.length) parts.push(`${digest.dueSoon.length} due soon`);
  const subject = `Waymark reminders: ${parts.join(', ')}`;
  const line = (e: DigestEntry) =>
    `- ${REMINDER_KIND_LABELS[e.kind]}: ${e.title} – ${when(e)}\n  ${baseUrl.replace(/\/$/, '')}${e.path}`;
  const sections: string[] = [`Dear ${ownerName},`, `These are your items in Waymark for ${organisationName}.`];
  if (digest.overdue.length) sections.push(`Overdue:\n${digest.overdue.map(line).join('\n')}`);
  if (digest.dueSoon.length)
    sections.push(
      `Due in the next ${daysAhead} working day${daysAhead === 1 ? '' : 's'}:\n${digest.dueSoon.map(line).join('\n')}`,
    );
  sections.push(
    'You get this email because you own these items. Update them in Waymark and they will drop off the list.',
  );
  return { subject, text: sections.join('\n\n') + '\n' };
}
