import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pseudonymise, pseudonymiser } from './pseudonym.js';

describe('keyed child-ID hash', () => {
  it('is HMAC-SHA256 of the trimmed identifier, hex (RFC 4231 test case 2 as a check of the construction)', () => {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
    expect(pseudonymise('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(pseudonymise('secret', ' 7000001 ')).toBe(pseudonymise('secret', '7000001'));
  });

  it.each([
    ['a short secret', 'Jefe'],
    ['a 64-byte secret', 'k'.repeat(64)],
    ['a secret longer than a block (hashed first)', 'x'.repeat(131)],
    ['a base64url secret like the organisations’ own', crypto.randomBytes(32).toString('base64url')],
  ])('the many-identifier form gives exactly the same hash, with %s', (_label, secret) => {
    const hash = pseudonymiser(secret);
    for (const id of ['7000001', ' 12 ', 'A-ß-€', '']) expect(hash(id)).toBe(pseudonymise(secret, id));
  });
});
