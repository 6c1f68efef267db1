import { signedIn } from '../../../middleware/auth.js';
import { getOwned } from '../../audit/audit.js';
import { hasRole } from '../../../lib/roles.js';
import { diffPlans } from '../../../lib/plan-diff.js';
import { ragLabel } from '../../../lib/labels.js';
import { composeDateInputs } from '../../../lib/date-input.js';
import { loadPlanControlNotes } from '../../council/control.js';
import { planOverview } from '../overview.js';
import { lastIssuedReport, planSnapshots, planVersions } from '../queries.js';
import { str, type PlansRouteContext } from './common.js';

export const PAGE_SIZE = 100;
/** The same tags as wm.ragTag, looked up rather than rendered by a macro 800 times on a large plan. */
const TAGS = Object.fromEntries(
  Object.entries({
    red: 'govuk-tag--red',
    amber: 'govuk-tag--orange',
    green: 'govuk-tag--green',
    complete: 'govuk-tag--blue',
    'not-started': 'govuk-tag--grey',
  }).map(([k, cls]) => [k, { cls, label: ragLabel(k), lower: ragLabel(k).toLowerCase() }]),
);

/** A plan's page (its actions filtered, sorted and paged) and the comparison of two of its versions. */
export function planPageRoutes({ router, db, today }: PlansRouteContext): void {
  router.get('/plans/:id', async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const q = req.query as Record<string, string | undefined>;
    // The "movement since" date comes as GOV.UK date boxes (since-day, since-month, since-year) or as since=YYYY-MM-DD in a link.
    const sinceInput = composeDateInputs({ ...q } as Record<string, unknown>).since;
    const filters = {
      theme: str(q.theme),
      rag: str(q.rag),
      owner: str(q.owner),
      challenged: str(q.challenged),
      sort: str(q.sort),
      order: str(q.order),
      since: str(sinceInput),
    };
    const lastReport = await lastIssuedReport(db, user.organisationId, plan.lineageId);
    const overview = await planOverview(db, user.organisationId, plan.id, today(), filters, lastReport?.issuedOn);
    // Large plans are paged (without JavaScript: plain links keeping the filters and sort).
    const pages = Math.max(1, Math.ceil(overview.rows.length / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(str(q.page) ?? '1', 10) || 1));
    const matching = overview.rows.length;
    overview.rows = overview.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const linkWith = (set: Record<string, string>) => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
      for (const [k, v] of Object.entries(set)) params.set(k, v);
      return `/plans/${plan.id}?${params.toString()}#actions`;
    };
    const pageHref = (n: number) => linkWith({ page: String(n) });
    const pagination =
      pages > 1
        ? {
            previous: page > 1 ? { href: pageHref(page - 1) } : undefined,
            next: page < pages ? { href: pageHref(page + 1) } : undefined,
            items: Array.from({ length: pages }, (_, i) => ({
              number: i + 1,
              href: pageHref(i + 1),
              current: i + 1 === page,
            })),
          }
        : null;
    const sortLink = (key: string) => {
      const active = (filters.sort ?? 'reference') === key;
      return {
        href: linkWith({ sort: key, order: active && filters.order !== 'desc' ? 'desc' : 'asc' }),
        active,
        order: active ? (filters.order === 'desc' ? 'descending' : 'ascending') : 'none',
      };
    };
    res.render('plans/views/plan.njk', {
      title: plan.title,
      plan,
      o: overview,
      controlNotes: Object.fromEntries(await loadPlanControlNotes(db, user.organisationId, plan.id)),
      filters,
      versions: await planVersions(db, user.organisationId, plan.lineageId),
      themeItems: [
        { value: '', text: 'All themes' },
        ...overview.themes.map((t) => ({ value: t.id, text: t.name, selected: filters.theme === t.id })),
        { value: 'none', text: 'No theme', selected: filters.theme === 'none' },
      ],
      ownerItems: [
        { value: '', text: 'Anyone' },
        ...overview.owners.map((u) => ({ value: u.id, text: u.displayName, selected: filters.owner === u.id })),
        { value: 'none', text: 'No owner', selected: filters.owner === 'none' },
      ],
      pagination,
      matching,
      firstRow: (page - 1) * PAGE_SIZE + 1,
      lastReport: !filters.since && lastReport && lastReport.issuedOn === overview.since ? lastReport : null,
      sortLinks: Object.fromEntries(
        ['reference', 'ownerName', 'due', 'evidence', 'owner'].map((k) => [k, sortLink(k)]),
      ),
      TAGS,
      today: today(),
      canEdit: hasRole(user.role, 'editor') && plan.status !== 'superseded',
    });
  });

  router.get('/plans/:id/compare', async (req, res) => {
    const { user } = signedIn(req);
    const plan = await getOwned(db, user.organisationId, 'plans', String(req.params.id));
    const versions = await planVersions(db, user.organisationId, plan.lineageId);
    const withId = str(req.query.with) ?? plan.previousPlanId ?? undefined;
    const other = withId ? versions.find((v) => v.id === withId) : undefined;
    let diff = null;
    if (other) {
      const [older, newer] = other.planVersion < plan.planVersion ? [other.id, plan.id] : [plan.id, other.id];
      diff = diffPlans(
        await planSnapshots(db, user.organisationId, older),
        await planSnapshots(db, user.organisationId, newer),
      );
    }
    res.render('plans/views/compare.njk', {
      title: `Compare versions of ${plan.title}`,
      plan,
      other,
      diff,
      fromVersion: Math.min(plan.planVersion, other?.planVersion ?? plan.planVersion),
      toVersion: Math.max(plan.planVersion, other?.planVersion ?? plan.planVersion),
      others: versions
        .filter((v) => v.id !== plan.id)
        .map((v) => ({ value: v.id, text: `Version ${v.planVersion} (${v.status})`, selected: v.id === other?.id })),
    });
  });
}
