import type { Request, Response, Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm, requireVersion } from '../../lib/validation.js';
import {
  frameworkText,
  goodOrBetterCount,
  OFSTED_SCALE,
  parseFrameworkText,
  parseScaleText,
  type Grade,
} from '../../lib/case-audit-framework.js';
import { shareText } from '../../lib/case-audit-summary.js';
import { periodLabel } from '../../lib/periods.js';
import { accessOf, addAuditor, auditorCandidates, listAuditors, removeAuditor, requireNoteReader } from './auditors.js';
import {
  addFrameworkVersion,
  createFramework,
  listFrameworks,
  loadFramework,
  STARTER_FRAMEWORK_TEXT,
  type FrameworkInput,
} from './frameworks.js';
import { AUDIT_STATUS_LABELS, auditStatus, CYCLE_KIND_LABELS, listCycles } from './cycles.js';
import { caseReference } from './annex-source.js';
import { frameworkFormSchema } from './schemas.js';
import { themeTrend, themeTrendChart } from './trend.js';
import { formErrors, formFailure } from './web-forms.js';
import { cycleRoutes } from './cycle-routes.js';
import { auditRoutes } from './audit-routes.js';
import { importRoutes } from './import-routes.js';
import { caseAuditsApi } from './api.js';

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/case-audits', async (req, res) => {
    const { user } = signedIn(req);
    const [cycles, access, frameworks] = await Promise.all([
      listCycles(db, user.organisationId),
      accessOf(db, user),
      listFrameworks(db, user.organisationId),
    ]);
    const trend = themeTrend(cycles);
    res.render('case-audits/views/index.njk', {
      title: 'Case file audits',
      cycles: cycles.map((c) => ({
        ...c,
        label: periodLabel(c.period),
        kindLabel: CYCLE_KIND_LABELS[c.kind],
        good: shareText(c.summary.overall.goodOrBetter, c.summary.overall.goodOrBetterCount, c.summary.overall.graded),
        bad: shareText(c.summary.overall.inadequate, c.summary.overall.inadequateCount, c.summary.overall.graded),
        agreement: c.summary.agreement.moderated
          ? shareText(c.summary.agreement.rate, c.summary.agreement.agreed, c.summary.agreement.moderated)
          : 'None moderated',
      })),
      trend: {
        ...trend,
        labels: trend.cycles.map((c) => periodLabel(c.period)),
        rows: trend.themes.map((t) => ({
          name: t.name,
          cells: t.cells.map((x) =>
            x ? shareText(x.goodOrBetter, x.goodOrBetterCount, x.graded) : 'Not in this cycle',
          ),
        })),
      },
      chart: themeTrendChart(trend),
      access,
      hasFrameworks: frameworks.length > 0,
    });
  });

  router.get('/case-audits/my-audits', async (req, res) => {
    const { user } = signedIn(req);
    await requireNoteReader(db, user);
    const rows = await db
      .selectFrom('caseAudits')
      .innerJoin('caseAuditCycles', 'caseAuditCycles.id', 'caseAudits.cycleId')
      .selectAll('caseAudits')
      .select(['caseAuditCycles.title as cycleTitle', 'caseAuditCycles.period', 'caseAuditCycles.dueDate'])
      .where('caseAudits.organisationId', '=', user.organisationId)
      .where((eb) => eb.or([eb('caseAudits.auditorId', '=', user.id), eb('caseAudits.moderatorId', '=', user.id)]))
      .orderBy('caseAuditCycles.period', 'desc')
      .execute();
    const item = (a: (typeof rows)[number]) => ({
      ...a,
      reference: caseReference(a.caseHash),
      statusLabel: AUDIT_STATUS_LABELS[auditStatus(a)],
    });
    res.render('case-audits/views/my-audits.njk', {
      title: 'Your case file audits',
      toGrade: rows.filter((a) => a.auditorId === user.id && !a.overallGrade).map(item),
      toModerate: rows.filter((a) => a.moderatorId === user.id && a.overallGrade && !a.moderatedOverallGrade).map(item),
      done: rows
        .filter(
          (a) => (a.auditorId === user.id && a.overallGrade) || (a.moderatorId === user.id && a.moderatedOverallGrade),
        )
        .map(item),
    });
  });

  const auditorsPage = async (req: Request, res: Response, status = 200, errors?: unknown) => {
    const { user } = signedIn(req);
    const candidates = await auditorCandidates(db, user.organisationId);
    res.status(status).render('case-audits/views/auditors.njk', {
      title: 'Case file auditors',
      auditors: await listAuditors(db, user.organisationId),
      candidates,
      candidateItems: [
        { value: '', text: 'Choose a person' },
        ...candidates.map((c) => ({ value: c.id, text: `${c.displayName} (${c.roleLabel})` })),
      ],
      errors,
    });
  };
  router.get('/case-audits/auditors', editor, (req, res) => auditorsPage(req, res));
  router.post('/case-audits/auditors', editor, async (req, res) => {
    const { actor } = signedIn(req);
    try {
      const added = await addAuditor(db, actor, String(req.body?.userId ?? ''));
      req.session.flash = { text: `${added.displayName} is now a case file auditor.` };
      res.redirect('/case-audits/auditors');
    } catch (err) {
      const f = formFailure(err, 'userId');
      await auditorsPage(req, res, f.status, formErrors(f.details));
    }
  });
  router.post('/case-audits/auditors/:id/remove', editor, async (req, res) => {
    const { actor } = signedIn(req);
    await removeAuditor(db, actor, String(req.params.id));
    req.session.flash = { text: 'The auditor has been taken off the list. Their audits are kept.' };
    res.redirect('/case-audits/auditors');
  });

  router.get('/case-audits/frameworks', async (req, res) => {
    const { user } = signedIn(req);
    res.render('case-audits/views/frameworks.njk', {
      title: 'Audit frameworks',
      frameworks: await listFrameworks(db, user.organisationId),
      canEdit: (await accessOf(db, user)).manages,
    });
  });

  const frameworkForm = (
    res: Response,
    status: number,
    page: Record<string, unknown>,
    values: Record<string, unknown>,
    errors?: unknown,
  ) => res.status(status).render('case-audits/views/framework-form.njk', { ...page, values, errors });

  /** The framework form's fields as a framework, or the problems with them (each naming its field). */
  function readFrameworkForm(body: Record<string, unknown>): {
    input?: FrameworkInput;
    errors?: ReturnType<typeof formErrors>;
  } {
    const parsed = parseForm(frameworkFormSchema, body);
    if (!parsed.ok) return { errors: parsed.errors };
    const themes = parseFrameworkText(parsed.data.themesText);
    const scale = parseScaleText(parsed.data.scaleText, parsed.data.goodOrBetter);
    const details = [
      ...themes.errors.map((e) => ({ path: 'themesText', message: e.message })),
      ...scale.errors.map((e) => ({ path: 'scaleText', message: e.message })),
    ];
    if (details.length) {
      // One message per field in the summary would hide the rest: show them all, each linked to its box.
      const errors = formErrors(details.slice(0, 1));
      errors.list = details.map((d) => ({ text: d.message, href: `#${d.path}` }));
      errors.fields = Object.fromEntries(
        ['themesText', 'scaleText']
          .filter((f) => details.some((d) => d.path === f))
          .map((f) => [
            f,
            {
              text: details
                .filter((d) => d.path === f)
                .map((d) => d.message)
                .join('. '),
            },
          ]),
      );
      return { errors };
    }
    return {
      input: {
        name: parsed.data.name,
        description: parsed.data.description,
        themes: themes.themes,
        scale: scale.scale,
        changeNote: parsed.data.changeNote,
      },
    };
  }

  const scaleText = (scale: Grade[]) => scale.map((g) => g.label).join('\n');

  router.get('/case-audits/frameworks/new', editor, (_req, res) =>
    frameworkForm(
      res,
      200,
      { title: 'Add an audit framework', back: '/case-audits/frameworks', submitText: 'Add the framework' },
      { themesText: STARTER_FRAMEWORK_TEXT, scaleText: scaleText(OFSTED_SCALE), goodOrBetter: 2 },
    ),
  );
  router.post('/case-audits/frameworks/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const page = { title: 'Add an audit framework', back: '/case-audits/frameworks', submitText: 'Add the framework' };
    const { input, errors } = readFrameworkForm(body);
    if (!input) return frameworkForm(res, 400, page, body, errors);
    try {
      const { framework } = await createFramework(db, actor, input);
      req.session.flash = { text: `The framework “${framework.name}” has been added.` };
      res.redirect(`/case-audits/frameworks/${framework.id}`);
    } catch (err) {
      const f = formFailure(err, 'name');
      frameworkForm(res, f.status, page, body, formErrors(f.details));
    }
  });

  router.get('/case-audits/frameworks/:id', async (req, res) => {
    const { user } = signedIn(req);
    const { framework, versions, current } = await loadFramework(db, user.organisationId, String(req.params.id));
    const asked = Number(req.query.version);
    const shown = versions.find((v) => v.number === asked) ?? current;
    const cycles = await db
      .selectFrom('caseAuditCycles')
      .select(['id', 'title', 'period', 'frameworkVersionId'])
      .where('organisationId', '=', user.organisationId)
      .where('frameworkId', '=', framework.id)
      .orderBy('period', 'desc')
      .execute();
    res.render('case-audits/views/framework.njk', {
      title: framework.name,
      framework,
      versions,
      shown,
      isCurrent: shown.id === current.id,
      cycles: cycles
        .filter((c) => c.frameworkVersionId === shown.id)
        .map((c) => ({ ...c, label: periodLabel(c.period) })),
      canEdit: (await accessOf(db, user)).manages,
      bands: { 'good-or-better': 'Good or better', other: 'Neither', inadequate: 'Inadequate' },
    });
  });

  router.get('/case-audits/frameworks/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const { framework, current } = await loadFramework(db, user.organisationId, String(req.params.id));
    frameworkForm(
      res,
      200,
      {
        title: `Change ${framework.name}`,
        back: `/case-audits/frameworks/${framework.id}`,
        submitText: `Save as version ${current.number + 1}`,
        version: framework.version,
        isNewVersion: true,
        nextNumber: current.number + 1,
      },
      {
        name: framework.name,
        description: framework.description,
        themesText: frameworkText(current.themes),
        scaleText: scaleText(current.scale),
        goodOrBetter: goodOrBetterCount(current.scale),
      },
    );
  });
  router.post('/case-audits/frameworks/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const { framework, current } = await loadFramework(db, user.organisationId, String(req.params.id));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const page = {
      title: `Change ${framework.name}`,
      back: `/case-audits/frameworks/${framework.id}`,
      submitText: `Save as version ${current.number + 1}`,
      version: body.version ?? framework.version,
      isNewVersion: true,
      nextNumber: current.number + 1,
    };
    const { input, errors } = readFrameworkForm(body);
    if (!input) return frameworkForm(res, 400, page, body, errors);
    if (!input.changeNote)
      return frameworkForm(
        res,
        400,
        page,
        body,
        formErrors([{ path: 'changeNote', message: 'Say what changed in this version' }]),
      );
    try {
      const { version } = await addFrameworkVersion(db, actor, framework.id, input, requireVersion(body.version));
      req.session.flash = {
        text: `Version ${version.number} of “${input.name}” has been saved. Cycles already started keep the version they began with.`,
      };
      res.redirect(`/case-audits/frameworks/${framework.id}`);
    } catch (err) {
      const f = formFailure(err, 'name');
      frameworkForm(res, f.status, page, body, formErrors(f.details));
    }
  });

  cycleRoutes(router, services);
  auditRoutes(router, services);
  importRoutes(router, services);
}

