import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../lib/errors.js';
import type { Role } from '../../../db/foundation-tables.js';
import { assertMayUpdate, canEdit, mayUpdate } from './permissions.js';

const ME = '11111111-1111-4111-8111-111111111111';
const SOMEONE_ELSE = '22222222-2222-4222-8222-222222222222';

describe('who may update an action-sheet item or information request', () => {
  const cases: { role: Role; owner: string | null; may: boolean; why: string }[] = [
    { role: 'admin', owner: SOMEONE_ELSE, may: true, why: 'an admin is an editor too' },
    { role: 'editor', owner: SOMEONE_ELSE, may: true, why: 'editors update any item' },
    { role: 'editor', owner: null, may: true, why: 'editors update items nobody owns' },
    { role: 'editor', owner: ME, may: true, why: 'editors update their own items' },
    { role: 'contributor', owner: ME, may: true, why: 'a contributor updates the items they own' },
    { role: 'contributor', owner: SOMEONE_ELSE, may: false, why: 'not another person’s item' },
    { role: 'contributor', owner: null, may: false, why: 'not an item nobody owns' },
    { role: 'viewer', owner: ME, may: false, why: 'a viewer updates nothing, even their own' },
    { role: 'viewer', owner: SOMEONE_ELSE, may: false, why: 'a viewer updates nothing' },
  ];
  it.each(cases)('$role, owner $owner: $may ($why)', ({ role, owner, may }) => {
    const user = { id: ME, role };
    expect(mayUpdate(user, owner)).toBe(may);
    if (may) expect(() => assertMayUpdate(user, owner)).not.toThrow();
    else expect(() => assertMayUpdate(user, owner)).toThrow(ForbiddenError);
  });

  it.each([
    ['admin', true],
    ['editor', true],
    ['contributor', false],
    ['viewer', false],
  ] as const)('%s edits governance records: %s', (role, expected) => {
    expect(canEdit({ id: ME, role })).toBe(expected);
  });
});
