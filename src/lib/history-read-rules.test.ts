import { describe, expect, it } from 'vitest';
import { historyReadRole } from './history-read-rules.js';

describe('who may read a record’s history', () => {
  // Each row is the role the record's own page asks for (admin pages, import pages, everything else).
  it.each([
    ['users', 'admin'],
    ['apiTokens', 'admin'],
    ['organisations', 'admin'],
    ['governanceSettings', 'admin'],
    ['annexImports', 'editor'],
    ['indicatorImports', 'editor'],
    ['actions', 'viewer'],
    ['risks', 'viewer'],
    ['a-table-that-does-not-exist', 'viewer'],
  ])('%s needs %s', (table, role) => {
    expect(historyReadRole(table)).toBe(role);
  });
});
