import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm } from '../../lib/validation.js';
import { submitForm } from '../../lib/forms/submit.js';
import { ROLES } from '../../db/foundation-tables.js';
import { ROLE_LABELS } from '../../lib/roles.js';
import { getOwned } from '../audit/audit.js';
import { createUser, listUsers, updateUser } from './users-service.js';
import { getOwnOrganisation, updateOrganisation } from './organisation-service.js';
import { PASSWORD_RULES } from '../auth/passwords.js';
import { loadBranding } from '../council/branding.js';

const roleItems = (selected?: string) =>
  ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: r === selected }));

const newUserSchema = z.object({
  displayName: z.string().trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address')
    .email('Enter an email address in the correct format, like name@example.gov.uk'),
  role: z.enum(ROLES, { error: 'Select a role' }),
  password: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (v.length >= 12 && v.length <= 200), PASSWORD_RULES),
});

const editUserSchema = z.object({
  displayName: z.string().trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  role: z.enum(ROLES, { error: 'Select a role' }),
  active: z.enum(['yes', 'no'], { error: 'Select whether the account is active' }),
  unlock: z.string().optional(),
  version: z.coerce.number().int(),
});

const orgSchema = z.object({
  name: z.string().trim().min(1, 'Enter the organisation name').max(200, 'Name must be 200 characters or fewer'),
  laCode: z
    .string()
    .trim()
    .regex(/^(\d{3})?$/, 'Local authority code must be the 3-digit DfE code, like 202')
    .transform((v) => v || null),
  region: z
    .string()
    .trim()
    .max(100, 'Region must be 100 characters or fewer')
    .transform((v) => v || null),
  childPopulation: z
    .string()
    .trim()
    .regex(/^(\d+)?$/, 'Child population must be a whole number, like 54000')
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || v > 0, 'Child population must be more than 0'),
  version: z.coerce.number().int(),
});

/** A user form shown again with what was typed and its errors. */
function userForm(
  req: Request,
  res: Response,
  status: number,
  view: 'user-new' | 'user-edit',
  page: { title: string; errors: unknown; target?: unknown },
) {
  res
    .status(status)
    .render(`admin/views/${view}.njk`, { ...page, values: req.body, roleItems: roleItems(req.body?.role) });
}

function routes(router: Router, services: Services) {
  const { db } = services;
  const admin = requireRole('admin');

  router.get('/admin', admin, async (req, res) => {
    const { user } = signedIn(req);
    res.render('admin/views/index.njk', { title: 'Administration', users: await listUsers(db, user.organisationId) });
  });

  router.get('/admin/users/new', admin, (_req, res) => {
    res.render('admin/views/user-new.njk', { title: 'Add a user', values: {}, roleItems: roleItems() });
  });

  router.post('/admin/users/new', admin, async (req, res) => {
    const { actor } = signedIn(req);
    await submitForm(req, res, {
      parse: () => parseForm(newUserSchema, req.body),
      save: (data) => createUser(db, actor, data),
      done: (created) => ({
        flash: `${created.displayName} has been added as ${ROLE_LABELS[created.role].toLowerCase()}.`,
        redirect: '/admin',
      }),
      render: (status, errors) => userForm(req, res, status, 'user-new', { title: 'Add a user', errors }),
      failure: { field: 'email' },
    });
  });

  router.get('/admin/users/:id', admin, async (req, res) => {
    const { user } = signedIn(req);
    const target = await getOwned(db, user.organisationId, 'users', String(req.params.id));
    res.render('admin/views/user-edit.njk', {
      title: `Edit ${target.displayName}`,
      target,
      values: { displayName: target.displayName, active: target.active ? 'yes' : 'no', version: target.version },
      roleItems: roleItems(target.role),
    });
  });

  router.post('/admin/users/:id', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    const target = await getOwned(db, user.organisationId, 'users', String(req.params.id));
    await submitForm(req, res, {
      parse: () => parseForm(editUserSchema, req.body),
      save: ({ displayName, role, active, unlock, version }) =>
        updateUser(
          db,
          actor,
          target.id,
          { displayName, role, active: active === 'yes', unlock: Boolean(unlock) },
          version,
        ),
      done: (saved) => ({ flash: `${saved.displayName} has been updated.`, redirect: '/admin' }),
      render: (status, errors) =>
        userForm(req, res, status, 'user-edit', { title: `Edit ${target.displayName}`, target, errors }),
      failure: { field: 'displayName' },
    });
  });

  router.get('/admin/organisation', admin, async (req, res) => {
    const { user } = signedIn(req);
    const org = await getOwnOrganisation(db, user.organisationId);
    res.render('admin/views/organisation.njk', {
      title: 'Organisation settings',
      org,
      values: org,
      currentBranding: await loadBranding(db, user.organisationId),
    });
  });

  router.post('/admin/organisation', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    const org = await getOwnOrganisation(db, user.organisationId);
    const currentBranding = await loadBranding(db, user.organisationId);
    await submitForm(req, res, {
      parse: () => parseForm(orgSchema, req.body),
      save: ({ version, ...patch }) => updateOrganisation(db, actor, patch, version),
      done: () => ({ flash: 'Organisation settings saved.', redirect: '/admin/organisation' }),
      render: (status, errors) =>
        res.status(status).render('admin/views/organisation.njk', {
          title: 'Organisation settings',
          org,
          values: req.body,
          errors,
          currentBranding,
        }),
      failure: { field: 'name' },
    });
  });
}

export const adminFeature: Feature = {
  name: 'admin',
  nav: [{ text: 'Admin', href: '/admin', role: 'admin' }],
  web: routes,
};
