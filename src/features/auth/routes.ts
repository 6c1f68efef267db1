import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Services } from '../../container.js';
import { signInWithPassword } from './sign-in-service.js';
import { OidcSignIn, findUserForIdentity } from './oidc.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';

const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address in the correct format, like name@example.gov.uk'),
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
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(until);
  return `Your account is locked after too many failed sign-in attempts. Try again after ${time}, or ask an administrator.`;
}

export function authRoutes(services: Services): Router {
  const router = Router();
  const { db, config } = services;
  const oidc = config.oidc ? new OidcSignIn(config.oidc) : undefined;

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect('/');
    res.render('auth/views/sign-in.njk', { title: 'Sign in', oidcEnabled: Boolean(oidc), values: {} });
  });

  router.post('/sign-in', async (req, res) => {
    const parsed = parseForm(signInSchema, req.body);
    const render = (errors: unknown, status: number) =>
      res.status(status).render('auth/views/sign-in.njk', { title: 'Sign in', oidcEnabled: Boolean(oidc), values: { email: req.body?.email }, errors });
    if (!parsed.ok) return render(parsed.errors, 400);
    const result = await signInWithPassword(db, config.lockout, parsed.data.email, parsed.data.password, services.now());
    if (!result.ok) {
      const message =
        result.reason === 'locked' ? lockedMessage(result.until) : 'Enter a correct email address and password. Accounts lock after repeated failed attempts.';
      return render(toFormErrors([{ path: 'email', message }]), 401);
    }
    const returnTo = safeReturnTo(req.session.returnTo);
    await regenerate(req);
    req.session.userId = result.userId;
    res.redirect(returnTo);
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
    req.session.oidc = { state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, returnTo: req.session.returnTo };
    res.redirect(started.url);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const pending = req.session.oidc;
    const fail = (message: string) =>
      res.status(401).render('auth/views/sign-in.njk', { title: 'Sign in', oidcEnabled: Boolean(oidc), values: {}, errors: toFormErrors([{ path: 'email', message }]) });
    if (!oidc || !pending) return fail('Your single sign-on attempt expired. Try signing in again.');
    delete req.session.oidc;
    let identity;
    try {
      identity = await oidc.finish(new URL(req.originalUrl, config.baseUrl), pending);
    } catch {
      return fail('Single sign-on did not complete. Try again, or sign in with your email and password.');
    }
    const userId = await findUserForIdentity(db, identity);
    if (!userId) return fail('There is no Waymark account for your organisation login. Ask your Waymark administrator to add you.');
    const returnTo = safeReturnTo(pending.returnTo);
    await regenerate(req);
    req.session.userId = userId;
    res.redirect(returnTo);
  });

  return router;
}
