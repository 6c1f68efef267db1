import type { Request, Response, Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm } from '../../lib/validation.js';
import { todayInLondon } from '../../lib/dates.js';
import { periodLabel } from '../../lib/periods.js';
import { allStandards, gradeLabel } from '../../lib/case-audit-framework.js';
import { shareText } from '../../lib/case-audit-summary.js';
import { CASE_LIST_LABELS, CASE_LISTS, randomSeed } from '../../lib/case-audit-sampling.js';
import { KEY_PREFIX } from '../../lib/case-audit-indicators.js';
import { ValidationError } from '../../lib/errors.js';
import { getOwned, isUuid, recordAudit } from '../audit/audit.js';
import { refreshRag } from '../plans/service.js';
import { accessOf, listAuditors, requireNoteReader } from './auditors.js';
import { listFrameworks } from './frameworks.js';
import { AUDIT_STATUS_LABELS, createCycle, CYCLE_KIND_LABELS, loadCycle, type CycleView } from './cycles.js';
import { addCase, commitSample, MAX_SAMPLE, previewSample } from './cases.js';
import { allocate } from './audits.js';
import { publishCycle } from './results.js';
import { actionChoices, addLearning, listLearning, removeLearning } from './learning.js';
import { exportCycle } from './spreadsheet.js';
import { latestSnapshotDate } from './annex-source.js';
import { addCaseSchema, cycleSchema, learningSchema, sampleSchema } from './schemas.js';
import { asList, dateFromForm, dateItems, formErrors, formFailure, monthFromForm, monthItems } from './web-forms.js';

const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

/** The summary of a cycle as the page and reports show it: every percentage with its count. */
export function summaryView(view: CycleView) {
  const { scale, themes } = view.version;
  const s = view.summary;
  const codeOf = new Map(allStandards(themes).map((x) => [x.key, `${x.code} ${x.text}`]));
  const share = (x: typeof s.overall) => ({
    good: shareText(x.goodOrBetter, x.goodOrBetterCount, x.graded),
    bad: shareText(x.inadequate, x.inadequateCount, x.graded),
    counts: scale.map((g) => x.counts[g.key] ?? 0),
    graded: x.graded,
  });
  return {
    grades: scale,
    overall: share(s.overall),
    themes: s.themes.map((t) => ({ name: t.name, notApplicable: t.notApplicable, ...share(t) })),
    teams: s.teams.map((t) => ({ name: t.team, ...share(t) })),
    agreement: s.agreement.moderated ? shareText(s.agreement.rate, s.agreement.agreed, s.agreement.moderated) : null,
    moderated: s.agreement.moderated,
    changes: s.changes.flatMap((c) => [
      ...(c.overallBefore !== c.overallAfter
        ? [
            {
              auditId: c.auditId,
              reference: c.reference,
              what: 'Overall grade',
              before: gradeLabel(scale, c.overallBefore),
              after: gradeLabel(scale, c.overallAfter),
            },
          ]
        : []),
      ...c.standards.map((st) => ({
        auditId: c.auditId,
        reference: c.reference,
        what: codeOf.get(st.key) ?? st.key,
        before: gradeLabel(scale, st.before),
        after: gradeLabel(scale, st.after),
      })),
    ]),
  };
}

