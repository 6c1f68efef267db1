import type { Feature } from './feature.js';
import { homeFeature } from './home/routes.js';
import { accountFeature } from './account/routes.js';
import { adminFeature } from './admin/routes.js';
import { systemApiFeature } from './system/api.js';
import { inspectionsFeature } from './inspections/routes.js';
import { nationalFeature } from './national/routes.js';
import { annexAFeature } from './annex-a/routes.js';
import { calendarFeature } from './calendar/routes.js';
import { plansFeature } from './plans/routes/index.js';
import { indicatorsFeature } from './indicators/routes.js';
import { benchmarksFeature } from './benchmarks/routes.js';
import { governanceFeature } from './governance/routes.js';
import { risksFeature } from './risks/routes.js';
import { reportsFeature } from './reports/routes.js';
import { councilFeature } from './council/routes.js';
import { caseAuditsFeature } from './case-audits/routes.js';
import { backupFeature } from './backup/routes.js';

/** Every feature, in navigation order. Add a feature here to mount its pages, API and menu link. */
export const features: Feature[] = [
  homeFeature,
  systemApiFeature,
  councilFeature,
  inspectionsFeature,
  plansFeature,
  indicatorsFeature,
  governanceFeature,
  risksFeature,
  reportsFeature,
  annexAFeature,
  caseAuditsFeature,
  accountFeature,
  adminFeature,
  calendarFeature,
  nationalFeature,
  benchmarksFeature,
  backupFeature,
];
