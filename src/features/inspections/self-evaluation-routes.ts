import type { Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { toFormErrors } from '../../lib/validation.js';
import { GRADES, GRADE_LABELS, frameworkVersion, type Grade } from '../../lib/frameworks.js';
import { compareSelfEvaluation } from '../../lib/self-evaluation.js';
import { getOwned, loadHistory } from '../audit/audit.js';
import type { SelfEvaluationArea } from './tables.js';
import { inspectionTitle } from './service.js';
import {
  LATEST_SELF_VERSION,
  SELF_VERSIONS,
  createSelfEvaluation,
  listSelfEvaluations,
  nextGradedInspection,
  readSelfEvaluation,
} from './self-evaluation-service.js';

/** Self-evaluations: the list, adding one against a framework version, and one compared with the next inspection. */
export function selfEvaluationRoutes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/self-evaluation', async (req, res) => {
    const { user } = signedIn(req);
    const items = await listSelfEvaluations(db, user.organisationId);
    res.render('inspections/views/se-list.njk', {
      title: 'Self-evaluation',
      items: items.map((i) => ({ ...i, versionLabel: frameworkVersion(i.frameworkVersionKey)?.label })),
    });
  });

  const renderForm = (
    res: Response,
    versionKey: string,
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) => {
    const version = frameworkVersion(versionKey)!;
    const areasValues = (values.areas ?? {}) as Record<string, { grade?: string; narrative?: string }>;
    res.status(status).render('inspections/views/se-form.njk', {
      title: 'Add a self-evaluation',
      version,
      otherVersions: SELF_VERSIONS.filter((v) => v.key !== version.key),
      values,
      errors,
      areas: version.areas.map((a) => ({
        key: a.key,
        label: a.label,
        narrative: areasValues[a.key]?.narrative ?? '',
        items: [{ value: '', text: 'Not graded' }, ...GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g] }))].map(
          (i) => ({ ...i, selected: (areasValues[a.key]?.grade ?? '') === i.value }),
        ),
      })),
    });
  };

  router.get('/self-evaluation/new', editor, (req, res) => {
    const requested = String(req.query.version ?? '');
    renderForm(res, SELF_VERSIONS.some((v) => v.key === requested) ? requested : LATEST_SELF_VERSION, {});
  });

  router.post('/self-evaluation/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const { details, value } = readSelfEvaluation(req.body);
    if (details.length) return renderForm(res, value.frameworkVersionKey, req.body ?? {}, toFormErrors(details), 400);
    const created = await db.transaction().execute((trx) => createSelfEvaluation(trx, actor, value));
    req.session.flash = { text: `${value.title} has been saved.` };
    res.redirect(`/self-evaluation/${created.id}`);
  });

  router.get('/self-evaluation/:id', async (req, res) => {
    const { user } = signedIn(req);
    const se = await getOwned(db, user.organisationId, 'selfEvaluations', String(req.params.id));
    const areas = se.areas as unknown as SelfEvaluationArea[];
    const version = frameworkVersion(se.frameworkVersionKey);
    const next = await nextGradedInspection(db, user.organisationId, se.completedDate);
    const comparison = next
      ? compareSelfEvaluation(
          se.frameworkVersionKey,
          Object.fromEntries(areas.map((a) => [a.area, a.grade as Grade | null])),
          next.frameworkVersionKey,
          next.judgements as unknown as Record<string, Grade>,
        )
      : null;
    res.render('inspections/views/se-show.njk', {
      title: se.title,
      se,
      versionLabel: version?.label,
      areas: areas.map((a) => ({
        ...a,
        label: version?.areas.find((x) => x.key === a.area)?.label ?? a.area,
        gradeLabel: a.grade ? GRADE_LABELS[a.grade as Grade] : 'Not graded',
      })),
      next,
      nextTitle: next ? inspectionTitle(next) : null,
      comparison,
      gradeLabels: GRADE_LABELS,
      history: await loadHistory(db, user.organisationId, 'selfEvaluations', se.id),
    });
  });
}
