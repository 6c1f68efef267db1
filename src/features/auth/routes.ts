import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../container.js';
import { accountsToChoose, markSignedIn, signInWithPassword } from './sign-in-service.js';
import { OidcSignIn, findUsersForIdentity } from './oidc.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .email('Enter an email address in the correct format, like name@example.gov.uk'),
  password: z.string().min(1, 'Enter your password'),
});

/** Only same-site paths, so a crafted returnTo cannot send someone to another site after sign-in. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

function lockedMessage(until: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  }).format(until);
  return `Your account is locked after too many failed sign-in attempts. Try again after ${time}, or ask an administrator.`;
}

/** How long a person who proved who they are has to choose between their organisations. */
const CHOOSE_WITHIN_MS = 5 * 60_000;

export function authRoutes(services: Services): Router {
  const router = Router();
  const { db, config } = services;
  const oidc = config.oidc ? new OidcSignIn(config.oidc) : undefined;

  /** Start the session for one account, or ask which organisation when the person has several. */
  async function finishSignIn(req: Request, res: Response, userIds: string[], returnTo: unknown) {
    if (userIds.length > 1) {
      req.session.pendingSignIn = { userIds, returnTo: safeReturnTo(returnTo), at: Date.now() };
      return res.redirect('/sign-in/organisation');
    }
    await regenerate(req);
    req.session.userId = userIds[0];
    await markSignedIn(db, userIds[0], services.now());
    res.redirect(safeReturnTo(returnTo));
  }

  const pendingAccounts = async (req: Request) => {
    const pending = req.session.pendingSignIn;
    if (!pending || Date.now() - pending.at > CHOOSE_WITHIN_MS) return [];
    return accountsToChoose(db, pending.userIds);
  };
  const renderChooser = (res: Response, accounts: { id: string; organisationName: string }[], errors?: unknown) =>
    res.status(errors ? 400 : 200).render('auth/views/choose-organisation.njk', {
      title: 'Which organisation do you want to sign in to?',
      items: accounts.map((a) => ({ value: a.id, text: a.organisationName })),
      errors,
    });

  router.get('/sign-in/organisation', async (req, res) => {
    const accounts = await pendingAccounts(req);
    if (!accounts.length) return res.redirect('/sign-in');
    renderChooser(res, accounts);
  });

  router.post('/sign-in/organisation', async (req, res) => {
    const accounts = await pendingAccounts(req);
    if (!accounts.length) return res.redirect('/sign-in');
    const chosen = accounts.find((a) => a.id === req.body?.account);
    if (!chosen)
      return renderChooser(
        res,
        accounts,
        toFormErrors([{ path: 'account', message: 'Select the organisation you want to sign in to' }]),
      );
    await finishSignIn(req, res, [chosen.id], req.session.pendingSignIn?.returnTo);
  });

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect('/');
    res.render('auth/views/sign-in.njk', { title: 'Sign in', oidcEnabled: Boolean(oidc), values: {} });
  });

  router.post('/sign-in', async (req, res) => {
    const parsed = parseForm(signInSchema, req.body);
    const render = (errors: unknown, status: number) =>
      res.status(status).render('auth/views/sign-in.njk', {
        title: 'Sign in',
        oidcEnabled: Boolean(oidc),
        values: { email: req.body?.email },
        errors,
      });
    if (!parsed.ok) return render(parsed.errors, 400);
    const result = await signInWithPassword(
      db,
      config.lockout,
      parsed.data.email,
      parsed.data.password,
      services.now(),
    );
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? lockedMessage(result.until)
          : 'Enter a correct email address and password. Accounts lock after repeated failed attempts.';
      return render(toFormErrors([{ path: 'email', message }]), 401);
    }
    await finishSignIn(req, res, result.userIds, req.session.returnTo);
  });

  router.post('/sign-out', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('waymark.sid');
    res.redirect('/signed-out');
  });

  router.get('/signed-out', (_req, res) => {
    res.render('auth/views/signed-out.njk', { title: 'You have signed out' });
  });

  router.get('/auth/oidc/login', async (req, res) => {
    if (!oidc) return res.redirect('/sign-in');
    const started = await oidc.start();
    req.session.oidc = {
      state: started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      returnTo: req.session.returnTo,
    };
    res.redirect(started.url);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const pending = req.session.oidc;
    const fail = (message: string) =>
      res.status(401).render('auth/views/sign-in.njk', {
        title: 'Sign in',
        oidcEnabled: Boolean(oidc),
        values: {},
        errors: toFormErrors([{ path: 'email', message }]),
      });
    if (!oidc || !pending) return fail('Your single sign-on attempt expired. Try signing in again.');
    delete req.session.oidc;
    let identity;
    try {
      identity = await oidc.finish(new URL(req.originalUrl, config.baseUrl), pending);
    } catch {
      return fail('Single sign-on did not complete. Try again, or sign in with your email and password.');
    }
    const userIds = await findUsersForIdentity(db, identity);
    if (!userIds.length)
      return fail(
        'There is no Waymark account for your organisation login. Ask your Waymark administrator to add you.',
      );
    await finishSignIn(req, res, userIds, pending.returnTo);
  });

  return router;
}
