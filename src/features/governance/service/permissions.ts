import type { Role } from '../../../db/foundation-tables.js';
import { ForbiddenError } from '../../../lib/errors.js';
import { hasRole } from '../../../lib/roles.js';

interface Person {
  id: string;
  role: Role;
}

/**
 * Who may update an action-sheet item or information request: editors update any item; a contributor
 * updates the items they own (the link in their reminder email). A viewer updates nothing.
 */
export function mayUpdate(user: Person, ownerId: string | null): boolean {
  return hasRole(user.role, 'editor') || (hasRole(user.role, 'contributor') && ownerId === user.id);
}

/** The same rule as a refusal: 403 for someone who may not update the item. */
export function assertMayUpdate(user: Person, ownerId: string | null): void {
  if (!mayUpdate(user, ownerId)) throw new ForbiddenError();
}

/** Editors add and change everything in governance; others see the pages read-only. */
export const canEdit = (user: Person): boolean => hasRole(user.role, 'editor');
