import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'session-secret';

/**
 * The secret that signs session cookies. `SESSION_SECRET` wins (and is required in production, where
 * several processes must share it); otherwise the first start writes a random one into the data folder
 * (readable by its owner only) and every later start, and every process sharing the folder, reads it
 * back, so sessions survive a restart. An in-memory database (tests) gets a fresh one each time.
 */
export function resolveSessionSecret(configured: string | undefined, dataDir: string, memory: boolean): string {
  if (configured) return configured;
  if (memory) return crypto.randomBytes(48).toString('base64url');
  const file = path.join(path.resolve(dataDir), FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = crypto.randomBytes(48).toString('base64url');
  try {
    // `wx` so two processes starting together cannot both write: the loser reads the winner's.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const written = fs.readFileSync(file, 'utf8').trim();
    if (written.length >= 32) return written;
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}
