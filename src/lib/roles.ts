import type { Role } from '../db/foundation-tables.js';

const RANK: Record<Role, number> = { viewer: 0, contributor: 1, editor: 2, admin: 3 };

/** Roles nest: an admin can do what an editor can, an editor what a contributor can, and so on. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  editor: 'Editor',
  contributor: 'Contributor (updates their own actions)',
  viewer: 'Viewer (councillors and board members)',
};

/**
 * Case file auditors (ADR 0700) are not a rank of their own: an editor names people as auditors, and
 * the designation sits beside their role. A viewer (a councillor or board member) is never an auditor.
 */
export function canBeAuditor(role: Role): boolean {
  return hasRole(role, 'contributor');
}

/** Audit evidence notes are special-category data: editors, admins and named auditors read them. */
export function canReadAuditNotes(role: Role, isAuditor: boolean): boolean {
  return hasRole(role, 'editor') || (isAuditor && canBeAuditor(role));
}
