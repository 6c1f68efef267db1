import { describe, expect, it } from 'vitest';
import { hasRole } from './roles.js';

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
