import type { Router } from 'express';
import { formFailure } from '../../lib/forms/failure.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { parseForm } from '../../lib/validation.js';
import { CASE_LIST_LABELS, CASE_LISTS, randomSeed } from '../../lib/case-audit-sampling.js';
import { getOwned } from '../audit/audit.js';
import { listAuditors } from './auditors.js';
import { loadCycle } from './cycles.js';
import { addCase, commitSample, MAX_SAMPLE, previewSample } from './cases.js';
import { allocateAll } from './audits.js';
import { latestSnapshotDate } from './annex-source.js';
import { addCaseSchema, sampleSchema } from './schemas.js';
import { asList, formBody, formErrors, SERVICE_NAMED, saveOrShow, type FormPage } from './web-forms.js';

/** Choosing a cycle's cases (a sample drawn from Annex A, or one case at a time) and allocating them to auditors. */
export function sampleRoutes(router: Router, services: Services): void {
  const { db } = services;
  const editor = requireRole('editor');

  // Sampling: GET with the size and seed shows what would be drawn (nothing saved); POST draws it.
  const samplePage: FormPage = async (req, res, status, values, errors) => {
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
          errors = formErrors(formFailure(err, { field: 'size', ...SERVICE_NAMED }).details);
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
    const b = formBody(req);
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
    const { size, seed, lists } = parsed.data;
    await saveOrShow(req, res, samplePage, 'size', async () => {
      const { record } = await commitSample(db, actor, cycle.id, {
        size,
        seed,
        lists: lists?.length ? lists : [...CASE_LISTS],
      });
      req.session.flash = {
        text:
          `${record.chosen} cases have been chosen with seed ${record.seed} from the Annex A import of ` +
          `${record.referenceDate}. Next, allocate them to auditors.`,
      };
      res.redirect(`/case-audits/cycles/${cycle.id}`);
    });
  });

  const casePage: FormPage = async (req, res, status, values, errors) => {
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
    const b = formBody(req);
    // The identifier is only hashed: it is never put back into the page, even when there is an error.
    const { caseId: _typed, ...safe } = b;
    const parsed = parseForm(addCaseSchema, b);
    if (!parsed.ok) return casePage(req, res, 400, safe, formErrors(parsed.details));
    const { caseId, auditorId } = parsed.data;
    await saveOrShow(
      req,
      res,
      casePage,
      'caseId',
      async () => {
        const { audit, warnings } = await addCase(db, actor, cycle.id, { identifier: caseId, auditorId });
        req.session.flash = warnings.length
          ? { type: 'info', text: `Case ${audit.caseHash.slice(0, 10)} has been added. ${warnings[0].message}.` }
          : {
              text: `Case ${audit.caseHash.slice(0, 10)} has been added, with its team from the latest Annex A import.`,
            };
        res.redirect(`/case-audits/cycles/${cycle.id}`);
      },
      // The service names the identifier "identifier"; on this page its box is caseId.
      { values: safe, renamed: { identifier: 'caseId' } },
    );
  });

  const allocatePage: FormPage = async (req, res, status, values, errors) => {
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
    const b = formBody(req);
    // A box left out of the form leaves that person as they are; an empty one takes them off.
    const chosen = (box: string) => (b[box] === undefined ? undefined : String(b[box]) || null);
    await saveOrShow(req, res, allocatePage, 'allocation', async () => {
      await allocateAll(
        db,
        actor,
        view.audits.map((a) => ({
          auditId: a.id,
          reference: a.reference,
          auditorId: chosen(`auditor-${a.id}`),
          moderatorId: chosen(`moderator-${a.id}`),
        })),
      );
      req.session.flash = {
        text: 'The allocation has been saved. Auditors see their cases under “Your case file audits”.',
      };
      res.redirect(`/case-audits/cycles/${view.cycle.id}`);
    });
  });
}
