import type { Role } from '../db/foundation-tables.js';

/**
 * The least role that may read a record's history: the same role its own pages ask for. People and
 * their API tokens, and the organisation's settings, are for administrators (the admin pages are the
 * only place they are shown); imports hold the uploaded data's findings and are for editors, as the
 * import pages are. Everything else is readable by anyone signed in to the organisation.
 */
const READ_ROLE: Record<string, Role> = {
  users: 'admin',
  apiTokens: 'admin',
  organisations: 'admin',
  governanceSettings: 'admin',
  bankHolidays: 'admin',
  annexImports: 'editor',
  indicatorImports: 'editor',
  planImports: 'editor',
  caseAuditImports: 'editor',
};

export function historyReadRole(entityType: string): Role {
  return READ_ROLE[entityType] ?? 'viewer';
}

/**
 * A case file audit and its notes are special-category data about a child. Their history follows the
 * audit's own rule, not a role: editors, administrators and the organisation's named auditors
 * (`canReadAuditNotes`). To anyone else the record does not exist, so they are told it is not found.
 */
const AUDIT_RECORDS = new Set(['caseAudits', 'caseAuditNotes']);

export function isCaseAuditRecord(entityType: string): boolean {
  return AUDIT_RECORDS.has(entityType);
}
