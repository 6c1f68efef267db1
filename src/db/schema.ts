import type { FoundationTables } from './foundation-tables.js';
import type { AnnexATables } from '../features/annex-a/tables.js';
import type { InspectionTables } from '../features/inspections/tables.js';
import type { PlanTables } from '../features/plans/tables.js';
import type { IndicatorTables } from '../features/indicators/tables.js';
import type { CalendarTables } from '../features/calendar/tables.js';
import type { GovernanceTables } from '../features/governance/tables.js';
import type { ReportTables } from '../features/reports/tables.js';
import type { JobTables } from '../jobs/tables.js';
import type { FormSubmissionTables } from '../form-submissions/tables.js';
import type { SecurityTables } from '../features/security/tables.js';
import type { NationalTables } from '../features/national/tables.js';
import type { CouncilTables } from '../features/council/tables.js';
import type { CaseAuditTables } from '../features/case-audits/tables.js';

/**
 * The whole database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case columns).
 * Each feature declares its own tables in its folder and adds them here.
 */
export type Database = FoundationTables &
  AnnexATables &
  InspectionTables &
  PlanTables &
  CalendarTables &
  IndicatorTables &
  GovernanceTables &
  ReportTables &
  NationalTables &
  CouncilTables &
  SecurityTables &
  CaseAuditTables &
  JobTables &
  FormSubmissionTables;
