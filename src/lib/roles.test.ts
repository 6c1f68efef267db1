import { describe, expect, it } from 'vitest';
import { canBeAuditor, canReadAuditNotes, hasRole } from './roles.js';

describe('hasRole', () => {
  it.each([
    ['admin', 'admin', true],
    ['admin', 'viewer', true],
    ['editor', 'admin', false],
    ['editor', 'editor', true],
    ['editor', 'contributor', true],
    ['contributor', 'editor', false],
    ['contributor', 'viewer', true],
    ['viewer', 'contributor', false],
    ['viewer', 'viewer', true],
  ] as const)('%s meets %s: %s', (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });
});

describe('case file auditors and their notes', () => {
  // The rule as ADR 0700 states it: contributors and above may be named auditors; notes are read by
  // editors and admins always, and by a named auditor who is not a viewer.
  it.each([
    ['admin', false, true, true],
    ['editor', false, true, true],
    ['contributor', false, true, false],
    ['contributor', true, true, true],
    ['viewer', false, false, false],
    ['viewer', true, false, false],
  ] as const)('%s (auditor: %s) can be an auditor: %s, reads notes: %s', (role, isAuditor, canBe, reads) => {
    expect(canBeAuditor(role)).toBe(canBe);
    expect(canReadAuditNotes(role, isAuditor)).toBe(reads);
  });
});
