import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { shareText } from '../../lib/case-audit-summary.js';
import { periodLabel } from '../../lib/periods.js';
import { accessOf, requireNoteReader } from './auditors.js';
import { listFrameworks } from './frameworks.js';
import { AUDIT_STATUS_LABELS, auditStatus, CYCLE_KIND_LABELS, listCycles } from './cycles.js';
import { caseReference } from './annex-source.js';
import { themeTrend, themeTrendChart } from './trend.js';
import { myAudits, waitingFor } from './queries.js';
import { frameworkRoutes } from './framework-routes.js';
import { cycleRoutes } from './cycle-routes.js';
import { auditRoutes } from './audit-routes.js';
import { importRoutes } from './import-routes.js';
import { caseAuditsApi } from './api.js';

function routes(router: Router, services: Services) {
  const { db } = services;

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
    const rows = await myAudits(db, user.organisationId, user.id);
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

  frameworkRoutes(router, services);
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
    const waiting = await waitingFor(services.db, user.organisationId, user.id);
    if (waiting)
      cards.push({
        title: 'Case audits waiting for you',
        href: '/case-audits/my-audits',
        value: waiting,
        text: 'to grade or moderate',
      });
    return cards;
  },
};
