import type { Request, RequestHandler, Router } from 'express';
import { formFailure } from '../../lib/forms/failure.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn, type CurrentUser } from '../../middleware/auth.js';
import { todayInLondon } from '../../lib/dates.js';
import { requireVersion } from '../../lib/validation.js';
import { ForbiddenError, ValidationError } from '../../lib/errors.js';
import { NOT_APPLICABLE, gradeLabel, type Grade, type Theme } from '../../lib/case-audit-framework.js';
import { CASE_LIST_LABELS } from '../../lib/case-audit-sampling.js';
import { getOwned, type Actor, type Executor } from '../audit/audit.js';
import { auditHistory } from './history.js';
import { listAuditors, mayGrade, mayModerate, requireNoteReader } from './auditors.js';
import { AUDIT_STATUS_LABELS, auditStatus, loadCycle, type AuditRow } from './cycles.js';
import { changeAudit, gradeAudit, MAX_NOTE, moderateAudit, readNotes, removeCase } from './audits.js';
import { annexImportOf } from './queries.js';
import {
  dateFromForm,
  dateItems,
  formBody,
  formErrors,
  SERVICE_NAMED,
  saveOrShow,
  type FormPage,
} from './web-forms.js';

const fieldId = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '-');

/** Radios for every standard, theme by theme, with what was chosen (or typed before an error) selected. */
function gradeFields(
  themes: Theme[],
  scale: Grade[],
  chosen: Record<string, unknown>,
  errors: ReturnType<typeof formErrors> | undefined,
  hints: Record<string, string> = {},
) {
  return themes.map((t) => ({
    name: t.name,
    standards: t.standards.map((s) => ({
      key: s.key,
      params: {
        idPrefix: `grades-${fieldId(s.key)}`,
        name: `grades[${s.key}]`,
        classes: 'govuk-radios--small govuk-radios--inline',
        fieldset: { legend: { text: `${s.code} ${s.text}`, classes: 'govuk-fieldset__legend--s' } },
        hint: hints[s.key] ? { text: hints[s.key] } : undefined,
        errorMessage: errors?.fields[`grades.${s.key}`],
        items: [
          ...scale.map((g) => ({ value: g.key, text: g.label })),
          { value: NOT_APPLICABLE, text: 'Not applicable' },
        ].map((i) => ({ ...i, checked: chosen[s.key] === i.value })),
      },
    })),
  }));
}

/** What the grade and moderate forms both post: grades by standard, the overall grade and a note. */
function grading(b: Record<string, unknown>) {
  const grades =
    b.grades && typeof b.grades === 'object' && !Array.isArray(b.grades) ? (b.grades as Record<string, string>) : {};
  return { grades, overall: String(b.overall ?? ''), note: String(b.note ?? '') };
}

/** The date a form says the grading was done: a real date, not in the future; today when left empty. */
function gradingDate(b: Record<string, unknown>, field: string, label: string, today: string): string {
  const date = dateFromForm(b, field, label);
  if (date.error) throw new ValidationError([{ path: field, message: date.error }]);
  if (date.value && date.value > today)
    throw new ValidationError([{ path: field, message: `The ${label.toLowerCase()} cannot be in the future` }]);
  return date.value ?? today;
}