export const caseAuditsFeature: Feature = {
  name: 'case-audits',
  nav: [{ text: 'Case audits', href: '/case-audits' }],
  web: routes,
  api: caseAuditsApi,
  async homeCards(services, user) {
    const cycles = (await listCycles(services.db, user.organisationId)).filter((c) => c.status === 'published');
    const cards = [];
    const latest = cycles[0];
    if (latest) {
      const s = latest.summary.overall;
      cards.push({
        title: `Case file audits, ${periodLabel(latest.period)}`,
        href: `/case-audits/cycles/${latest.id}`,
        value: s.goodOrBetter === null ? '–' : `${s.goodOrBetter}%`,
        text: `graded good or better (${s.goodOrBetterCount} of ${s.graded} audits)`,
      });
    }
    const mine = await services.db
      .selectFrom('caseAudits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisationId', '=', user.organisationId)
      .where((eb) =>
        eb.or([
          eb.and([eb('auditorId', '=', user.id), eb('overallGrade', 'is', null)]),
          eb.and([
            eb('moderatorId', '=', user.id),
            eb('overallGrade', 'is not', null),
            eb('moderatedOverallGrade', 'is', null),
          ]),
        ]),
      )
      .executeTakeFirstOrThrow();
    if (Number(mine.n))
      cards.push({
        title: 'Case audits waiting for you',
        href: '/case-audits/my-audits',
        value: Number(mine.n),
        text: 'to grade or moderate',
      });
    return cards;
  },
};
