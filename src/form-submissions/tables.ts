import type { DefaultTimestamp } from '../db/foundation-tables.js';

export interface FormSubmissionsTable {
  key: string;
  location: string | null;
  /** The message the first sending left for the page it led to, as JSON. */
  flash: string | null;
  /** What was sent (fields and files' names and sizes), hashed: the same form changed is not a copy. */
  bodyHash: string;
  createdAt: DefaultTimestamp;
}

export interface FormSubmissionTables {
  formSubmissions: FormSubmissionsTable;
}
