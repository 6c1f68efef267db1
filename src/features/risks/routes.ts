import type { Request, Response, Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { hasRole } from '../../lib/roles.js';
import { NotFoundError } from '../../lib/errors.js';
import { todayInLondon } from '../../lib/dates.js';
import { requireVersion } from '../../lib/validation.js';
import { RISK_RATING_LABELS } from '../../lib/risk-scoring.js';
import { getOwned } from '../audit/audit.js';
import type { FieldDef } from '../../lib/forms/fields.js';
import { handleForm, renderForm, type FormPage } from '../governance/routes/form.js';
import { listLinkTargets } from '../governance/links.js';
import { listUsers } from '../governance/service.js';
import { riskSchema, type RiskInput } from './schemas.js';
import { createRisk, listRiskViews, riskHistory, riskLinkIds, updateRisk } from './service.js';
import { risksApi } from './api.js';

const LIKELIHOOD = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
const IMPACT = ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'];

function routes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');
  const today = () => todayInLondon(services.now());

  const defs = async (orgId: string): Promise<FieldDef[]> => {
    const users = (await listUsers(db, orgId)).map((u) => ({ value: u.id, text: u.displayName }));
    const indicators = await listLinkTargets(db, orgId, ['indicator']);
    const actions = await listLinkTargets(db, orgId, ['plan-action']);
    return [
      {
        kind: 'input',
        name: 'reference',
        label: 'Reference',
        hint: 'For example, CS-04',
        width: 'govuk-input--width-10',
      },
      { kind: 'input', name: 'title', label: 'Risk' },
      { kind: 'textarea', name: 'cause', label: 'Cause (optional)', rows: 3 },
      { kind: 'textarea', name: 'consequence', label: 'Consequence (optional)', rows: 3 },
      { kind: 'select', name: 'ownerId', label: 'Owner (optional)', items: users },
      { kind: 'textarea', name: 'controls', label: 'Controls in place (optional)', rows: 4 },
      {
        kind: 'radios',
        name: 'likelihood',
        label: 'Likelihood',
        items: LIKELIHOOD.map((t, i) => ({ value: String(i + 1), text: `${i + 1} – ${t}` })),
      },
      {
        kind: 'radios',
        name: 'impact',
        label: 'Impact',
        items: IMPACT.map((t, i) => ({ value: String(i + 1), text: `${i + 1} – ${t}` })),
      },
      {
        kind: 'textarea',
        name: 'scoreNote',
        label: 'Reason for the score (optional)',
        hint: 'Kept in the score history when the likelihood or impact changes',
        rows: 2,
      },
      { kind: 'date', name: 'reviewDate', label: 'Next review date (optional)' },
      {
        kind: 'radios',
        name: 'status',
        label: 'Status',
        items: [
          { value: 'open', text: 'Open' },
          { value: 'closed', text: 'Closed' },
        ],
      },
      ...(indicators.length
        ? [
            {
              kind: 'checkboxes',
              name: 'indicatorIds',
              label: 'Linked indicators (optional)',
              hint: 'The evidence-conflict check compares the rating with these',
              items: indicators.map((i) => ({ value: i.id, text: i.label })),
            } as FieldDef,
          ]
        : []),
      ...(actions.length
        ? [
            {
              kind: 'checkboxes',
              name: 'planActionIds',
              label: 'Linked plan actions (optional)',
              items: actions.map((a) => ({ value: a.id, text: a.label })),
            } as FieldDef,
          ]
        : []),
    ];
  };

  async function save(
    req: Request,
    res: Response,
    page: FormPage,
    run: (data: RiskInput) => Promise<{ id: string; reference: string }>,
  ) {
    const { user } = signedIn(req);
    return handleForm(req, res, {
      schema: riskSchema,
      defs: await defs(user.organisationId),
      page,
      save: run,
      done: (risk) => ({ flash: `Risk ${risk.reference} has been saved.`, redirect: `/risks/${risk.id}` }),
    });
  }

  router.get('/risks', async (req, res) => {
    const { user } = signedIn(req);
    const all = await listRiskViews(db, user.organisationId, { today: today() });
    const conflictOnly = req.query.conflict === 'true';
    const risks = all.filter((r) => r.status === 'open' && (!conflictOnly || r.evidenceConflict.conflict));
    res.render('risks/views/register.njk', {
      title: 'Risk register',
      risks,
      conflictOnly,
      conflicts: all.filter((r) => r.evidenceConflict.conflict).length,
      closed: all.filter((r) => r.status === 'closed'),
      ratingLabels: RISK_RATING_LABELS,
      canEdit: hasRole(user.role, 'editor'),
    });
  });

  router.get('/risks/new', editor, async (req, res) => {
    const { user } = signedIn(req);
    renderForm(
      res,
      200,
      { title: 'Add a risk', back: '/risks', submitText: 'Add risk' },
      await defs(user.organisationId),
      {
        status: 'open',
      },
    );
  });
  router.post('/risks/new', editor, async (req, res) => {
    const { actor } = signedIn(req);
    await save(req, res, { title: 'Add a risk', back: '/risks', submitText: 'Add risk' }, (data) =>
      createRisk(db, actor, data, today()),
    );
  });

  router.get('/risks/:id', async (req, res) => {
    const { user } = signedIn(req);
    const [risk] = await listRiskViews(db, user.organisationId, { ids: [await ownedId(req)], today: today() });
    if (!risk) throw new NotFoundError();
    res.render('risks/views/risk.njk', {
      title: `${risk.reference}: ${risk.title}`,
      risk,
      history: await riskHistory(db, user.organisationId, risk.id),
      ratingLabels: RISK_RATING_LABELS,
      likelihood: LIKELIHOOD,
      impact: IMPACT,
      canEdit: hasRole(user.role, 'editor'),
    });
  });

  async function ownedId(req: Request) {
    const { user } = signedIn(req);
    return (await getOwned(db, user.organisationId, 'risks', String(req.params.id))).id;
  }

  router.get('/risks/:id/edit', editor, async (req, res) => {
    const { user } = signedIn(req);
    const risk = await getOwned(db, user.organisationId, 'risks', String(req.params.id));
    const links = await riskLinkIds(db, user.organisationId, risk.id);
    renderForm(
      res,
      200,
      {
        title: `Edit risk ${risk.reference}`,
        back: `/risks/${risk.id}`,
        version: risk.version,
        historyHref: `/history/risks/${risk.id}`,
      },
      await defs(user.organisationId),
      { ...risk, ...links },
    );
  });
  router.post('/risks/:id/edit', editor, async (req, res) => {
    const { user, actor } = signedIn(req);
    const risk = await getOwned(db, user.organisationId, 'risks', String(req.params.id));
    const version = requireVersion(req.body?.version);
    await save(req, res, { title: `Edit risk ${risk.reference}`, back: `/risks/${risk.id}`, version }, (data) =>
      updateRisk(db, actor, risk.id, data, today(), version),
    );
  });
}

export const risksFeature: Feature = {
  name: 'risks',
  nav: [{ text: 'Risks', href: '/risks' }],
  web: routes,
  api: risksApi,
  async homeCards(services, user) {
    const risks = await listRiskViews(services.db, user.organisationId, { today: todayInLondon(services.now()) });
    const conflicts = risks.filter((r) => r.evidenceConflict.conflict).length;
    return [
      {
        title: 'Risks with an evidence conflict',
        href: '/risks?conflict=true',
        value: conflicts,
        text: 'Rated low while linked evidence is red or worsening',
      },
    ];
  },
};
