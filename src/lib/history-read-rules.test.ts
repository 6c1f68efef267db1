import { describe, expect, it } from 'vitest';
import { historyReadRole, isCaseAuditRecord } from './history-read-rules.js';

describe('who may read a record’s history', () => {
  // Each row is the role the record's own page asks for (admin pages, import pages, everything else).
  it.each([
    ['users', 'admin'],
    ['apiTokens', 'admin'],
    ['organisations', 'admin'],
    ['governanceSettings', 'admin'],
    ['annexImports', 'editor'],
    ['indicatorImports', 'editor'],
    ['caseAuditImports', 'editor'],
    ['actions', 'viewer'],
    ['risks', 'viewer'],
    ['a-table-that-does-not-exist', 'viewer'],
  ])('%s needs %s', (table, role) => {
    expect(historyReadRole(table)).toBe(role);
  });

  // A case audit's history follows the audit's own reader rule (editors, admins, named auditors).
  it.each([
    ['caseAudits', true],
    ['caseAuditNotes', true],
    ['caseAuditCycles', false],
    ['caseAuditImports', false],
    ['actions', false],
  ])('%s is read as a case audit: %s', (table, audit) => {
    expect(isCaseAuditRecord(table)).toBe(audit);
  });
});
