import session, { Store, type SessionData } from 'express-session';
import { sql, type Kysely } from 'kysely';
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/schema.js';
import type { Config } from '../config.js';

type Callback = (err?: unknown, data?: SessionData | null) => void;

/** Sessions live in the database so any number of app instances can serve the same user. */
export class DatabaseSessionStore extends Store {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
  ) {
    super();
  }

  private expiry(sess: SessionData): Date {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires) : null;
    return cookieExpiry ?? new Date(Date.now() + this.ttlMs);
  }

  override get(sid: string, cb: Callback): void {
    this.db
      .selectFrom('sessions')
      .select(['sess', 'expiresAt'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => cb(null, row && row.expiresAt > new Date() ? (row.sess as unknown as SessionData) : null), cb);
  }

  override set(sid: string, sess: SessionData, cb?: (err?: unknown) => void): void {
    const values = { sid, sess: JSON.stringify(sess), expiresAt: this.expiry(sess) };
    this.db
      .insertInto('sessions')
      .values(values)
      .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: values.sess, expiresAt: values.expiresAt }))
      .execute()
      .then(
        () => cb?.(),
        (err) => cb?.(err),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(
        () => cb?.(),
        (err) => cb?.(err),
      );
  }

  override touch(sid: string, sess: SessionData, cb?: (err?: unknown) => void): void {
    this.db
      .updateTable('sessions')
      .set({ expiresAt: this.expiry(sess) })
      .where('sid', '=', sid)
      .execute()
      .then(
        () => cb?.(),
        (err) => cb?.(err),
      );
  }
}

/**
 * End a person's sessions (all of them, or all but the one they are using): after their password or
 * role changes, a session opened before the change must not carry on with what it no longer has.
 */
export async function endSessionsOf(db: Kysely<Database>, userId: string, exceptSid?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where(sql<string>`sess->>'userId'`, '=', userId);
  if (exceptSid) q = q.where('sid', '!=', exceptSid);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Remove expired sessions so the table does not grow without end (the server calls this hourly). */
export async function pruneExpiredSessions(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<', new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function requireSecret(secret: string | undefined): string {
  if (!secret) throw new Error('No session secret: build the app from createServices, which resolves SESSION_SECRET');
  return secret;
}

export function sessionMiddleware(db: Kysely<Database>, config: Config): RequestHandler {
  const handler = session({
    name: 'waymark.sid',
    // The signature stops a forged cookie from reaching the session store at all. The secret comes
    // from configuration (SESSION_SECRET) or the data folder, never from the code: see session-secret.ts.
    secret: requireSecret(config.sessionSecret),
    store: new DatabaseSessionStore(db, config.sessionTtlMs),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: config.sessionTtlMs },
  });
  return (req, res, next) =>
    handler(req, res, (err?: unknown) => {
      if (!err) saveBeforeRedirect(req, res);
      next(err);
    });
}

/**
 * Save a changed session before a redirect goes out. express-session sends the headers first and
 * saves as the response ends, but a browser follows a redirect on its headers: on PostgreSQL (a pool
 * of connections, several processes) its next request could read the session before the sign-in or
 * the flash message was written.
 */
function saveBeforeRedirect(req: Request, res: Response): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    // A session holding nothing yet (just its cookie) is not saved: saveUninitialized stays false.
    if (!req.session || Object.keys(req.session).every((key) => key === 'cookie')) return redirect(...args);
    req.session.save((err) => (err ? req.next?.(err) : redirect(...args)));
  }) as Response['redirect'];
}
