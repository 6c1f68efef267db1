import type { Request, Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm, toFormErrors } from '../../lib/validation.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { todayInLondon } from '../../lib/dates.js';
import { findOwned, isUuid } from '../audit/audit.js';
import { DEFAULT_SECTIONS, FORMAT_LABELS, REPORT_TYPE_LABELS, isReportType, type ReportType } from './content.js';
import { renderHtml } from './render/html.js';
import { chromiumAvailable } from './render/pdf.js';
import { generateContent, issueReport, renderFormat } from './service.js';
import { sendFile } from './api.js';
import { chooseSchema, composeSchema, formatItems, sectionItems, toArray, typeItems } from './compose-form.js';
import { bodiesOf, meetingGroups, plansOf } from './queries.js';

interface ComposeValues {
  type: ReportType;
  planId: string;
  planTitle: string;
  sections: string[];
  format: string;
  bodyId: string;
  meetingId?: string;
}

/** Creating a report: choose the type and plan, then the sections and format, then preview, download or issue. */
export function composeRoutes(router: Router, services: Services) {
  const { db, config } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());

  async function renderCompose(req: Request, res: Response, v: ComposeValues, errors?: unknown, status = 200) {
    const { user } = signedIn(req);
    const bodies = await bodiesOf(db, user.organisationId);
    res.status(status).render('reports/views/compose.njk', {
      title: `${REPORT_TYPE_LABELS[v.type]}: choose what to include`,
      values: v,
      typeLabel: REPORT_TYPE_LABELS[v.type],
      sectionItems: sectionItems(v.sections),
      formatItems: formatItems(v.format, chromiumAvailable(config.chromiumPath)),
      bodyItems: [
        { value: '', text: 'Not for a particular board or committee' },
        ...bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === v.bodyId })),
      ],
      hasBodies: bodies.length > 0,
      meetingGroups: await meetingGroups(db, user.organisationId, v.meetingId ?? '', today()),
      errors,
    });
  }

  /** Step 1: the report type and the plan. A GET form, so it works without JavaScript and needs no token. */
  router.get('/reports/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    const plans = await plansOf(db, user.organisationId);
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
    const values: ComposeValues = {
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
    // A format the server cannot make is said against the format field, whether known now or only when rendering (503).
    const formatError = (message: string) =>
      renderCompose(req, res, values, toFormErrors([{ path: 'format', message }]), 400);
    if (input.format === 'pdf' && !chromiumAvailable(config.chromiumPath))
      return formatError('PDF is not available on this server: choose Word, the print view or Excel');
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
      // formFailure leaves a 503 to the error pages; here it is a format the server cannot make after all.
      if (err instanceof AppError && err.status === 503) return formatError(err.message);
      throw err;
    }
  });
}
