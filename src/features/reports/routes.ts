import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { formatGovukDate, todayInLondon } from '../../lib/dates.js';
import { hasRole } from '../../lib/roles.js';
import { findOwned, getOwned, isUuid } from '../audit/audit.js';
import {
  DEFAULT_SECTIONS,
  FORMAT_LABELS,
  REPORT_FORMATS,
  REPORT_TYPES,
  REPORT_TYPE_HINTS,
  REPORT_TYPE_LABELS,
  SECTION_HINTS,
  SECTION_KEYS,
  SECTION_LABELS,
  isReportType,
  type ReportType,
} from './content.js';
import { REPORT_CSS, renderHtml } from './render/html.js';
import { chromiumAvailable } from './render/pdf.js';
import {
  generateContent,
  getIssuedReport,
  issueReport,
  issuedFile,
  listIssuedReports,
  renderFormat,
} from './service.js';
import { reportsApi, sendFile } from './api.js';

const toArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

const composeSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: 'Select a report type' }),
  planId: z.string().min(1, 'Select a plan'),
  sections: z.preprocess(
    toArray,
    z
      .array(z.enum(SECTION_KEYS, { error: 'Select sections from the list' }))
      .min(1, 'Select at least one section to include'),
  ),
  format: z.enum(REPORT_FORMATS, { error: 'Select a format' }),
  bodyId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  meetingId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  action: z.enum(['preview', 'download', 'issue'], { error: 'Choose preview, download or issue' }),
  // Issuing freezes the report for good, so it is confirmed on a page of its own first.
  confirm: z.literal('yes').optional(),
});

const chooseSchema = z.object({
  type: z.enum(REPORT_TYPES, { error: 'Select a report type' }),
  planId: z.string({ error: 'Select a plan' }).min(1, 'Select a plan'),
});

