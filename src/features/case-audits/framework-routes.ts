import type { Response, Router } from 'express';
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
import { periodLabel } from '../../lib/periods.js';
import { accessOf, addAuditor, auditorCandidates, listAuditors, removeAuditor } from './auditors.js';
import {
  addFrameworkVersion,
  createFramework,
  listFrameworks,
  loadFramework,
  STARTER_FRAMEWORK_TEXT,
  type FrameworkInput,
} from './frameworks.js';
import { frameworkCycles } from './queries.js';
import { frameworkFormSchema } from './schemas.js';
import { formBody, formErrors, saveOrShow, type FormPage } from './web-forms.js';

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
  const { name, description, changeNote } = parsed.data;
  return { input: { name, description, themes: themes.themes, scale: scale.scale, changeNote } };
}

const scaleText = (scale: Grade[]) => scale.map((g) => g.label).join('\n');

/** Who audits (the auditors list) and what they audit against (frameworks and their versions). */
export function frameworkRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');

  const auditorsPage: FormPage = async (req, res, status, _values, errors) => {
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
  router.get('/case-audits/auditors', editor, (req, res) => auditorsPage(req, res, 200, {}));
  router.post('/case-audits/auditors', editor, async (req, res) => {
    const { actor } = signedIn(req);
    await saveOrShow(req, res, auditorsPage, 'userId', async () => {
      const added = await addAuditor(db, actor, String(req.body?.userId ?? ''));
      req.session.flash = { text: `${added.displayName} is now a case file auditor.` };
      res.redirect('/case-audits/auditors');
    });
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

  /** The framework form, for adding a framework or a new version of one (`page` says which). */
  const frameworkForm =
    (page: Record<string, unknown>): FormPage =>
    (_req, res: Response, status, values, errors) =>
      res.status(status).render('case-audits/views/framework-form.njk', { ...page, values, errors });
  const newPage = { title: 'Add an audit framework', back: '/case-audits/frameworks', submitText: 'Add the framework' };

  router.get('/case-audits/frameworks/new', editor, (req, res) =>
    frameworkForm(newPage)(req, res, 200, {
      themesText: STARTER_FRAMEWORK_TEXT,
      scaleText: scaleText(OFSTED_SCALE),
      goodOrBetter: 2,
    }),
  );
  router.post('/case-audits/frameworks/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const form = frameworkForm(newPage);
    const { input, errors } = readFrameworkForm(formBody(req));
    if (!input) return form(req, res, 400, formBody(req), errors);
    await saveOrShow(req, res, form, 'name', async () => {
      const { framework } = await createFramework(db, actor, input);
      req.session.flash = { text: `The framework “${framework.name}” has been added.` };
      res.redirect(`/case-audits/frameworks/${framework.id}`);
    });
  });

  router.get('/case-audits/frameworks/:id', async (req, res) => {
    const { user } = signedIn(req);
    const { framework, versions, current } = await loadFramework(db, user.organisationId, String(req.params.id));
    const asked = Number(req.query.version);
    const shown = versions.find((v) => v.number === asked) ?? current;
    const cycles = await frameworkCycles(db, user.organisationId, framework.id);
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

  const editPage = async (id: string, organisationId: string, version?: unknown) => {
    const { framework, current } = await loadFramework(db, organisationId, id);
    const page = {
      title: `Change ${framework.name}`,
      back: `/case-audits/frameworks/${framework.id}`,
      submitText: `Save as version ${current.number + 1}`,
      version: version ?? framework.version,
      isNewVersion: true,
      nextNumber: current.number + 1,
    };
    return { framework, current, form: frameworkForm(page) };
  };
  router.get('/case-audits/frameworks/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const { framework, current, form } = await editPage(String(req.params.id), user.organisationId);
    await form(req, res, 200, {
      name: framework.name,
      description: framework.description,
      themesText: frameworkText(current.themes),
      scaleText: scaleText(current.scale),
      goodOrBetter: goodOrBetterCount(current.scale),
    });
  });
  router.post('/case-audits/frameworks/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const body = formBody(req);
    const { framework, form } = await editPage(String(req.params.id), user.organisationId, body.version);
    const { input, errors } = readFrameworkForm(body);
    if (!input) return form(req, res, 400, body, errors);
    if (!input.changeNote)
      return form(
        req,
        res,
        400,
        body,
        formErrors([{ path: 'changeNote', message: 'Say what changed in this version' }]),
      );
    await saveOrShow(req, res, form, 'name', async () => {
      const { version } = await addFrameworkVersion(db, actor, framework.id, input, requireVersion(body.version));
      req.session.flash = {
        text: `Version ${version.number} of “${input.name}” has been saved. Cycles already started keep the version they began with.`,
      };
      res.redirect(`/case-audits/frameworks/${framework.id}`);
    });
  });
}