export function cycleRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());

  const cycleForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) => {
    const { user } = signedIn(req);
    const frameworks = await listFrameworks(db, user.organisationId);
    res.status(status).render('case-audits/views/cycle-form.njk', {
      title: 'Start an audit cycle',
      frameworks: frameworks.map((f) => ({
        value: f.id,
        text: `${f.name} (version ${f.current?.number ?? 1})`,
        checked: values.frameworkId === f.id || frameworks.length === 1,
      })),
      values,
      errors,
      periodItems: monthItems('period', values, values.period as string | undefined, !!errors?.fields.period),
      dueItems: dateItems('dueDate', values, null, !!errors?.fields.dueDate),
    });
  };

  router.get('/case-audits/cycles/new', editor, async (req, res) => {
    // This month: a month's cases are sampled and audited during it.
    const period = today().slice(0, 7);
    await cycleForm(req, res, 200, { kind: 'monthly', period, title: `${periodLabel(period)} practice audit` });
  });

  router.post('/case-audits/cycles/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const b = body(req);
    const period = monthFromForm(b, 'period', 'the month of the audit');
    const due = dateFromForm(b, 'dueDate', 'Due date');
    const parsed = parseForm(cycleSchema, { ...b, period: period.value ?? '2000-01', dueDate: due.value ?? null });
    const details = [
      ...(period.error ? [{ path: 'period', message: period.error }] : []),
      ...(due.error ? [{ path: 'dueDate', message: due.error }] : []),
      ...(parsed.ok ? [] : parsed.details),
    ];
    if (details.length || !parsed.ok) return cycleForm(req, res, 400, b, formErrors(details));
    try {
      const cycle = await createCycle(db, actor, parsed.data);
      req.session.flash = { text: `“${cycle.title}” has been started. Next, choose its cases.` };
      res.redirect(`/case-audits/cycles/${cycle.id}`);
    } catch (err) {
      const f = formFailure(err, 'title');
      await cycleForm(req, res, f.status, b, formErrors(f.details));
    }
  });

  router.get('/case-audits/cycles/:id', async (req, res) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const access = await accessOf(db, user);
    const learning = await listLearning(db, user.organisationId, [view.cycle.id]);
    const themeName = new Map(view.version.themes.map((t) => [t.key, t.name]));
    const indicators = await db
      .selectFrom('indicators')
      .select(['id', 'name'])
      .where('organisationId', '=', user.organisationId)
      .where('key', 'like', `${KEY_PREFIX}.${view.cycle.seriesKey}.%`)
      .orderBy('name')
      .execute();
    res.render('case-audits/views/cycle.njk', {
      title: view.cycle.title,
      view,
      label: periodLabel(view.cycle.period),
      kindLabel: CYCLE_KIND_LABELS[view.cycle.kind],
      summary: summaryView(view),
      access,
      audits: access.readsNotes
        ? view.audits.map((a) => ({
            ...a,
            listLabel: a.listKey ? CASE_LIST_LABELS[a.listKey] : 'Not known',
            statusLabel: AUDIT_STATUS_LABELS[a.status],
            finalGrade: gradeLabel(view.version.scale, a.moderatedOverallGrade ?? a.overallGrade),
          }))
        : [],
      learning: learning.map((l) => ({ ...l, themeName: l.themeKey ? themeName.get(l.themeKey) : null })),
      indicators,
      listLabels: CASE_LIST_LABELS,
    });
  });

  // Sampling: GET with the size and seed shows what would be drawn (nothing saved); POST draws it.
  const samplePage = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const snapshot = await latestSnapshotDate(db, user.organisationId);
    let preview = null;
    // A cycle is sampled once (so its seed always reproduces it): no draw is offered again.
    if (!errors && values.size !== undefined && !view.cycle.sample) {
      const parsed = parseForm(sampleSchema, { ...values, lists: asList(values.lists) });
      if (!parsed.ok) errors = parsed.errors;
      else {
        try {
          const p = await previewSample(db, user.organisationId, view.cycle, {
            size: parsed.data.size,
            seed: parsed.data.seed ?? randomSeed(),
            lists: parsed.data.lists?.length ? parsed.data.lists : [...CASE_LISTS],
          });
          preview = { ...p, strata: p.result.strata.map((s) => ({ ...s, listLabel: CASE_LIST_LABELS[s.list] })) };
        } catch (err) {
          errors = formErrors(formFailure(err, 'size').details);
          status = 400;
        }
      }
      if (errors) status = 400;
    }
    const lists = asList(values.lists);
    res.status(status).render('case-audits/views/sample.njk', {
      title: `Choose the cases for ${view.cycle.title}`,
      view,
      snapshot,
      values: { size: 12, seed: randomSeed(), ...values },
      listItems: CASE_LISTS.map((l) => ({
        value: l,
        text: CASE_LIST_LABELS[l],
        checked: !lists.length || lists.includes(l),
      })),
      preview,
      errors,
      maxSample: MAX_SAMPLE,
    });
  };

  router.get('/case-audits/cycles/:id/sample', editor, async (req, res) =>
    samplePage(req, res, 200, req.query as Record<string, unknown>),
  );
  router.post('/case-audits/cycles/:id/sample', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    const b = body(req);
    const parsed = parseForm(sampleSchema, { ...b, lists: asList(b.lists) });
    if (!parsed.ok || parsed.data.seed === undefined)
      return samplePage(
        req,
        res,
        400,
        b,
        parsed.ok
          ? formErrors([{ path: 'seed', message: 'Enter the seed as a whole number from 1 to 999999' }])
          : parsed.errors,
      );
    try {
      const { record } = await commitSample(db, actor, cycle.id, {
        size: parsed.data.size,
        seed: parsed.data.seed,
        lists: parsed.data.lists?.length ? parsed.data.lists : [...CASE_LISTS],
      });
      req.session.flash = {
        text:
          `${record.chosen} cases have been chosen with seed ${record.seed} from the Annex A import of ` +
          `${record.referenceDate}. Next, allocate them to auditors.`,
      };
      res.redirect(`/case-audits/cycles/${cycle.id}`);
    } catch (err) {
      const f = formFailure(err, 'size');
      await samplePage(req, res, f.status, b, formErrors(f.details));
    }
  });

  const casePage = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const auditors = await listAuditors(db, user.organisationId);
    res.status(status).render('case-audits/views/case-form.njk', {
      title: `Add a case to ${view.cycle.title}`,
      view,
      values,
      errors,
      auditors: [
        { value: '', text: 'Not yet' },
        ...auditors.map((a) => ({ value: a.userId, text: a.displayName, selected: values.auditorId === a.userId })),
      ],
    });
  };
  router.get('/case-audits/cycles/:id/cases/new', editor, (req, res) => casePage(req, res, 200, {}));
  router.post('/case-audits/cycles/:id/cases/new', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    const b = body(req);
    // The identifier is only hashed: it is never put back into the page, even when there is an error.
    const { caseId: _typed, ...safe } = b;
    const parsed = parseForm(addCaseSchema, b);
    if (!parsed.ok)
      return casePage(
        req,
        res,
        400,
        safe,
        formErrors(parsed.details.map((d) => (d.path === 'caseId' ? { ...d, path: 'caseId' } : d))),
      );
    try {
      const { audit, warnings } = await addCase(db, actor, cycle.id, {
        identifier: parsed.data.caseId,
        auditorId: parsed.data.auditorId,
      });
      req.session.flash = warnings.length
        ? { type: 'info', text: `Case ${audit.caseHash.slice(0, 10)} has been added. ${warnings[0].message}.` }
        : { text: `Case ${audit.caseHash.slice(0, 10)} has been added, with its team from the latest Annex A import.` };
      res.redirect(`/case-audits/cycles/${cycle.id}`);
    } catch (err) {
      const f = formFailure(err, 'caseId');
      await casePage(
        req,
        res,
        f.status,
        safe,
        formErrors(f.details.map((d) => (d.path === 'identifier' ? { ...d, path: 'caseId' } : d))),
      );
    }
  });

  const allocatePage = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const auditors = await listAuditors(db, user.organisationId);
    const options = (selected: string | null) => [
      { value: '', text: 'Nobody yet', selected: !selected },
      ...auditors.map((a) => ({ value: a.userId, text: a.displayName, selected: selected === a.userId })),
    ];
    res.status(status).render('case-audits/views/allocate.njk', {
      title: `Allocate the cases of ${view.cycle.title}`,
      view,
      errors,
      hasAuditors: auditors.length > 0,
      rows: view.audits.map((a) => ({
        ...a,
        listLabel: a.listKey ? CASE_LIST_LABELS[a.listKey] : 'Not known',
        auditorItems: options((values[`auditor-${a.id}`] as string | undefined) ?? a.auditorId),
        moderatorItems: options((values[`moderator-${a.id}`] as string | undefined) ?? a.moderatorId),
        auditorLocked: !!a.overallGrade,
        moderatorLocked: !!a.moderatedOverallGrade,
      })),
    });
  };
  router.get('/case-audits/cycles/:id/allocate', editor, (req, res) => allocatePage(req, res, 200, {}));
  router.post('/case-audits/cycles/:id/allocate', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const b = body(req);
    try {
      // All or nothing: one transaction for the whole table, every row checked.
      await db.transaction().execute(async (trx) => {
        const details = [];
        for (const a of view.audits) {
          const auditorId = b[`auditor-${a.id}`] === undefined ? undefined : String(b[`auditor-${a.id}`]) || null;
          const moderatorId = b[`moderator-${a.id}`] === undefined ? undefined : String(b[`moderator-${a.id}`]) || null;
          try {
            const row = await getOwned(trx, actor.organisationId, 'caseAudits', a.id);
            await allocate(trx, actor, row, { auditorId, moderatorId });
          } catch (err) {
            if (!(err instanceof ValidationError)) throw err;
            details.push(
              ...err.details.map((d) => ({
                path: `${d.path === 'auditorId' ? 'auditor' : 'moderator'}-${a.id}`,
                message: `Case ${a.reference}: ${d.message}`,
              })),
            );
          }
        }
        if (details.length) throw new ValidationError(details);
      });
      req.session.flash = {
        text: 'The allocation has been saved. Auditors see their cases under “Your case file audits”.',
      };
      res.redirect(`/case-audits/cycles/${view.cycle.id}`);
    } catch (err) {
      const f = formFailure(err, 'allocation');
      await allocatePage(req, res, f.status, b, formErrors(f.details));
    }
  });

  router.post('/case-audits/cycles/:id/publish', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    try {
      const n = await publishCycle(db, actor, cycle.id, req.body?.version ? Number(req.body.version) : undefined);
      req.session.flash = {
        text:
          `The results of ${cycle.title} are now in the indicator library (${n} figures for ` +
          `${periodLabel(cycle.period)}). Later grades and moderation update them.`,
      };
    } catch (err) {
      const f = formFailure(err, 'publish');
      req.session.flash = { type: 'info', text: f.details[0].message };
    }
    res.redirect(`/case-audits/cycles/${cycle.id}`);
  });

  router.get('/case-audits/cycles/:id/export.xlsx', async (req, res) => {
    const { user } = signedIn(req);
    const cycle = await getOwned(db, user.organisationId, 'caseAuditCycles', String(req.params.id));
    await requireNoteReader(db, user);
    const { filename, buffer } = await exportCycle(db, user.organisationId, cycle.id, true);
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    });
    res.end(buffer);
  });

  const learningPage = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const actions = await actionChoices(db, user.organisationId);
    const graded = view.audits.filter((a) => a.overallGrade);
    res.status(status).render('case-audits/views/learning-form.njk', {
      title: `Add a learning point from ${view.cycle.title}`,
      view,
      values,
      errors,
      themeItems: [
        { value: '', text: 'No single theme' },
        ...view.version.themes.map((t) => ({ value: t.key, text: t.name, selected: values.themeKey === t.key })),
      ],
      auditItems: [
        { value: '', text: 'No quote' },
        ...graded.map((a) => ({
          value: a.id,
          text: `Case ${a.reference}${a.team ? `, ${a.team}` : ''}`,
          selected: values.auditId === a.id,
        })),
      ],
      actionItems: [
        { value: '', text: 'No action yet' },
        ...actions.map((a) => ({ value: a.id, text: a.label, selected: values.actionId === a.id })),
      ],
    });
  };
  router.get('/case-audits/cycles/:id/learning', editor, (req, res) =>
    learningPage(req, res, 200, { auditId: req.query.auditId }),
  );
  router.post('/case-audits/cycles/:id/learning', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const b = body(req);
    const parsed = parseForm(learningSchema, b);
    if (!parsed.ok) return learningPage(req, res, 400, b, parsed.errors);
    try {
      await addLearning(db, actor, view.cycle.id, view.version.themes, parsed.data);
      req.session.flash = {
        text: 'The learning point has been added. Reports show it with its quote and the action it feeds.',
      };
      res.redirect(`/case-audits/cycles/${view.cycle.id}#learning`);
    } catch (err) {
      const f = formFailure(err, 'title');
      await learningPage(req, res, f.status, b, formErrors(f.details));
    }
  });
  router.post('/case-audits/learning/:id/remove', editor, async (req, res) => {
    const { actor } = signedIn(req);
    const removed = await removeLearning(db, actor, String(req.params.id));
    req.session.flash = { text: `“${removed.title}” has been removed.` };
    res.redirect(`/case-audits/cycles/${removed.cycleId}#learning`);
  });

  // Link a result (an indicator of this cycle's series) to a plan action, so its evidence RAG reflects it.
  const linkPage = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) => {
    const { user } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const indicators = await db
      .selectFrom('indicators')
      .select(['id', 'name'])
      .where('organisationId', '=', user.organisationId)
      .where('key', 'like', `${KEY_PREFIX}.${view.cycle.seriesKey}.%`)
      .orderBy('name')
      .execute();
    const actions = await actionChoices(db, user.organisationId);
    res.status(status).render('case-audits/views/link-form.njk', {
      title: 'Link an audit result to a plan action',
      view,
      errors,
      indicatorItems: [
        { value: '', text: 'Choose a result' },
        ...indicators.map((i) => ({ value: i.id, text: i.name, selected: values.indicatorId === i.id })),
      ],
      actionItems: [
        { value: '', text: 'Choose an action' },
        ...actions.map((a) => ({ value: a.id, text: a.label, selected: values.actionId === a.id })),
      ],
    });
  };
  router.get('/case-audits/cycles/:id/link', editor, (req, res) => linkPage(req, res, 200, {}));
  router.post('/case-audits/cycles/:id/link', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const view = await loadCycle(db, user.organisationId, String(req.params.id));
    const b = body(req);
    const indicatorId = String(b.indicatorId ?? '');
    const actionId = String(b.actionId ?? '');
    const indicator = isUuid(indicatorId)
      ? await db
          .selectFrom('indicators')
          .select(['id', 'name', 'key'])
          .where('organisationId', '=', user.organisationId)
          .where('id', '=', indicatorId)
          .executeTakeFirst()
      : undefined;
    const action = isUuid(actionId)
      ? await db
          .selectFrom('actions')
          .select(['id', 'reference', 'title'])
          .where('organisationId', '=', user.organisationId)
          .where('id', '=', actionId)
          .executeTakeFirst()
      : undefined;
    const details = [];
    if (!indicator || !indicator.key.startsWith(`${KEY_PREFIX}.${view.cycle.seriesKey}.`))
      details.push({ path: 'indicatorId', message: 'Choose one of this audit series’ results' });
    if (!action) details.push({ path: 'actionId', message: 'Choose one of your plan actions' });
    if (details.length || !indicator || !action) return linkPage(req, res, 400, b, formErrors(details));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('actionIndicators')
        .values({ organisationId: actor.organisationId, actionId: action.id, indicatorId: indicator.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await recordAudit(trx, actor, {
        action: 'update',
        entityType: 'actions',
        entityId: action.id,
        after: { linkedIndicator: indicator.name },
      });
      await refreshRag(trx, actor.organisationId, { actionIds: [action.id] }, today());
    });
    req.session.flash = {
      text: `“${indicator.name}” is linked to action ${action.reference}: its evidence RAG now reflects the audit results.`,
    };
    res.redirect(`/actions/${action.id}`);
  });
}
