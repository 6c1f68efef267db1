import type { Router } from 'express';
import type { Services } from '../../container.js';
import { signedIn } from '../../middleware/auth.js';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { hasRole } from '../../lib/roles.js';
import { historyReadRole, isCaseAuditRecord } from '../../lib/history-read-rules.js';
import { accessOf } from '../case-audits/auditors.js';
import { auditHistoryById } from '../case-audits/history.js';
import { findOwned, loadHistory } from './audit.js';

/** The records whose pages link to their history; anything else without history is not found. */
const HISTORY_TABLES = ['actions', 'milestones', 'indicators', 'users', 'plans', 'inspections', 'risks'] as const;

async function historyRecordExists(
  services: Services,
  organisationId: string,
  entityType: string,
  id: string,
): Promise<boolean> {
  if (entityType === 'organisations') return id === organisationId;
  const table = HISTORY_TABLES.find((t) => t === entityType);
  return table ? Boolean(await findOwned(services.db, organisationId, table, id)) : false;
}

/**
 * One history page for any audited record; scoped to the user's organisation, so another
 * organisation's record (or a made-up id) is simply not found. The record's own read rule applies:
 * someone who may not open the record may not read its history either.
 */
export function historyRoutes(router: Router, services: Services): void {
  router.get('/history/:entityType/:id', async (req, res) => {
    const { user } = signedIn(req);
    const entityType = String(req.params.entityType);
    const id = String(req.params.id);
    const back = req.get('referer');
    if (isCaseAuditRecord(entityType)) {
      // The audit pages' own rule (requireNoteReader); refused, the audit is as good as not there.
      if (!(await accessOf(services.db, user)).readsNotes) throw new NotFoundError();
      if (entityType === 'caseAudits') {
        const lines = await auditHistoryById(services.db, user.organisationId, id);
        return res.render('audit/views/history.njk', { title: 'History of changes', lines, back });
      }
    } else if (!hasRole(user.role, historyReadRole(entityType))) throw new ForbiddenError();
    const entries = await loadHistory(services.db, user.organisationId, entityType, id);
    // Demo and imported records may have no changes yet: their history link still leads somewhere.
    if (!entries.length && !(await historyRecordExists(services, user.organisationId, entityType, id)))
      throw new NotFoundError();
    res.render('audit/views/history.njk', { title: 'History of changes', entries, back });
  });
}
