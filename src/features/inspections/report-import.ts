import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ReportDraft } from '../../lib/ofsted-report-parser.js';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { sameAuthorityName } from '../../lib/authority-names.js';
import { getOwned, updateAudited, type Actor, type Executor } from '../audit/audit.js';
import {
  addFindings,
  createInspection,
  inspectionTitle,
  listFindings,
  updateInspection,
  type InspectionInput,
  type InspectionRow,
} from './service.js';

/**
 * Saving a read report into an organisation's record (issue 18, point 3): a report of another authority
 * is refused unless an admin confirms it, and a report whose dates overlap an inspection already
 * recorded updates that inspection instead of adding a second record.
 */
export interface ReportChecks {
  /** The organisation's own authority, when it has a code. */
  own: { laCode: string | null; gssCode: string | null; name: string };
  /** True when the report is of another authority (by area code, or by name when the organisation has no code); null when it cannot be told. */
  otherAuthority: boolean | null;
  /** Plain words for the draft's authority check, or null when all is well. */
  authorityMessage: string | null;
  /** Inspections already recorded whose dates overlap the report's. */
  overlaps: InspectionRow[];
}

/** Two inspections overlap when their days meet (an inspection with no end date lasts its start day). */
export function overlapping(
  a: { startDate: string; endDate: string | null },
  b: { startDate: string; endDate: string | null },
): boolean {
  return a.startDate <= (b.endDate ?? b.startDate) && b.startDate <= (a.endDate ?? a.startDate);
}

