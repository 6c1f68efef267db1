import type { Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { toFormErrors } from '../../lib/validation.js';
import { FINDING_KINDS, FINDING_KIND_LABELS } from '../../lib/frameworks.js';
import { getOwned } from '../audit/audit.js';
import { inspectionAreas } from './inspection-form.js';
import { addFindings, inspectionTitle, pastedFindings, removeFinding, type InspectionRow } from './service.js';

/** An inspection's findings: adding them by pasting the report's list (with a preview), and removing one. */
export function findingRoutes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  const pastePage = (res: Response, inspection: InspectionRow, extra: Record<string, unknown>, status = 200) => {
    const values = extra.values as { kind?: string; area?: string } | undefined;
    res.status(status).render('inspections/views/paste.njk', {
      title: 'Add findings',
      inspection,
      inspectionTitle: inspectionTitle(inspection),
      kindItems: FINDING_KINDS.map((k) => ({ value: k, text: FINDING_KIND_LABELS[k], checked: k === values?.kind })),
      areaItems: [
        { value: '', text: 'No particular area' },
        ...inspectionAreas(inspection).map((a) => ({ value: a.key, text: a.label, selected: a.key === values?.area })),
      ],
      ...extra,
    });
  };

  router.get('/inspections/:id/findings/add', editor, async (req, res) => {
    const { user } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    pastePage(res, inspection, { values: { kind: 'area-for-improvement' } });
  });

  router.post('/inspections/:id/findings/add', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    const values = {
      kind: String(req.body?.kind ?? ''),
      area: String(req.body?.area ?? ''),
      text: String(req.body?.text ?? ''),
    };
    const { details, inputs } = pastedFindings(values);
    if (details.length) return pastePage(res, inspection, { values, errors: toFormErrors(details) }, 400);
    if (req.body.action !== 'save') return pastePage(res, inspection, { values, preview: inputs });
    await db.transaction().execute((trx) => addFindings(trx, actor, inspection, inputs, 400));
    req.session.flash = { text: `${inputs.length} finding${inputs.length === 1 ? ' has' : 's have'} been added.` };
    res.redirect(`/inspections/${inspection.id}`);
  });

  router.post('/inspections/:id/findings/:findingId/delete', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const inspection = await getOwned(db, user.organisationId, 'inspections', String(req.params.id));
    await db.transaction().execute((trx) => removeFinding(trx, actor, inspection, String(req.params.findingId)));
    req.session.flash = { text: 'The finding has been removed.' };
    res.redirect(`/inspections/${inspection.id}`);
  });
}
