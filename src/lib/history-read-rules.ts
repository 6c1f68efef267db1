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
};

export function historyReadRole(entityType: string): Role {
  return READ_ROLE[entityType] ?? 'viewer';
}
