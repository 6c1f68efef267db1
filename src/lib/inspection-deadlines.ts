/**
 * When the response to an inspection is due: the written action plan 70 working days after the
 * authority receives the final report (usually the publication date), counting from the day after;
 * for a focused visit that names areas for priority action, a draft plan in 20 working days as well.
 * The rule is attached to the inspection type (frameworks.ts); monitoring visits have none.
 */
import { inspectionType } from './frameworks.js';
import { addWorkingDays, type HolidaySet } from './working-days.js';

export interface InspectionDeadlineInput {
  typeKey: string;
  publishedDate: string | null;
  receivedDate: string | null;
  priorityActions: boolean;
}

export interface InspectionDeadlines {
  /** The day the count starts from (received date if recorded, otherwise publication), or null: no deadline yet. */
  from: string | null;
  actionPlanDue: string | null;
  draftPlanDue: string | null;
  /** Why there is no deadline, in words, when there is none. */
  reason: string | null;
}

export function inspectionDeadlines(input: InspectionDeadlineInput, holidays: HolidaySet): InspectionDeadlines {
  const type = inspectionType(input.typeKey);
  const from = input.receivedDate ?? input.publishedDate;
  const none = (reason: string): InspectionDeadlines => ({ from, actionPlanDue: null, draftPlanDue: null, reason });
  if (!type) return none('Unknown inspection type');
  const needsPlan =
    type.actionPlanWorkingDays !== null && (!type.actionPlanOnlyWithPriorityActions || input.priorityActions);
  if (!needsPlan) {
    return none(
      type.actionPlanOnlyWithPriorityActions
        ? 'No action plan is needed unless the visit names areas for priority action'
        : `No action plan is needed after a ${type.label.toLowerCase()}`,
    );
  }
  if (!from) return none('No deadline until the report is published');
  return {
    from,
    actionPlanDue: addWorkingDays(from, type.actionPlanWorkingDays!, holidays),
    draftPlanDue:
      input.priorityActions && type.priorityActionDraftWorkingDays
        ? addWorkingDays(from, type.priorityActionDraftWorkingDays, holidays)
        : null,
    reason: null,
  };
}
