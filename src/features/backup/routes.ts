import { pipeline } from 'node:stream/promises';
import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { ForbiddenError } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.js';
import { backupStream, type BackupSummary } from './backup.js';

/**
 * A backup holds every organisation in the database, so an organisation's administrator may download
 * one only when theirs is the only organisation (a single council's own server); on a shared server
 * the operators back up from the command line.
 */
async function downloadAllowed(
  services: Services,
  organisationId: string,
): Promise<{ allowed: boolean; organisations: number }> {
  const orgs = await services.db.selectFrom('organisations').select('id').execute();
  return { allowed: orgs.length === 1 && orgs[0].id === organisationId, organisations: orgs.length };
}

function backupFilename(slug: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `waymark-backup-${slug}-${stamp}Z.jsonl.gz`;
}

function routes(router: Router, services: Services) {
  const admin = requireRole('admin');

  router.get('/admin/backup', admin, async (req, res) => {
    const { user } = signedIn(req);
    const { allowed, organisations } = await downloadAllowed(services, user.organisationId);
    res.render('backup/views/backup.njk', {
      title: 'Back up Waymark',
      allowed,
      organisations,
      engine: services.engine,
    });
  });

  router.post('/admin/backup', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    const { allowed } = await downloadAllowed(services, user.organisationId);
    if (!allowed)
      throw new ForbiddenError('A backup would include other organisations’ records: back up from the command line');
    const filename = backupFilename(user.organisationSlug, services.now());
    // Recorded before the snapshot, so the backup itself shows who took it.
    await recordAudit(services.db, actor, {
      action: 'create',
      entityType: 'backups',
      entityId: filename,
      after: { filename, database: services.engine },
    });
    res.set({
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
    const summary: BackupSummary = { tables: 0, rows: 0 };
    try {
      await pipeline(
        backupStream(
          services.db,
          { engine: services.engine, waymarkVersion: services.config.version, now: services.now },
          summary,
        ),
        res,
      );
      req.log.info({ tables: summary.tables, rows: summary.rows }, 'Backup downloaded');
    } catch (err) {
      // The file the browser has lacks its trailer, so a restore refuses it as incomplete.
      req.log.error({ err }, 'Backup download failed part-way');
      res.destroy();
    }
  });
}

export const backupFeature: Feature = { name: 'backup', web: routes };
