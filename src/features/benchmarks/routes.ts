import type { Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import type { Executor } from '../audit/audit.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm, requireVersion, toFormErrors } from '../../lib/validation.js';
import { deleteAudited, getOwned, insertAudited, updateAudited } from '../audit/audit.js';
import { getComparators, listAuthorities, neighboursFromDfe } from './service.js';
import { dfeVintages, outcomesVintage } from '../national/vintage.js';

const codesField = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the 3-digit DfE codes of the ${label}`)
    .transform((v) => [...new Set(v.split(/[\s,;]+/).filter(Boolean))])
    .refine(
      (codes) => codes.every((c) => /^\d{3}$/.test(c)),
      `Each ${label.replace(/s$/, '')} must be a 3-digit DfE code, like 831`,
    )
    .refine((codes) => codes.length <= max, `Enter at most ${max} ${label}`);

const neighboursSchema = z.object({ codes: codesField('neighbours', 20) });
const groupSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the group').max(100, 'Name must be 100 characters or fewer'),
  codes: codesField('authorities', 200),
});

async function unknownCodes(db: Executor, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const known = new Set(
    (await db.selectFrom('benchmarkAreas').select('laCode').where('laCode', 'in', codes).execute()).map(
      (r) => r.laCode,
    ),
  );
  return codes.filter((c) => !known.has(c));
}

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/benchmarks', async (req, res) => {
    const { user } = signedIn(req);
    const comparators = await getComparators(db, user.organisationId);
    const authorities = await listAuthorities(db);
    const names = new Map(authorities.map((a) => [a.laCode, a]));
    const org = await db
      .selectFrom('organisations')
      .select(['laCode'])
      .where('id', '=', user.organisationId)
      .executeTakeFirstOrThrow();
    res.render('benchmarks/views/index.njk', {
      title: 'Comparators',
      comparators,
      laCode: org.laCode,
      neighbours: comparators.neighbours.map((c) => ({
        code: c,
        name: names.get(c)?.laName ?? 'Unknown code',
        region: names.get(c)?.regionName ?? '',
      })),
      groups: comparators.groups.map((g) => ({ ...g, names: g.laCodes.map((c) => names.get(c)?.laName ?? c) })),
      canEdit: ['admin', 'editor'].includes(user.role),
      vintages: [...(await dfeVintages(db)), ...(await outcomesVintage(db))],
    });
  });

  router.get('/benchmarks/neighbours', editor, async (req, res) => {
    const { user } = signedIn(req);
    const comparators = await getComparators(db, user.organisationId);
    res.render('benchmarks/views/neighbours.njk', {
      title: 'Change statistical neighbours',
      values: { codes: comparators.neighbours.join(', ') },
      laCode: comparators.laCode,
      authorities: await listAuthorities(db),
    });
  });

  router.post('/benchmarks/neighbours', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const comparators = await getComparators(db, user.organisationId);
    const rerender = async (errors: unknown) =>
      res.status(400).render('benchmarks/views/neighbours.njk', {
        title: 'Change statistical neighbours',
        values: req.body ?? {},
        laCode: comparators.laCode,
        authorities: await listAuthorities(db),
        errors,
      });
    let codes: string[];
    if (req.body?.reset === 'dfe' && comparators.laCode) codes = await neighboursFromDfe(db, comparators.laCode);
    else {
      const parsed = parseForm(neighboursSchema, req.body);
      if (!parsed.ok) return rerender(parsed.errors);
      codes = parsed.data.codes;
    }
    const unknown = await unknownCodes(db, codes);
    if (unknown.length)
      return rerender(
        toFormErrors([
          {
            path: 'codes',
            message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} DfE authority code${unknown.length === 1 ? '' : 's'}`,
          },
        ]),
      );
    await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('organisationNeighbours')
        .select(['id', 'laCode'])
        .where('organisationId', '=', user.organisationId)
        .execute();
      for (const e of existing) await deleteAudited(trx, actor, 'organisationNeighbours', e.id);
      for (const [i, laCode] of codes.entries())
        await insertAudited(trx, actor, 'organisationNeighbours', { laCode, position: i + 1 });
    });
    req.session.flash = { text: `Statistical neighbours saved (${codes.length}).` };
    res.redirect('/benchmarks');
  });

  router.get('/benchmarks/groups/new', editor, async (_req, res) => {
    res.render('benchmarks/views/group.njk', {
      title: 'Add a comparator group',
      values: {},
      authorities: await listAuthorities(db),
    });
  });

  router.post('/benchmarks/groups/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const rerender = async (errors: unknown) =>
      res.status(400).render('benchmarks/views/group.njk', {
        title: 'Add a comparator group',
        values: req.body ?? {},
        authorities: await listAuthorities(db),
        errors,
      });
    const parsed = parseForm(groupSchema, req.body);
    if (!parsed.ok) return rerender(parsed.errors);
    const unknown = await unknownCodes(db, parsed.data.codes);
    if (unknown.length)
      return rerender(
        toFormErrors([
          {
            path: 'codes',
            message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} DfE authority code${unknown.length === 1 ? '' : 's'}`,
          },
        ]),
      );
    await db.transaction().execute((trx) =>
      insertAudited(trx, actor, 'benchmarkGroups', {
        name: parsed.data.name,
        laCodes: JSON.stringify(parsed.data.codes),
      }),
    );
    req.session.flash = { text: `${parsed.data.name} added.` };
    res.redirect('/benchmarks');
  });

  router.get('/benchmarks/groups/:id', editor, async (req, res) => {
    const { user } = signedIn(req);
    const group = await getOwned(db, user.organisationId, 'benchmarkGroups', String(req.params.id));
    res.render('benchmarks/views/group.njk', {
      title: `Edit ${group.name}`,
      group,
      values: { name: group.name, codes: (group.laCodes as string[]).join(', '), version: group.version },
      authorities: await listAuthorities(db),
    });
  });

  router.post('/benchmarks/groups/:id', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const group = await getOwned(db, user.organisationId, 'benchmarkGroups', String(req.params.id));
    const rerender = async (errors: unknown) =>
      res.status(400).render('benchmarks/views/group.njk', {
        title: `Edit ${group.name}`,
        group,
        values: req.body ?? {},
        authorities: await listAuthorities(db),
        errors,
      });
    if (req.body?.delete === 'yes') {
      await db.transaction().execute((trx) => deleteAudited(trx, actor, 'benchmarkGroups', group.id));
      req.session.flash = { text: `${group.name} removed.` };
      return res.redirect('/benchmarks');
    }
    const parsed = parseForm(groupSchema, req.body);
    if (!parsed.ok) return rerender(parsed.errors);
    const unknown = await unknownCodes(db, parsed.data.codes);
    if (unknown.length)
      return rerender(
        toFormErrors([
          {
            path: 'codes',
            message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} DfE authority code${unknown.length === 1 ? '' : 's'}`,
          },
        ]),
      );
    await db
      .transaction()
      .execute((trx) =>
        updateAudited(
          trx,
          actor,
          'benchmarkGroups',
          group.id,
          { name: parsed.data.name, laCodes: JSON.stringify(parsed.data.codes) },
          requireVersion(req.body?.version),
        ),
      );
    req.session.flash = { text: `${parsed.data.name} saved.` };
    res.redirect('/benchmarks');
  });
}

export const benchmarksFeature: Feature = { name: 'benchmarks', web: routes };
