import type { Request, Response, Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { hasRole } from '../../lib/roles.js';
import { parseForm, requireVersion, type FormErrors, type ParseResult } from '../../lib/validation.js';
import { submitForm } from '../../lib/forms/submit.js';
import { deleteAudited, getOwned } from '../audit/audit.js';
import { getComparators, listAuthorities, neighboursFromDfe } from './service.js';
import {
  createGroup,
  groupSchema,
  type GroupInput,
  neighboursSchema,
  saveNeighbours,
  updateGroup,
} from './comparator-groups.js';
import { dfeVintages, outcomesVintage } from '../national/vintage.js';

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/benchmarks', async (req, res) => {
    const { user } = signedIn(req);
    const comparators = await getComparators(db, user.organisationId);
    const names = new Map((await listAuthorities(db)).map((a) => [a.laCode, a]));
    res.render('benchmarks/views/index.njk', {
      title: 'Comparators',
      comparators,
      laCode: comparators.laCode,
      neighbours: comparators.neighbours.map((c) => ({
        code: c,
        name: names.get(c)?.laName ?? 'Unknown code',
        region: names.get(c)?.regionName ?? '',
      })),
      groups: comparators.groups.map((g) => ({ ...g, names: g.laCodes.map((c) => names.get(c)?.laName ?? c) })),
      canEdit: hasRole(user.role, 'editor'),
      vintages: [...(await dfeVintages(db)), ...(await outcomesVintage(db))],
    });
  });

  const neighboursForm = async (res: Response, laCode: string | null, values: unknown, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('benchmarks/views/neighbours.njk', {
      title: 'Change statistical neighbours',
      values,
      laCode,
      authorities: await listAuthorities(db),
      errors,
    });

  router.get('/benchmarks/neighbours', editor, async (req, res) => {
    const comparators = await getComparators(db, signedIn(req).user.organisationId);
    await neighboursForm(res, comparators.laCode, { codes: comparators.neighbours.join(', ') });
  });

  router.post('/benchmarks/neighbours', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const { laCode } = await getComparators(db, user.organisationId);
    // "Use the DfE's neighbours" replaces the list with the published one for the authority's code.
    const fromDfe = req.body?.reset === 'dfe' && laCode ? await neighboursFromDfe(db, laCode) : null;
    return submitForm(req, res, {
      parse: () => (fromDfe ? { ok: true, data: { codes: fromDfe } } : parseForm(neighboursSchema, req.body)),
      save: ({ codes }) =>
        db.transaction().execute(async (trx) => {
          await saveNeighbours(trx, actor, codes);
          return codes;
        }),
      done: (codes) => ({ flash: `Statistical neighbours saved (${codes.length}).`, redirect: '/benchmarks' }),
      render: (_status, errors) => neighboursForm(res, laCode, req.body ?? {}, errors),
      failure: { field: 'codes' },
    });
  });

  const groupForm = async (res: Response, model: Record<string, unknown>, status = 200, errors?: FormErrors) =>
    res
      .status(status)
      .render('benchmarks/views/group.njk', { ...model, authorities: await listAuthorities(db), errors });
  const ownedGroup = (req: Request) =>
    getOwned(db, signedIn(req).user.organisationId, 'benchmarkGroups', String(req.params.id));

  router.get('/benchmarks/groups/new', editor, (_req, res) =>
    groupForm(res, { title: 'Add a comparator group', values: {} }),
  );

  router.post('/benchmarks/groups/new', editor, (req, res) => {
    const { actor } = signedIn(req);
    return submitForm(req, res, {
      parse: () => parseForm(groupSchema, req.body),
      save: (input) => db.transaction().execute((trx) => createGroup(trx, actor, input)),
      done: (group) => ({ flash: `${group.name} added.`, redirect: '/benchmarks' }),
      render: (status, errors) =>
        groupForm(res, { title: 'Add a comparator group', values: req.body ?? {} }, status, errors),
      failure: { field: 'codes' },
    });
  });

  router.get('/benchmarks/groups/:id', editor, async (req, res) => {
    const group = await ownedGroup(req);
    await groupForm(res, {
      title: `Edit ${group.name}`,
      group,
      values: { name: group.name, codes: (group.laCodes as string[]).join(', '), version: group.version },
    });
  });

  router.post('/benchmarks/groups/:id', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const group = await ownedGroup(req);
    if (req.body?.delete === 'yes') {
      await db.transaction().execute((trx) => deleteAudited(trx, actor, 'benchmarkGroups', group.id));
      req.session.flash = { text: `${group.name} removed.` };
      return res.redirect('/benchmarks');
    }
    return submitForm(req, res, {
      parse: (): ParseResult<GroupInput & { version: number }> => {
        const parsed = parseForm(groupSchema, req.body);
        // A form without its version is not one this service sent: the error page, as for any bad request.
        return parsed.ok ? { ok: true, data: { ...parsed.data, version: requireVersion(req.body?.version) } } : parsed;
      },
      save: ({ version, ...input }) =>
        db.transaction().execute((trx) => updateGroup(trx, actor, group.id, input, version)),
      done: (saved) => ({ flash: `${saved.name} saved.`, redirect: '/benchmarks' }),
      render: (status, errors) =>
        groupForm(res, { title: `Edit ${group.name}`, group, values: req.body ?? {} }, status, errors),
      failure: { field: 'name' },
    });
  });
}

export const benchmarksFeature: Feature = { name: 'benchmarks', web: routes };