export async function checkReport(
  db: Executor,
  organisationId: string,
  draft: ReportDraft,
  dates?: { startDate: string | null; endDate: string | null },
): Promise<ReportChecks> {
  const org = await db
    .selectFrom('organisations')
    .select(['name', 'laCode', 'gssCode'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const own = { laCode: org.laCode, gssCode: org.gssCode, name: org.name };
  let otherAuthority: boolean | null = null;
  let authorityMessage: string | null = null;
  const area = draft.area;
  const reportName = area?.name ?? draft.authority ?? null;
  if (area && (own.laCode || own.gssCode)) {
    otherAuthority = !((own.laCode && own.laCode === area.laCode) || (own.gssCode && own.gssCode === area.gssCode));
    if (otherAuthority) {
      authorityMessage = `This report is of ${area.name} (DfE code ${area.laCode}), not of your authority (${own.name}${own.laCode ? `, DfE code ${own.laCode}` : ''}). Only an admin can save another authority’s report in your record.`;
    }
  } else if (!own.laCode && !own.gssCode && reportName) {
    // Without a code the organisation's name is all there is to compare: a report naming another
    // authority must still be stopped (Stockton-on-Tees' report saved into Ashdown Vale's record).
    otherAuthority = !sameAuthorityName(reportName, own.name);
    authorityMessage = otherAuthority
      ? `This report is of ${reportName}, not of your authority (${own.name}). Only an admin can save another authority’s report in your record. An admin can set your authority’s DfE code on the Admin > Organisation page so that reports are checked by code.`
      : 'Your organisation has no local authority code, so Waymark checked this report by its name only: an admin can set the DfE code on the Admin > Organisation page.';
  } else {
    authorityMessage = 'Waymark could not tell which authority this report is of: check it is yours before saving.';
  }
  const startDate = dates?.startDate ?? draft.startDate;
  const endDate = dates?.endDate ?? draft.endDate;
  const overlaps = startDate
    ? await overlappingInspections(db, organisationId, { startDate, endDate, typeKey: draft.type })
    : [];
  return { own, otherAuthority, authorityMessage, overlaps };
}

async function overlappingInspections(
  db: Executor,
  organisationId: string,
  span: { startDate: string; endDate: string | null; typeKey: string },
): Promise<InspectionRow[]> {
  const rows = await db
    .selectFrom('inspections')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('startDate', '<=', span.endDate ?? span.startDate)
    .orderBy('startDate')
    .execute();
  // The LSCB review saved beside a SIF report shares its dates but is a record of its own.
  return rows.filter((r) => overlapping(r, span) && (r.typeKey !== 'lscb-review' || span.typeKey === 'lscb-review'));
}

export interface SaveReportOptions {
  draft: ReportDraft;
  input: InspectionInput;
  /** The recorded inspection the report updates (required when the report overlaps one). */
  updateOf: string | null;
  /** An admin's confirmation that another authority's report belongs in this record. */
  confirmOtherAuthority: boolean;
  isAdmin: boolean;
}

/**
 * Save a read report in the caller's transaction: a new inspection with its findings, or the overlapping
 * inspection updated with the report's dates and judgements and the findings it lacks. Throws a
 * ValidationError (status 400 for forms) naming the field when the authority or dates need a decision.
 */
export async function saveReport(
  trx: Executor,
  actor: Actor,
  opts: SaveReportOptions,
  status = 400,
): Promise<{ inspection: InspectionRow; added: number; updated: boolean }> {
  const { draft, input } = opts;
  const checks = await checkReport(trx, actor.organisationId, draft, {
    startDate: input.startDate || null,
    endDate: input.endDate ?? null,
  });
  const details: ErrorDetail[] = [];
  if (checks.otherAuthority && !(opts.isAdmin && opts.confirmOtherAuthority)) {
    details.push({
      path: 'confirmOtherAuthority',
      message: opts.isAdmin
        ? `This report is of ${draft.area?.name ?? draft.authority}, not ${checks.own.name}: tick the box to confirm it belongs in your record`
        : `This report is of ${draft.area?.name ?? draft.authority}, not ${checks.own.name}: only an admin can save another authority’s report in your record`,
    });
  }
  const target = opts.updateOf ? checks.overlaps.find((o) => o.id === opts.updateOf) : undefined;
  if (opts.updateOf && !target) {
    // Another organisation's id, or one that does not overlap: never a silent second record.
    await getOwned(trx, actor.organisationId, 'inspections', opts.updateOf);
    details.push({
      path: 'updateOf',
      message: 'That inspection does not overlap this report’s dates: choose one of those listed',
    });
  }
  if (!opts.updateOf && checks.overlaps.length) {
    details.push({
      path: 'updateOf',
      message: `This report overlaps ${checks.overlaps.map((o) => inspectionTitle(o)).join(' and ')} already recorded: choose the inspection it updates`,
    });
  }
  if (details.length) throw new ValidationError(details, 'The report cannot be saved as it is', status);

  const reportFields = {
    reportLaCode: draft.area?.laCode ?? null,
    reportGssCode: draft.area?.gssCode ?? null,
    reportAuthority: draft.authority,
  };
  const findings = draft.findings.map((f) => ({
    kind: f.kind,
    text: f.text,
    reference: f.reference,
    frameworkReference: f.frameworkReference ?? null,
  }));
  if (target) {
    const merged: InspectionInput = {
      ...input,
      publishedDate: input.publishedDate ?? target.publishedDate,
      reportUrl: input.reportUrl ?? target.reportUrl,
      notes: target.notes,
    };
    await updateInspection(trx, actor, target.id, merged, target.version, status);
    const updated = await updateAudited(trx, actor, 'inspections', target.id, reportFields);
    const have = new Set((await listFindings(trx, actor.organisationId, target.id)).map((f) => f.text.trim()));
    const fresh = findings.filter((f) => !have.has(f.text.trim()));
    if (fresh.length) await addFindings(trx, actor, updated, fresh, status);
    return { inspection: updated, added: fresh.length, updated: true };
  }
  const created = await createInspection(trx, actor, input, 'report-import', status);
  const inspection = await updateAudited(trx, actor, 'inspections', created.id, reportFields);
  if (findings.length) await addFindings(trx, actor, inspection, findings, status);
  return { inspection, added: findings.length, updated: false };
}

/**
 * The web import's save, in one transaction: the report as above and, for a single inspection framework
 * report newly recorded, its separate judgement of the local safeguarding children board as an inspection
 * of its own.
 */
export async function importReport(db: Kysely<Database>, actor: Actor, opts: SaveReportOptions) {
  const { draft, input } = opts;
  return db.transaction().execute(async (trx) => {
    const result = await saveReport(trx, actor, opts);
    if (!result.updated && draft.lscbJudgement && input.type === 'sif') {
      await createInspection(
        trx,
        actor,
        {
          type: 'lscb-review',
          startDate: input.startDate,
          endDate: input.endDate,
          publishedDate: input.publishedDate,
          judgements: { 'overall-effectiveness': draft.lscbJudgement },
        },
        'report-import',
      );
    }
    return result;
  });
}
