import type { Router } from 'express';
import type { Services } from '../../container.js';
import { requireRole, signedIn } from '../../middleware/auth.js';
import { hasRole } from '../../lib/roles.js';
import { formatGovukDate } from '../../lib/dates.js';
import { NotFoundError } from '../../lib/errors.js';
import { LIST_BY_NUMBER } from '../../lib/annex-a/spec.js';
import { INDICATOR_BY_KEY } from '../../lib/annex-a/indicators.js';
import { shortPseudonym } from '../../lib/annex-a/pseudonym.js';
import { MEASURES_BY_KEY } from '../benchmarks/measures.js';
import { findIndicatorByKey } from '../indicators/service.js';
import { drillDown, latestCommitted } from './service.js';
import { formatValue, storedIndicators } from './display.js';
import type { ImportReport } from './tables.js';

const DRILL_ROWS_ON_PAGE = 1000;

/** An Annex A figure's page (what it counts, from which columns) and, for editors, the rows behind it. */
export function indicatorRoutes(router: Router, services: Services) {
  const { db } = services;
  const editor = requireRole('editor');

  router.get('/annex-a/indicators/:key', async (req, res) => {
    const { user } = signedIn(req);
    const def = INDICATOR_BY_KEY.get(String(req.params.key));
    if (!def) throw new NotFoundError();
    const latest = await latestCommitted(db, user.organisationId);
    const stored = storedIndicators(latest).find((i) => i.key === def.key);
    const unavailable = ((latest?.report as ImportReport | null)?.unavailable ?? []).find((u) => u.key === def.key);
    const library = await findIndicatorByKey(db, user.organisationId, def.key);
    const columns = [...def.columns, ...(def.oneOf ?? []).flat()].map((c) => ({
      list: c.list,
      listTitle: LIST_BY_NUMBER.get(c.list)!.title,
      name: LIST_BY_NUMBER.get(c.list)!.columns.find((x) => x.key === c.key)!.name,
    }));
    const measure = def.national ? MEASURES_BY_KEY.get(def.national.measure) : undefined;
    res.render('annex-a/views/indicator.njk', {
      title: def.name,
      def,
      latest,
      stored,
      unavailable,
      columns,
      measure,
      libraryId: library?.id ?? null,
      display: stored ? formatValue(stored.unit, stored.value) : null,
      canDrill: hasRole(user.role, 'editor'),
      byWorker: def.key === 'annex-a-caseload',
    });
  });

  router.get('/annex-a/imports/:id/indicators/:key/rows', editor, async (req, res) => {
    const { user } = signedIn(req);
    const { imp, def, result, stored } = await drillDown(
      db,
      user.organisationId,
      String(req.params.id),
      String(req.params.key),
    );
    const group = typeof req.query.group === 'string' ? req.query.group : '';
    const which = req.query.counted === 'no' ? 'no' : req.query.counted === 'all' ? 'all' : 'yes';
    let rows = result.rows;
    if (group) rows = rows.filter((r) => r.group === group);
    if (which !== 'all') rows = rows.filter((r) => r.counted === (which === 'yes'));
    const total = rows.length;
    const list = (n: number) => LIST_BY_NUMBER.get(n);
    const shown = rows.slice(0, DRILL_ROWS_ON_PAGE).map((r) => {
      const spec = list(r.record.list)!;
      const dates = spec.columns
        .filter((c) => c.type === 'date' && typeof r.record.v[c.key] === 'string')
        .slice(0, 3)
        .map((c) => `${c.name}: ${formatGovukDate(String(r.record.v[c.key]))}`);
      return {
        pseudonym: shortPseudonym(r.record.child),
        list: r.record.list,
        row: r.record.row,
        team: r.record.team,
        worker: r.record.worker,
        birth: r.record.birth,
        dates,
        counted: r.counted,
        note: r.note,
      };
    });
    const groups = [...new Set(result.rows.map((r) => r.group))].sort();
    // A snapshot imported under an earlier definition recomputes to a different figure: say so, never hide it.
    const changed =
      stored.value !== result.value
        ? { stored: formatValue(def.unit, stored.value), now: formatValue(def.unit, result.value) }
        : null;
    res.render('annex-a/views/rows.njk', {
      title: `Rows behind: ${def.name}`,
      imp,
      def,
      rows: shown,
      total,
      group,
      which,
      groups,
      changed,
    });
  });
}
