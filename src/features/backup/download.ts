import type { Engine } from '../../db/create-db.js';
import { ForbiddenError } from '../../lib/errors.js';
import { recordAudit, type Actor, type Executor } from '../audit/audit.js';

/**
 * A backup holds every organisation in the database, so an organisation's administrator may download
 * one only when theirs is the only organisation (a single council's own server); on a shared server
 * the operators back up from the command line.
 */
export async function downloadAllowed(
  db: Executor,
  organisationId: string,
): Promise<{ allowed: boolean; organisations: number }> {
  const orgs = await db.selectFrom('organisations').select('id').execute();
  return { allowed: orgs.length === 1 && orgs[0].id === organisationId, organisations: orgs.length };
}

function backupFilename(slug: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `waymark-backup-${slug}-${stamp}Z.jsonl.gz`;
}

/**
 * Check an administrator may download a backup and record that they took one; the file name to send.
 * Recorded before the snapshot is read, so the backup itself shows who took it.
 */
export async function startDownload(db: Executor, actor: Actor, slug: string, engine: Engine, now: Date) {
  const { allowed } = await downloadAllowed(db, actor.organisationId);
  if (!allowed)
    throw new ForbiddenError('A backup would include other organisations’ records: back up from the command line');
  const filename = backupFilename(slug, now);
  await recordAudit(db, actor, {
    action: 'create',
    entityType: 'backups',
    entityId: filename,
    after: { filename, database: engine },
  });
  return filename;
}
