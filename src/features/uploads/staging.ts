import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudit, type Actor } from '../audit/audit.js';

/** The columns every staged sheet's table has (planImports, caseAuditImports), as they are written. */
export interface StagedSheetValues {
  organisationId: string;
  filename: string;
  headers: string;
  rows: string;
  createdBy: string | null;
}

/**
 * Keep an uploaded sheet in its staging table until it is checked: `insert` writes the row with the
 * columns its feature adds. The audit event says what was staged (the row it returns, and how many
 * columns and rows), never a cell: cells can hold names and evidence notes.
 */
export function stageSheet<R extends { id: string }>(
  db: Kysely<Database>,
  actor: Actor,
  entityType: 'planImports' | 'caseAuditImports',
  filename: string,
  sheet: { headers: string[]; rows: string[][] },
  insert: (trx: Transaction<Database>, values: StagedSheetValues) => Promise<R>,
): Promise<R> {
  return db.transaction().execute(async (trx) => {
    const row = await insert(trx, {
      organisationId: actor.organisationId,
      filename: filename.slice(0, 200),
      headers: JSON.stringify(sheet.headers),
      rows: JSON.stringify(sheet.rows),
      createdBy: actor.userId,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entityType,
      entityId: row.id,
      after: { ...row, columns: sheet.headers.length, rows: sheet.rows.length },
    });
    return row;
  });
}
