import type { Migration } from 'kysely';
import m001 from './001_foundation.js';
import m400 from '../../features/annex-a/migration.js';
import m410 from '../../features/annex-a/migration-410.js';
import m420 from '../../features/annex-a/migration-420.js';
import m100 from '../../features/inspections/migration.js';
import m130 from '../../features/inspections/migration-130.js';
import m200 from '../../features/plans/migrations/200_plans.js';
import m350 from '../../features/plans/migrations/350_action_indicators.js';
import m320 from '../../features/national/migration-320.js';
import m210 from '../../features/plans/migrations/210_plan_findings.js';
import m300 from '../../features/indicators/migration.js';
import m090 from './090_bank_holidays.js';
import m500 from '../../features/governance/migration.js';
import m600 from '../../features/reports/migration.js';
import m820 from '../../jobs/migration.js';
import m800 from '../../features/security/migration.js';
import m840 from '../../features/council/migration-840.js';
import m845 from '../../features/council/migration-845.js';
import m850 from '../../features/council/migration-850.js';
import m700 from '../../features/case-audits/migration.js';
import m860 from '../../features/plans/migrations/860_rebaselines.js';
import m861 from '../../features/reports/migration-861.js';
import m870 from '../../form-submissions/migration.js';

/**
 * Every migration, by name. Names sort in the order they must run; each feature owns a number range
 * (100 inspections, 200 plans, 300 indicators, 400 Annex A, 500 governance, 600 reports).
 */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '400_annex_a': m400,
  '410_annex_row_chunks': m410,
  '420_annex_a_template_report': m420,
  '100_inspections': m100,
  '130_inspection_report_authority': m130,
  '200_plans': m200,
  '210_plan_findings': m210,
  '090_bank_holidays': m090,
  '300_indicators': m300,
  '320_national_sources': m320,
  '350_action_indicators': m350,
  '500_governance': m500,
  '600_reports': m600,
  '820_job_claims': m820,
  '800_security': m800,
  '840_organisation_branding': m840,
  '845_indicator_value_counts': m845,
  '850_action_control_notes': m850,
  '700_case_audits': m700,
  '860_rebaselines': m860,
  '861_report_meetings': m861,
  '870_form_submissions': m870,
};
