import type { Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { toFormErrors } from '../../lib/validation.js';
import type { ErrorDetail } from '../../lib/errors.js';
import { isIsoDate } from '../../lib/dates.js';
import {
  FRAMEWORK_VERSIONS,
  GRADES,
  GRADE_LABELS,
  frameworkVersion,
  inspectionType,
  type Grade,
} from '../../lib/frameworks.js';
import { compareSelfEvaluation } from '../../lib/self-evaluation.js';
import { getOwned, insertAudited, loadHistory } from '../audit/audit.js';
import type { SelfEvaluationArea } from './tables.js';
import { formDate } from './helpers.js';
import { inspectionTitle } from './service.js';

const SELF_VERSIONS = FRAMEWORK_VERSIONS.filter((v) => v.family === 'ilacs' || v.family === 'sif');
const LATEST = SELF_VERSIONS.filter((v) => v.family === 'ilacs').at(-1)!.key;

export function selfEvaluationRoutes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/self-evaluation', async (req, res) => {
    const { user } = signedIn(req);
    const items = await db
      .selectFrom('selfEvaluations')
      .selectAll()
      .where('organisationId', '=', user.organisationId)
      .orderBy('completedDate', 'desc')
      .execute();
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
    renderForm(res, SELF_VERSIONS.some((v) => v.key === requested) ? requested : LATEST, {});
  });

  router.post('/self-evaluation/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const versionKey = SELF_VERSIONS.some((v) => v.key === req.body?.frameworkVersion)
      ? String(req.body.frameworkVersion)
      : LATEST;
    const version = frameworkVersion(versionKey)!;
    const title = String(req.body?.title ?? '').trim();
    const completedDate = formDate(req.body?.completedDate);
    const areasIn = (req.body?.areas ?? {}) as Record<string, { grade?: string; narrative?: string }>;
    const details: ErrorDetail[] = [];
    if (!title) details.push({ path: 'title', message: 'Enter a title, like “Self-evaluation 2024 to 2025”' });
    else if (title.length > 200) details.push({ path: 'title', message: 'Title must be 200 characters or fewer' });
    if (!completedDate)
      details.push({ path: 'completedDate', message: 'Enter the date the self-evaluation was completed' });
    else if (!isIsoDate(completedDate))
      details.push({ path: 'completedDate', message: 'Date completed must be a real date' });
    const areas: SelfEvaluationArea[] = [];
    for (const a of version.areas) {
      const grade = String(areasIn[a.key]?.grade ?? '');
      const narrative = String(areasIn[a.key]?.narrative ?? '').trim();
      if (grade && !(GRADES as readonly string[]).includes(grade))
        details.push({ path: `areas-${a.key}-grade`, message: `Select a grade for ${a.label.toLowerCase()}` });
      if (narrative.length > 10_000)
        details.push({
          path: `areas-${a.key}-narrative`,
          message: `The narrative for ${a.label.toLowerCase()} must be 10,000 characters or fewer`,
        });
      areas.push({ area: a.key, grade: grade || null, narrative });
    }
    if (!areas.some((a) => a.grade))
      details.push({ path: `areas-${version.areas[0].key}-grade`, message: 'Grade at least one judgement area' });
    if (details.length) return renderForm(res, versionKey, req.body ?? {}, toFormErrors(details), 400);
    const created = await db.transaction().execute((trx) =>
      insertAudited(trx, actor, 'selfEvaluations', {
        title,
        completedDate,
        frameworkVersionKey: versionKey,
        areas: JSON.stringify(areas),
      }),
    );
    req.session.flash = { text: `${title} has been saved.` };
    res.redirect(`/self-evaluation/${created.id}`);
  });

  router.get('/self-evaluation/:id', async (req, res) => {
    const { user } = signedIn(req);
    const se = await getOwned(db, user.organisationId, 'selfEvaluations', String(req.params.id));
    const areas = se.areas as unknown as SelfEvaluationArea[];
    const version = frameworkVersion(se.frameworkVersionKey);
    // The first graded inspection that started on or after the self-evaluation was completed.
    const next = (
      await db
        .selectFrom('inspections')
        .selectAll()
        .where('organisationId', '=', user.organisationId)
        .where('startDate', '>=', se.completedDate)
        .orderBy('startDate')
        .execute()
    ).find(
      (i) =>
        inspectionType(i.typeKey)?.graded && i.typeKey !== 'lscb-review' && Object.keys(i.judgements as object).length,
    );
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
