import type { Services } from '../../container.js';
import type { DemoContext } from './demo.js';
import { seedInspectionsDemo } from '../../features/inspections/demo.js';
import { seedPlansDemo } from '../../features/plans/demo.js';
import { seedIndicatorsDemo } from '../../features/indicators/demo.js';
import { seedAnnexADemo } from '../../features/annex-a/demo.js';
import { seedGovernanceDemo } from '../../features/governance/demo.js';
import { seedReportsDemo } from '../../features/reports/demo.js';
import { seedCouncilDemo } from '../../features/council/demo.js';
import { seedCaseAuditsDemo } from '../../features/case-audits/demo.js';

export type DemoSeeder = (services: Services, ctx: DemoContext) => Promise<void>;

/** Each feature's demo content, in dependency order. Every seeder must be safe to run twice. */
export const demoSeeders: DemoSeeder[] = [
  seedInspectionsDemo,
  seedIndicatorsDemo,
  seedPlansDemo,
  seedAnnexADemo,
  seedCaseAuditsDemo,
  seedGovernanceDemo,
  seedCouncilDemo,
  seedReportsDemo,
];
