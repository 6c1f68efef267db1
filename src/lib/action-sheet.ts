/**
 * Which items belong on a meeting's papers. An action-sheet item raised at a meeting carries forward to
 * every later meeting of the same body until it is closed; an information request stays outstanding at
 * every later meeting until it is met. The "as at" rule keeps an old meeting's papers as they were: an
 * item closed on or after the meeting date still appears there, with its final status.
 */
export interface CarriedItem {
  /** Date of the meeting that raised it. */
  raisedAtMeetingDate: string;
  /** The date it was closed or the request was met; null while open. */
  closedOn: string | null;
}

export function carriesForwardTo(item: CarriedItem, meetingDate: string): boolean {
  return item.raisedAtMeetingDate < meetingDate && (item.closedOn === null || item.closedOn >= meetingDate);
}

export function carriedForward<T extends CarriedItem>(items: T[], meetingDate: string): T[] {
  return items.filter((i) => carriesForwardTo(i, meetingDate));
}

/** Overdue on `asAtIso`: a due date before it and not closed by then. */
export function isOverdue(dueDate: string | null, closedOn: string | null, asAtIso: string): boolean {
  if (!dueDate) return false;
  if (closedOn !== null && closedOn <= asAtIso) return false;
  return dueDate < asAtIso;
}
