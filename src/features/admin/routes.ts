import type { Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';
import { ROLES } from '../../db/foundation-tables.js';
import { ROLE_LABELS } from '../../lib/roles.js';
import { AppError } from '../../lib/errors.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getOwned, recordAudit, type Actor } from '../audit/audit.js';
import { ConflictError } from '../../lib/errors.js';
import { createUser, listUsers, updateUser } from './users-service.js';
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
    const parsed = parseForm(newUserSchema, req.body);
    const rerender = (errors: unknown) =>
      res.status(400).render('admin/views/user-new.njk', {
        title: 'Add a user',
        values: req.body,
        roleItems: roleItems(req.body?.role),
        errors,
      });
    if (!parsed.ok) return rerender(parsed.errors);
    try {
      const created = await createUser(db, actor, parsed.data);
      req.session.flash = {
        text: `${created.displayName} has been added as ${ROLE_LABELS[created.role].toLowerCase()}.`,
      };
      res.redirect('/admin');
    } catch (err) {
      if (err instanceof AppError && err.details.length) return rerender(toFormErrors(err.details));
      throw err;
    }
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
    const parsed = parseForm(editUserSchema, req.body);
    const rerender = (errors: unknown, status = 400) =>
      res.status(status).render('admin/views/user-edit.njk', {
        title: `Edit ${target.displayName}`,
        target,
        values: req.body,
        roleItems: roleItems(req.body?.role),
        errors,
      });
    if (!parsed.ok) return rerender(parsed.errors);
    if (target.id === user.id && (parsed.data.role !== 'admin' || parsed.data.active === 'no')) {
      return rerender(
        toFormErrors([
          { path: 'role', message: 'You cannot remove your own administrator role or deactivate yourself' },
        ]),
      );
    }
    try {
      await updateUser(
        db,
        actor,
        target.id,
        {
          displayName: parsed.data.displayName,
          role: parsed.data.role,
          active: parsed.data.active === 'yes',
          unlock: Boolean(parsed.data.unlock),
        },
        parsed.data.version,
      );
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return rerender(toFormErrors([{ path: 'displayName', message: err.message }]), 409);
      throw err;
    }
    req.session.flash = { text: `${parsed.data.displayName} has been updated.` };
    res.redirect('/admin');
  });

  router.get('/admin/organisation', admin, async (req, res) => {
    const { user } = signedIn(req);
    const org = await getOwnOrganisation(services, user.organisationId);
    res.render('admin/views/organisation.njk', {
      title: 'Organisation settings',
      org,
      values: org,
      currentBranding: await loadBranding(db, user.organisationId),
    });
  });

  router.post('/admin/organisation', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    const org = await getOwnOrganisation(services, user.organisationId);
    const parsed = parseForm(orgSchema, req.body);
    const currentBranding = await loadBranding(db, user.organisationId);
    if (!parsed.ok)
      return res.status(400).render('admin/views/organisation.njk', {
        title: 'Organisation settings',
        org,
        values: req.body,
        errors: parsed.errors,
        currentBranding,
      });
    const { version, ...patch } = parsed.data;
    try {
      await db.transaction().execute((trx) => updateOrganisation(trx, actor, patch, version));
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return res.status(409).render('admin/views/organisation.njk', {
          title: 'Organisation settings',
          org,
          values: req.body,
          errors: toFormErrors([{ path: 'name', message: err.message }]),
          currentBranding,
        });
      throw err;
    }
    req.session.flash = { text: 'Organisation settings saved.' };
    res.redirect('/admin/organisation');
  });
}

async function getOwnOrganisation(services: { db: Kysely<Database> }, organisationId: string) {
  return services.db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'laCode', 'gssCode', 'region', 'childPopulation', 'version'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
}

/** Organisations are not owned by another organisation, so their audit entry is written here by hand. */
async function updateOrganisation(
  trx: Transaction<Database>,
  actor: Actor,
  patch: { name: string; laCode: string | null; region: string | null; childPopulation: number | null },
  expectedVersion: number,
) {
  const before = await trx
    .selectFrom('organisations')
    .select(['name', 'laCode', 'region', 'childPopulation', 'version'])
    .where('id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  if (before.version !== expectedVersion)
    throw new ConflictError(
      'Someone else changed these settings while you were editing them. Their change has been kept: review and try again.',
    );
  const after = await trx
    .updateTable('organisations')
    .set({ ...patch, version: before.version + 1, updatedAt: new Date() })
    .where('id', '=', actor.organisationId)
    .returning(['name', 'laCode', 'region', 'childPopulation', 'version'])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'update',
    entityType: 'organisations',
    entityId: actor.organisationId,
    before,
    after,
  });
}

export const adminFeature: Feature = {
  name: 'admin',
  nav: [{ text: 'Admin', href: '/admin', role: 'admin' }],
  web: routes,
};
