import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 iterations): strong enough, and quick enough for a 2-core server.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against a real hash when there is no account (or it is locked) keeps sign-in timing the
// same either way. Made when the module loads, so the first unknown email is not slower than the rest.
const dummyHash: Promise<string> = hashPassword('not-a-real-password');

/** How many argon2 verifications this process has made: every sign-in path makes exactly one per account. */
export const passwordVerifications = { count: 0 };

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  passwordVerifications.count++;
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}

export const PASSWORD_RULES = 'Password must be at least 12 characters';
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return PASSWORD_RULES;
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  return null;
}
