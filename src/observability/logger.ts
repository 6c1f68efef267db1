import { pino, type Logger, type LevelWithSilent } from 'pino';

const LEVELS: LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * LOG_LEVEL wins; otherwise `info`, except under the test runner, whose output would drown in request
 * lines (tests that read the logs set LOG_LEVEL themselves).
 */
export function logLevel(env: NodeJS.ProcessEnv = process.env): LevelWithSilent {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && (LEVELS as string[]).includes(wanted)) return wanted as LevelWithSilent;
  return env.NODE_ENV === 'test' || env.VITEST ? 'silent' : 'info';
}

/**
 * The one logger: JSON lines on stdout (what a log shipper expects), ISO times, level as a word.
 * Emails, passwords, tokens and cookies are removed wherever they appear as fields, as a second wall
 * behind never logging them: a log line carries a user id, never an email. Lines are written
 * synchronously, so the last words of a process that exits (or crashes) are never lost in a buffer.
 */
export const logger: Logger = pino(
  {
    level: logLevel(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        'email',
        '*.email',
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'cookie',
        '*.cookie',
      ],
      censor: '[redacted]',
    },
  },
  pino.destination({ dest: 1, sync: true }),
);