export function auditRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());

  async function load(req: Request) {
    const { user, actor } = signedIn(req);
    const audit = await getOwned(db, user.organisationId, 'caseAudits', String(req.params.id));
    const access = await requireNoteReader(db, user);
    const view = await loadCycle(db, user.organisationId, audit.cycleId);
    return { user, actor, audit, access, view, row: view.audits.find((a) => a.id === audit.id)! };
  }

  /**
   * The grade and moderate forms post alike: the date the work was done (today when left empty), the
   * service's change to the audit as it was read, then back to the audit with a flash naming the case;
   * refused, the form again with what was typed.
   */
  function gradingPost<I>(
    page: FormPage,
    [field, label]: [field: string, label: string],
    service: (trx: Executor, actor: Actor, user: CurrentUser, audit: AuditRow, input: I) => Promise<AuditRow>,
    input: (b: Record<string, unknown>, date: string) => I,
    flash: (caseRef: string) => string,
  ): RequestHandler {
    return async (req, res) => {
      const { user, actor, audit } = await load(req);
      const b = formBody(req);
      await saveOrShow(req, res, page, 'overall', async () => {
        const date = gradingDate(b, field, label, today());
        await changeAudit(db, actor, audit.id, requireVersion(b.version), (trx, row) =>
          service(trx, actor, user, row, input(b, date)),
        );
        req.session.flash = { text: flash(audit.caseHash.slice(0, 10)) };
        res.redirect(`/case-audits/audits/${audit.id}`);
      });
    };
  }

  router.get('/case-audits/audits/:id', async (req, res) => {
    const { user, audit, access, view, row } = await load(req);
    const notes = (await readNotes(db, user.organisationId, [audit.id])).get(audit.id) ?? {};
    const { scale, themes } = view.version;
    const moderated = audit.moderatedGrades ?? null;
    res.render('case-audits/views/audit.njk', {
      title: `Case ${row.reference}`,
      view,
      audit: row,
      notes,
      listLabel: audit.listKey ? CASE_LIST_LABELS[audit.listKey] : 'Not known',
      statusLabel: AUDIT_STATUS_LABELS[auditStatus(audit)],
      themes: themes.map((t) => ({
        name: t.name,
        standards: t.standards.map((s) => ({
          code: s.code,
          text: s.text,
          grade: gradeLabel(scale, audit.grades?.[s.key]),
          moderated: moderated ? gradeLabel(scale, moderated[s.key]) : null,
          changed: !!moderated && moderated[s.key] !== audit.grades?.[s.key],
        })),
      })),
      overall: gradeLabel(scale, audit.overallGrade),
      moderatedOverall: audit.moderatedOverallGrade ? gradeLabel(scale, audit.moderatedOverallGrade) : null,
      canGrade: !audit.moderatedOverallGrade && mayGrade(audit, user.id, access),
      canModerate: !!audit.overallGrade && audit.auditorId !== user.id && mayModerate(audit, user.id, access),
      canRemove: access.manages && !audit.overallGrade,
      canPickLearning: access.manages && !!(notes.evidence || notes.moderation),
      history: await auditHistory(db, user.organisationId, audit.id, scale, themes),
      source: await annexImportOf(db, user.organisationId, audit.sourceImportId),
    });
  });

  const gradePage: FormPage = async (req, res, status, values, errors) => {
    const { user, audit, access, view, row } = await load(req);
    if (!mayGrade(audit, user.id, access))
      throw new ForbiddenError('Only the allocated auditor, or an editor on their behalf, can grade this audit');
    const notes = (await readNotes(db, user.organisationId, [audit.id])).get(audit.id) ?? {};
    const chosen = (values.grades as Record<string, unknown> | undefined) ?? audit.grades ?? {};
    res.status(status).render('case-audits/views/grade-form.njk', {
      title: `Grade case ${row.reference}`,
      view,
      audit: row,
      errors,
      onBehalf: audit.auditorId !== user.id,
      themes: gradeFields(view.version.themes, view.version.scale, chosen, errors),
      overallItems: view.version.scale.map((g) => ({
        value: g.key,
        text: g.label,
        checked: ((values.overall as string | undefined) ?? audit.overallGrade) === g.key,
      })),
      note: values.note ?? notes.evidence ?? '',
      dateItems: dateItems('auditedOn', values, audit.auditedOn ?? today(), !!errors?.fields.auditedOn),
      maxNote: MAX_NOTE,
    });
  };
  router.get('/case-audits/audits/:id/grade', (req, res) => gradePage(req, res, 200, {}));
  router.post(
    '/case-audits/audits/:id/grade',
    gradingPost(
      gradePage,
      ['auditedOn', 'Date audited'],
      gradeAudit,
      (b, auditedOn) => ({ ...grading(b), auditedOn }),
      (ref) => `Your grades for case ${ref} have been saved.`,
    ),
  );

  const moderatePage: FormPage = async (req, res, status, values, errors) => {
    const { user, audit, access, view, row } = await load(req);
    if (!mayModerate(audit, user.id, access))
      throw new ForbiddenError(
        'Only the allocated moderator, another auditor when none is allocated, or an editor can moderate this audit',
      );
    const notes = (await readNotes(db, user.organisationId, [audit.id])).get(audit.id) ?? {};
    const { scale, themes } = view.version;
    const chosen =
      (values.grades as Record<string, unknown> | undefined) ?? audit.moderatedGrades ?? audit.grades ?? {};
    const hints = Object.fromEntries(
      Object.entries(audit.grades ?? {}).map(([k, g]) => [k, `The auditor graded: ${gradeLabel(scale, g)}`]),
    );
    const auditors = (await listAuditors(db, user.organisationId)).filter((a) => a.userId !== audit.auditorId);
    res.status(status).render('case-audits/views/moderate-form.njk', {
      title: `Moderate case ${row.reference}`,
      view,
      audit: row,
      errors,
      sameAuditor: audit.auditorId === user.id,
      auditorNote: notes.evidence ?? '',
      auditorOverall: gradeLabel(scale, audit.overallGrade),
      themes: gradeFields(themes, scale, chosen, errors, hints),
      overallItems: scale.map((g) => ({
        value: g.key,
        text: g.label,
        checked:
          ((values.overall as string | undefined) ?? audit.moderatedOverallGrade ?? audit.overallGrade) === g.key,
      })),
      note: values.note ?? notes.moderation ?? '',
      moderatorItems: access.manages
        ? [
            { value: '', text: 'Choose the moderator' },
            ...auditors.map((a) => ({
              value: a.userId,
              text: a.displayName,
              selected: ((values.moderatorId as string | undefined) ?? audit.moderatorId) === a.userId,
            })),
          ]
        : null,
      dateItems: dateItems('moderatedOn', values, audit.moderatedOn ?? today(), !!errors?.fields.moderatedOn),
      maxNote: MAX_NOTE,
    });
  };
  router.get('/case-audits/audits/:id/moderate', (req, res) => moderatePage(req, res, 200, {}));
  router.post(
    '/case-audits/audits/:id/moderate',
    gradingPost(
      moderatePage,
      ['moderatedOn', 'Date moderated'],
      moderateAudit,
      (b, moderatedOn) => ({
        ...grading(b),
        moderatorId: b.moderatorId ? String(b.moderatorId) : undefined,
        moderatedOn,
      }),
      (ref) => `The moderation of case ${ref} has been saved.`,
    ),
  );

  router.post('/case-audits/audits/:id/remove', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const audit = await getOwned(db, user.organisationId, 'caseAudits', String(req.params.id));
    try {
      await removeCase(db, actor, audit.id);
      req.session.flash = { text: `Case ${audit.caseHash.slice(0, 10)} has been taken out of the cycle.` };
    } catch (err) {
      req.session.flash = {
        type: 'info',
        text: formFailure(err, { field: 'remove', ...SERVICE_NAMED }).details[0].message,
      };
      return res.redirect(`/case-audits/audits/${audit.id}`);
    }
    res.redirect(`/case-audits/cycles/${audit.cycleId}`);
  });
}
