import type { Request, Response, Router } from 'express';
import { receiveUpload } from '../uploads/receive.js';
import { z } from 'zod';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { multipartForm } from '../../middleware/csrf.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';
import { NotFoundError } from '../../lib/errors.js';
import { formFailure } from '../../lib/forms/failure.js';
import { refusalMessage } from '../../lib/upload-limits.js';
import { getOwnOrganisation } from '../admin/organisation-service.js';
import { headerContrastProblem, normaliseHexColour } from '../../lib/branding/contrast.js';
import { checkLogo, LOGO_MAX_BYTES } from '../../lib/branding/logo-image.js';
import { loadBranding, loadLogo, saveBranding, type LogoInput } from './branding.js';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v.length <= max, `${label} must be ${max} characters or fewer`)
    .transform((v) => v || null);

export const brandingSchema = z
  .object({
    serviceName: optionalText(60, 'Service name'),
    brandColour: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const text = (v ?? '').trim();
        if (!text) return null;
        const colour = normaliseHexColour(text);
        if (!colour) {
          ctx.addIssue({ code: 'custom', message: 'Enter the colour as a 6-digit hex code, like #1d70b8' });
          return z.NEVER;
        }
        return colour;
      }),
    headerText: z.enum(['white', 'black'], { error: 'Select the colour of the header text' }).default('white'),
    licenceText: optionalText(500, 'Licence text'),
    removeLogo: z.string().optional(),
    version: z.coerce.number().int(),
  })
  .superRefine((v, ctx) => {
    if (!v.brandColour) return;
    const problem = headerContrastProblem(v.brandColour, v.headerText);
    if (problem) ctx.addIssue({ code: 'custom', path: ['brandColour'], message: problem });
  });

/** The council's branding on /admin/organisation: the form posts here (multipart, for the logo). */
export function brandingRoutes(router: Router, services: Services): void {
  const { db } = services;
  const admin = requireRole('admin');

  async function rerender(req: Request, res: Response, errors: unknown, status: number) {
    const { user } = signedIn(req);
    const org = await getOwnOrganisation(db, user.organisationId);
    const current = await loadBranding(db, user.organisationId);
    res.status(status).render('admin/views/organisation.njk', {
      title: 'Organisation settings',
      org,
      values: org,
      brandingValues: { ...current, ...req.body },
      currentBranding: current,
      errors,
    });
  }

  // multipartForm: the CSRF token is the form's first hidden field, checked once the upload is parsed.
  router.post(
    '/admin/organisation/branding',
    admin,
    multipartForm((req, res) => receiveUpload(req, res, services.config, 'logo', { field: 'logo' })),
    async (req, res) => {
      const { actor } = signedIn(req);
      const { refused } = req.upload ?? {};
      if (refused) {
        const message = refusalMessage(refused, {
          tooLarge: `The logo must be smaller than ${LOGO_MAX_BYTES / 1024} KB`,
          unreadable: 'The logo could not be uploaded: try again',
        });
        return rerender(req, res, toFormErrors([{ path: 'logo', message }]), refused.status === 429 ? 429 : 400);
      }
      const parsed = parseForm(brandingSchema, req.body);
      let logo: LogoInput | null | undefined;
      const fileProblem = (() => {
        if (!req.file || !req.file.size) return null;
        const check = checkLogo(req.file.buffer);
        if (!check.ok) return check.message;
        logo = { bytes: req.file.buffer, type: check.type, width: check.width, height: check.height };
        return null;
      })();
      const details = [
        ...(parsed.ok ? [] : parsed.details),
        ...(fileProblem ? [{ path: 'logo', message: fileProblem }] : []),
      ];
      if (!parsed.ok || details.length) return rerender(req, res, toFormErrors(details), 400);
      const { version, removeLogo, ...input } = parsed.data;
      if (logo === undefined && removeLogo === 'yes') logo = null;
      try {
        await db.transaction().execute((trx) => saveBranding(trx, actor, input, logo, version));
      } catch (err) {
        const { status, details } = formFailure(err, { field: 'serviceName' });
        return rerender(req, res, toFormErrors(details), status);
      }
      req.session.flash = { text: 'Header and footer saved.' };
      res.redirect('/admin/organisation');
    },
  );

  // The logo is served only to people signed in to its organisation, as an image that cannot run script.
  router.get('/branding/logo', async (req, res) => {
    const { user } = signedIn(req);
    const logo = await loadLogo(db, user.organisationId);
    if (!logo) throw new NotFoundError();
    res.set({
      'Content-Type': logo.logoType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=86400',
    });
    res.end(logo.logo);
  });
}
