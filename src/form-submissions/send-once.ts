import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ConflictError } from '../lib/errors.js';
import { logger } from '../observability/logger.js';

/**
 * A form is saved once however many times it is sent. Every form carries a one-time token (`_once`,
 * beside `_csrf`); the first request with it claims it and goes ahead, and records where it led. A
 * second one with the same token (a double click with JavaScript off, a page brought back from the
 * browser's history) waits for the first and is sent to the same place, so nothing is saved twice and
 * the person lands where the first would have taken them. A first that ends without leading anywhere
 * (the form shown again with errors, a download) gives the token up: sending it again is read afresh.
 */

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How long a second sending waits for the first before saying it is still being saved. */
const WAIT_MS = 15_000;
const POLL_MS = 50;
/** Tokens are kept a day: a form left open longer than a session is refused by its CSRF token anyway. */
const KEEP = '1 day';

/** What a sending carried, but for its tokens: fields, and each file's field, name and size. */
function hashOfSending(req: Request): string {
  const { _csrf, _once, ...fields } = (req.body ?? {}) as Record<string, unknown>;
  void _csrf;
  void _once;
  const files = (req.files ? Object.values(req.files).flat() : req.file ? [req.file] : []) as Express.Multer.File[];
  const sent = { fields, files: files.map((f) => [f.fieldname, f.originalname, f.size]) };
  return crypto.createHash('sha256').update(JSON.stringify(sent)).digest('hex');
}

/** A new form's token (the `formOnceToken()` template global, written by the `wm.csrf` macro). */
export const newFormToken = (): string => crypto.randomUUID();

export function sendFormOnce(db: Kysely<Database>) {
  let sent = 0;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = (req.body as Record<string, unknown> | undefined)?._once;
    if (req.method !== 'POST' || !req.user || typeof token !== 'string' || !TOKEN.test(token)) return next();
    const key = `${req.user.id}:${token}`;
    const bodyHash = hashOfSending(req);
    try {
      if (++sent % 500 === 1)
        await db
          .deleteFrom('formSubmissions')
          .where('createdAt', '<', sql<Date>`now() - ${KEEP}::interval`)
          .execute();
      const claimed = await db
        .insertInto('formSubmissions')
        .values({ key, bodyHash })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (claimed) {
        settleWhenAnswered(db, req, res, key);
        return next();
      }
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        const first = await db
          .selectFrom('formSubmissions')
          .select(['location', 'flash', 'bodyHash'])
          .where('key', '=', key)
          .executeTakeFirst();
        // Not a copy: the form was brought back and changed (a second meeting from the first's page).
        if (!first || first.bodyHash !== bodyHash) return next();
        if (first.location) {
          // The browser may already have followed the first answer and used its message on a page it then
          // left for this one: say it again here, where the person will read it.
          if (first.flash) req.session.flash = JSON.parse(first.flash) as typeof req.session.flash;
          return res.redirect(303, first.location);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      next(
        new ConflictError(
          'This form is already being saved. Wait a moment, then check the page before sending it again.',
        ),
      );
    } catch (err) {
      next(err);
    }
  };
}

/**
 * Record where the first sending led, and the message it left there, once its answer is written, whether
 * or not the browser is still there to read it (a double click cancels the first request's page, not its
 * work on the server). A redirect's session is saved before its headers (saveBeforeRedirect), so the
 * message is in the store by then.
 */
function settleWhenAnswered(db: Kysely<Database>, req: Request, res: Response, key: string): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
    const location = res.getHeader('location');
    const led = status >= 300 && status < 400 && typeof location === 'string' ? location : null;
    const flash = req.session.flash ? JSON.stringify(req.session.flash) : null;
    const settle = led
      ? db.updateTable('formSubmissions').set({ location: led, flash }).where('key', '=', key).execute()
      : db.deleteFrom('formSubmissions').where('key', '=', key).execute();
    settle.catch((err: unknown) => logger.error({ err }, 'Could not record where a sent form led'));
    return writeHead(...args);
  }) as Response['writeHead'];
}
