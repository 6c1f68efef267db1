import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { GRADE_LABELS, type Grade } from '../../lib/frameworks.js';
import { loadHolidays } from '../calendar/holidays.js';
import { describeInspection, inspectionTitle, listInspections } from './service.js';
import { registerInspectionApi } from './api.js';
import { importRoutes } from './import-routes.js';
import { inspectionRoutes } from './inspection-routes.js';
import { findingRoutes } from './finding-routes.js';
import { selfEvaluationRoutes } from './self-evaluation-routes.js';

function routes(router: Router, services: Services) {
  // "/inspections/import" and "/inspections/recurring" before "/inspections/:id", which would take them for ids.
  importRoutes(router, services);
  inspectionRoutes(router, services);
  findingRoutes(router, services);
  selfEvaluationRoutes(router, services);
}

export const inspectionsFeature: Feature = {
  name: 'inspections',
  nav: [
    { text: 'Inspections', href: '/inspections' },
    { text: 'Self-evaluation', href: '/self-evaluation' },
  ],
  web: routes,
  api: registerInspectionApi,
  async homeCards(services, user) {
    const inspections = await listInspections(services.db, user.organisationId);
    const holidays = await loadHolidays(services.db, user.organisationId);
    const due = inspections
      .map((i) => describeInspection(i, holidays, services.now()))
      .find((v) => v.actionPlan && !v.actionPlan.overdue);
    const latest = inspections.find((i) => (i.judgements as Record<string, string>)['overall-effectiveness']);
    const cards = [];
    if (latest)
      cards.push({
        title: 'Latest Ofsted judgement',
        href: `/inspections/${latest.id}`,
        value: GRADE_LABELS[(latest.judgements as Record<string, Grade>)['overall-effectiveness']],
        text: inspectionTitle(latest),
      });
    if (due?.actionPlan)
      cards.push({
        title: 'Action plan due',
        href: `/inspections/${due.inspection.id}`,
        value: due.actionPlan.text,
        text: inspectionTitle(due.inspection),
      });
    return cards;
  },
};
