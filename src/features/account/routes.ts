import type { Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { parseForm } from '../../lib/validation.js';
import { submitForm } from '../../lib/forms/submit.js';
import { formPage } from '../../lib/forms/form-page.js';
import { createApiToken, listTokens, revokeToken } from './tokens.js';
import { PASSWORD_RULES } from '../auth/passwords.js';
import { changeOwnPassword } from './password.js';
import { NotFoundError } from '../../lib/errors.js';
import { endSessionsOf } from '../../middleware/session.js';

const tokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name for the token, like "Power BI feed"')
    .max(100, 'Name must be 100 characters or fewer'),
});
const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: z.string().min(12, PASSWORD_RULES).max(200, 'Password must be 200 characters or fewer'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });

function routes(router: Router, services: Services) {
  const { db } = services;

  const renderAccount = formPage('account/views/account.njk', 'Your account', async (req) => ({
    tokens: await listTokens(db, signedIn(req).user.id),
  }));

  router.get('/account', (req, res) => renderAccount(req, res));

  router.post('/account/tokens', async (req, res) => {
    const { user, actor } = signedIn(req);
    const parsed = parseForm(tokenSchema, req.body);
    if (!parsed.ok) return renderAccount(req, res, { errors: parsed.errors, values: req.body }, 400);
    const { token } = await createApiToken(db, actor, user.id, parsed.data.name);
    res.render('account/views/token-created.njk', { title: 'Your new API token', token, name: parsed.data.name });
  });

  router.post('/account/tokens/:id/revoke', async (req, res) => {
    const { user, actor } = signedIn(req);
    const revoked = await revokeToken(db, actor, user.id, String(req.params.id));
    if (!revoked) throw new NotFoundError();
    req.session.flash = { text: 'The token has been revoked. Anything using it can no longer reach Waymark.' };
    res.redirect('/account');
  });

  router.post('/account/password', async (req, res) => {
    const { user, actor } = signedIn(req);
    await submitForm(req, res, {
      parse: () => parseForm(passwordSchema, req.body),
      save: async ({ currentPassword, newPassword }) => {
        await changeOwnPassword(db, actor, user.id, currentPassword, newPassword);
        // Whoever may have learnt the old password loses any session they opened with it. API tokens are
        // separate credentials the person made on purpose and can see below: they keep working (a feed
        // silently breaking is its own harm), and the message says so, so nothing is revoked without a word.
        const ended = await endSessionsOf(db, user.id, req.sessionID);
        const activeTokens = (await listTokens(db, user.id)).filter((t) => !t.revokedAt).length;
        return { ended, activeTokens };
      },
      done: ({ ended, activeTokens }) => {
        const signedOut = ended
          ? ` You have been signed out on ${ended === 1 ? 'the other device' : `${ended} other devices`} where you were signed in.`
          : '';
        const tokens = activeTokens
          ? ` Your ${activeTokens === 1 ? 'API token still works' : `${activeTokens} API tokens still work`}: revoke any you no longer trust below.`
          : '';
        return { flash: `Your password has been changed.${signedOut}${tokens}`, redirect: '/account' };
      },
      render: (status, errors) => renderAccount(req, res, { passwordErrors: errors, errors }, status),
      failure: { field: 'currentPassword' },
    });
  });
}

export const accountFeature: Feature = { name: 'account', web: routes };
