import { pipeline } from 'node:stream/promises';
import type { Router } from 'express';
import type { Feature } from '../feature.js';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { backupStream, type BackupSummary } from './backup.js';
import { downloadAllowed, startDownload } from './download.js';

function routes(router: Router, services: Services) {
  const admin = requireRole('admin');

  router.get('/admin/backup', admin, async (req, res) => {
    const { user } = signedIn(req);
    const { allowed, organisations } = await downloadAllowed(services.db, user.organisationId);
    res.render('backup/views/backup.njk', {
      title: 'Back up Waymark',
      allowed,
      organisations,
      engine: services.engine,
    });
  });

  router.post('/admin/backup', admin, async (req, res) => {
    const { user, actor } = signedIn(req);
    const filename = await startDownload(services.db, actor, user.organisationSlug, services.engine, services.now());
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
