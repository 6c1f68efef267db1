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
