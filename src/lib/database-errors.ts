/**
 * What a database error means for the person who sent the request. Both engines (pg and PGlite)
 * give PostgreSQL's SQLSTATE in `code`; a connection failure gives a Node errno code instead.
 *
 * - `input`: the request carried a value the database cannot take (a malformed id, a date out of
 *   range, a NUL byte, a number too large): a 400, never a 500.
 * - `conflict` / `invalid`: a constraint refused the row: 409 or 422.
 * - `storage`: the database cannot read or write (stopped, read-only, full disk, lost connection):
 *   a 503, and the storage monitor is told so it can report it on /health and notice the recovery.
 */
export type DatabaseErrorKind = 'input' | 'conflict' | 'invalid' | 'too-large' | 'storage';

const STORAGE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EIO',
]);
const STORAGE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed|ERRORDATA_STACK_SIZE|could not (?:create|open|write|extend|fsync|read|access|rename|remove|truncate) (?:file|directory)|No space left|read-only file system|database system is (?:shutting down|starting up|in recovery)|terminating connection/i;

export function classifyDatabaseError(err: unknown): DatabaseErrorKind | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : '';
  const message =
    typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message : '';
  if (STORAGE_ERRNO.has(code)) return 'storage';
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const cls = code.slice(0, 2);
    if (cls === '08' || cls === '53' || cls === '58' || cls === '57' || code === '25006') return 'storage';
    // 42501 is "insufficient privilege": a file the server cannot create is a storage fault, a
    // permission in SQL would be our bug (and still not the requester's fault).
    if ((code === '42501' || code === 'XX000') && STORAGE_MESSAGE.test(message)) return 'storage';
    if (cls === '22') return 'input';
    if (code === '23505' || code === '23P01' || code === '40001' || code === '40P01') return 'conflict';
    if (cls === '23') return 'invalid';
    if (code === '54000' || code === '54001') return 'too-large';
    return undefined;
  }
  if (STORAGE_MESSAGE.test(message)) return 'storage';
  return undefined;
}