function routes(router: Router, services: Services) {
  const { db, config } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());

  const plansOf = (organisationId: string) =>
    db
      .selectFrom('plans')
      .select(['id', 'title', 'planVersion', 'status'])
      .where('organisationId', '=', organisationId)
      .orderBy('startDate', 'desc')
      .orderBy('planVersion', 'desc')
      .execute();
  const bodiesOf = (organisationId: string) =>
    db
      .selectFrom('bodies')
      .select(['id', 'name'])
      .where('organisationId', '=', organisationId)
      .orderBy('name')
      .execute();
  /** Meetings to choose from, grouped by body: the coming ones first (soonest first), then the last few held. */
  const meetingGroups = async (organisationId: string, selected: string) => {
    const rows = await db
      .selectFrom('meetings')
      .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
      .select(['meetings.id', 'meetings.meetingDate', 'meetings.title', 'bodies.name as bodyName'])
      .where('meetings.organisationId', '=', organisationId)
      .execute();
    const t = today();
    const groups = new Map<string, { value: string; text: string; selected: boolean; date: string }[]>();
    for (const m of rows) {
      const list = groups.get(m.bodyName) ?? [];
      list.push({
        value: m.id,
        text: `${formatGovukDate(m.meetingDate)}${m.title ? `: ${m.title}` : ''}${m.meetingDate >= t ? '' : ' (held)'}`,
        selected: m.id === selected,
        date: m.meetingDate,
      });
      groups.set(m.bodyName, list);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, items]) => {
        const coming = items.filter((i) => i.date >= t).sort((a, b) => a.date.localeCompare(b.date));
        const held = items
          .filter((i) => i.date < t)
          .sort((a, b) => b.date.localeCompare(a.date))
          .slice(0, 6);
        return { name, items: [...coming, ...held] };
      });
  };

  const typeItems = (selected?: string) =>
    REPORT_TYPES.map((t) => ({
      value: t,
      text: REPORT_TYPE_LABELS[t],
      hint: { text: REPORT_TYPE_HINTS[t] },
      checked: t === selected,
    }));
  const formatItems = (selected?: string) =>
    REPORT_FORMATS.map((f) => ({
      value: f,
      text: FORMAT_LABELS[f],
      checked: f === selected,
      disabled: f === 'pdf' && !chromiumAvailable(config.chromiumPath),
      hint:
        f === 'pdf' && !chromiumAvailable(config.chromiumPath)
          ? { text: 'Not available: Chromium is not installed on this server' }
          : undefined,
    }));

  router.get('/reports/print.css', (_req, res) => {
    res.type('text/css').send(REPORT_CSS);
  });

  router.get('/reports', async (req, res) => {
    const { user } = signedIn(req);
    const bodies = await bodiesOf(user.organisationId);
    const bodyId =
      typeof req.query.body === 'string' && isUuid(req.query.body) && bodies.some((b) => b.id === req.query.body)
        ? req.query.body
        : null;
    const reports = await listIssuedReports(db, user.organisationId, { bodyId });
    res.render('reports/views/index.njk', {
      title: 'Reports',
      reports,
      bodies,
      bodyId,
      bodyName: bodies.find((b) => b.id === bodyId)?.name ?? null,
      REPORT_TYPE_LABELS,
      canIssue: hasRole(user.role, 'editor'),
    });
  });

  /** Step 1: the report type and the plan. A GET form, so it works without JavaScript and needs no token. */
  router.get('/reports/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plans = await plansOf(user.organisationId);
    const submitted = req.query.type !== undefined || req.query.planId !== undefined;
    if (submitted) {
      const parsed = parseForm(chooseSchema, req.query);
      if (parsed.ok) {
        const plan = isUuid(parsed.data.planId)
          ? await findOwned(db, user.organisationId, 'plans', parsed.data.planId)
          : undefined;
        if (!plan) throw new NotFoundError();
        return renderCompose(req, res, {
          type: parsed.data.type,
          planId: plan.id,
          planTitle: plan.title,
          sections: DEFAULT_SECTIONS[parsed.data.type],
          format: 'docx',
          bodyId: '',
        });
      }
      return res.status(400).render('reports/views/choose.njk', {
        title: 'Create a report',
        plans,
        typeItems: typeItems(req.query.type as string),
        values: req.query,
        errors: parsed.errors,
      });
    }
    res.render('reports/views/choose.njk', { title: 'Create a report', plans, typeItems: typeItems(), values: {} });
  });

  async function renderCompose(
    req: Request,
    res: Response,
    v: {
      type: ReportType;
      planId: string;
      planTitle: string;
      sections: string[];
      format: string;
      bodyId: string;
      meetingId?: string;
    },
    errors?: unknown,
    status = 200,
  ) {
    const { user } = signedIn(req);
    const bodies = await bodiesOf(user.organisationId);
    res.status(status).render('reports/views/compose.njk', {
      title: `${REPORT_TYPE_LABELS[v.type]}: choose what to include`,
      values: v,
      typeLabel: REPORT_TYPE_LABELS[v.type],
      sectionItems: SECTION_KEYS.map((k) => ({
        value: k,
        text: SECTION_LABELS[k],
        hint: { text: SECTION_HINTS[k] },
        checked: v.sections.includes(k),
      })),
      formatItems: formatItems(v.format),
      bodyItems: [
        { value: '', text: 'Not for a particular board or committee' },
        ...bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === v.bodyId })),
      ],
      hasBodies: bodies.length > 0,
      meetingGroups: await meetingGroups(user.organisationId, v.meetingId ?? ''),
      errors,
    });
  }

  /** Step 2: sections, format and body; then preview, download or issue. */
  router.post('/reports/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const planId = String(req.body?.planId ?? '');
    const plan = isUuid(planId) ? await findOwned(db, user.organisationId, 'plans', planId) : undefined;
    if (!plan) throw new NotFoundError();
    const rawType = isReportType(req.body?.type) ? req.body.type : null;
    if (!rawType) throw new NotFoundError();
    const bodyId = typeof req.body?.bodyId === 'string' ? req.body.bodyId : '';
    if (bodyId && !(isUuid(bodyId) && (await findOwned(db, user.organisationId, 'bodies', bodyId))))
      throw new NotFoundError();
    const meetingId = typeof req.body?.meetingId === 'string' ? req.body.meetingId : '';
    if (meetingId && !(isUuid(meetingId) && (await findOwned(db, user.organisationId, 'meetings', meetingId))))
      throw new NotFoundError();
    const parsed = parseForm(composeSchema, req.body);
    const values = {
      type: rawType,
      planId: plan.id,
      planTitle: plan.title,
      sections: toArray(req.body?.sections).map(String),
      format: String(req.body?.format ?? ''),
      bodyId,
      meetingId,
    };
    if (!parsed.ok) return renderCompose(req, res, values, parsed.errors, 400);
    const input = parsed.data;
    if (input.format === 'pdf' && !chromiumAvailable(config.chromiumPath)) {
      return renderCompose(
        req,
        res,
        values,
        toFormErrors([
          { path: 'format', message: 'PDF is not available on this server: choose Word, the print view or Excel' },
        ]),
        400,
      );
    }
    const content = await generateContent(db, {
      organisationId: user.organisationId,
      type: input.type,
      planId: plan.id,
      sections: input.sections,
      bodyId: input.bodyId,
      meetingId: input.meetingId,
      today: today(),
      preparedBy: user.displayName,
    });
    const fields = [
      { name: 'type', value: input.type },
      { name: 'planId', value: plan.id },
      { name: 'bodyId', value: input.bodyId ?? '' },
      { name: 'meetingId', value: input.meetingId ?? '' },
      ...input.sections.map((s) => ({ name: 'sections', value: s })),
    ];
    if (input.action === 'issue' && input.confirm !== 'yes') {
      return res.render('reports/views/confirm-issue.njk', {
        title: `Issue “${content.title}”?`,
        content,
        fields: [
          ...fields,
          { name: 'format', value: input.format },
          { name: 'action', value: 'issue' },
          { name: 'confirm', value: 'yes' },
        ],
        formatLabel: FORMAT_LABELS[input.format],
        sectionTitles: content.sections.map((s) => s.title),
        changeHref: `/reports/new?type=${input.type}&planId=${plan.id}`,
      });
    }
    if (input.action === 'preview') {
      const html = renderHtml(content, {
        cssHref: '/reports/print.css',
        toolbar: [
          { href: `/reports/new?type=${input.type}&planId=${plan.id}`, text: 'Change what is included' },
          { href: '/reports', text: 'Back to reports' },
        ],
        preview: {
          action: '/reports/new',
          csrfToken: res.locals.csrfToken,
          fields: [...fields, { name: 'format', value: input.format }],
          buttons: [
            { value: 'issue', text: `Issue this report (${input.format.toUpperCase()})` },
            { value: 'download', text: `Download a draft (${input.format.toUpperCase()})`, secondary: true },
          ],
        },
      });
      return res.type('html').send(html);
    }
    try {
      if (input.action === 'download') return sendFile(res, await renderFormat(content, input.format, config));
      const issued = await issueReport(db, config, actor, { userId: user.id, name: user.displayName }, content, {
        bodyId: input.bodyId,
        now: services.now(),
      });
      req.session.flash = { text: `${content.title} has been issued. Its content and files are stored unchanged.` };
      return res.redirect(303, `/reports/${issued.id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 503)
        return renderCompose(req, res, values, toFormErrors([{ path: 'format', message: err.message }]), 400);
      throw err;
    }
  });

  router.get('/reports/:id', async (req, res) => {
    const { user } = signedIn(req);
    const report = await getIssuedReport(db, user.organisationId, String(req.params.id));
    const plan = await db
      .selectFrom('plans')
      .select(['id', 'title'])
      .where('organisationId', '=', user.organisationId)
      .where('id', '=', report.planId)
      .executeTakeFirst();
    const stored = new Map(report.files.map((f) => [f.format, f]));
    const downloads = REPORT_FORMATS.filter(
      (f) => stored.has(f) || (f === 'pdf' && chromiumAvailable(config.chromiumPath)),
    ).map((f) => ({
      format: f,
      text: FORMAT_LABELS[f],
      href: `/reports/${report.id}/download/${f}`,
      size: stored.get(f)?.sizeBytes ?? null,
    }));
    res.render('reports/views/show.njk', {
      title: report.title,
      report,
      plan,
      typeLabel: REPORT_TYPE_LABELS[report.type],
      sectionTitles: report.content.sections.map((s) => s.title),
      downloads,
    });
  });

  router.get('/reports/:id/print', async (req, res) => {
    const { user } = signedIn(req);
    const report = await getIssuedReport(db, user.organisationId, String(req.params.id));
    res.type('html').send(
      renderHtml(report.content, {
        cssHref: '/reports/print.css',
        toolbar: [{ href: `/reports/${report.id}`, text: 'Back to the issued report' }],
        issued: { issuedOn: report.issuedOn, issuedByName: report.issuedByName },
      }),
    );
  });

  router.get('/reports/:id/download/:format', async (req, res) => {
    const { user } = signedIn(req);
    const report = await getOwned(db, user.organisationId, 'issuedReports', String(req.params.id));
    const format = REPORT_FORMATS.find((f) => f === req.params.format);
    if (!format) throw new NotFoundError();
    try {
      sendFile(res, await issuedFile(db, config, user.organisationId, report.id, format));
    } catch (err) {
      if (err instanceof AppError && err.status === 503) throw new NotFoundError('PDF is not available on this server');
      throw err;
    }
  });
}

export const reportsFeature: Feature = {
  name: 'reports',
  nav: [{ text: 'Reports', href: '/reports' }],
  web: routes,
  api: reportsApi,
};
