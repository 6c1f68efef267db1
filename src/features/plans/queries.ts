import type { Executor } from '../audit/audit.js';
import { ACTION_STATUS_LABELS } from '../../lib/labels.js';
import type { ActionSnapshot } from '../../lib/plan-diff.js';

/**
 * The reads the plans pages and API share. Every one is scoped to the organisation (or to a record
 * already loaded with getOwned), so a route only says which and renders.
 */

export const orgInspections = (db: Executor, organisationId: string) =>
  db
    .selectFrom('inspections')
    .select(['id', 'typeKey', 'startDate', 'publishedDate'])
    .where('organisationId', '=', organisationId)
    .orderBy('startDate', 'desc')
    .execute();

export const orgIndicators = (db: Executor, organisationId: string) =>
  db
    .selectFrom('indicators')
    .select(['id', 'name', 'theme', 'frequency', 'unit'])
    .where('organisationId', '=', organisationId)
    .orderBy('name')
    .execute();

/** Every plan of the organisation, every version, newest first. */
export const listPlans = (db: Executor, organisationId: string) =>
  db
    .selectFrom('plans')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('startDate', 'desc')
    .orderBy('planVersion', 'desc')
    .execute();

/** The versions of one plan, oldest first. */
export const planVersions = (db: Executor, organisationId: string, lineageId: string) =>
  db
    .selectFrom('plans')
    .select(['id', 'planVersion', 'status'])
    .where('lineageId', '=', lineageId)
    .where('organisationId', '=', organisationId)
    .orderBy('planVersion')
    .execute();

/** The plan for the home page: the newest that is not superseded (approved before draft). */
export const homePlan = (db: Executor, organisationId: string) =>
  db
    .selectFrom('plans')
    .select(['id', 'title'])
    .where('organisationId', '=', organisationId)
    .where('status', '!=', 'superseded')
    .orderBy('status')
    .orderBy('startDate', 'desc')
    .executeTakeFirst();

/** The version in force of each plan: the approved one, or the latest draft where none is approved yet. */
export async function liveVersions(db: Executor, organisationId: string) {
  const plans = await db
    .selectFrom('plans')
    .select(['id', 'title', 'status', 'planVersion', 'lineageId'])
    .where('organisationId', '=', organisationId)
    .execute();
  const live = new Set<string>();
  const byLineage = new Map<string, typeof plans>();
  for (const p of plans) byLineage.set(p.lineageId, [...(byLineage.get(p.lineageId) ?? []), p]);
  for (const versions of byLineage.values()) {
    const current =
      versions.find((p) => p.status === 'approved') ??
      versions.filter((p) => p.status === 'draft').sort((a, b) => b.planVersion - a.planVersion)[0];
    if (current) live.add(current.id);
  }
  return { plans, live };
}

/** The last report issued on any version of the plan. */
export const lastIssuedReport = (db: Executor, organisationId: string, lineageId: string) =>
  db
    .selectFrom('issuedReports')
    .select(['issuedOn', 'title'])
    .where('organisationId', '=', organisationId)
    .where('planLineageId', '=', lineageId)
    .orderBy('issuedAt', 'desc')
    .executeTakeFirst();

export const planInspectionIds = async (db: Executor, planId: string) =>
  (await db.selectFrom('planInspections').select('inspectionId').where('planId', '=', planId).execute()).map(
    (i) => i.inspectionId,
  );

export const planThemes = (db: Executor, planId: string) =>
  db.selectFrom('planThemes').select(['id', 'name']).where('planId', '=', planId).orderBy('position').execute();

export const planActions = (db: Executor, organisationId: string, planId: string) =>
  db
    .selectFrom('actions')
    .selectAll()
    .where('planId', '=', planId)
    .where('organisationId', '=', organisationId)
    .execute();

/** Each action's findings and indicators, for the actions of a plan or one action. */
export async function actionLinks(
  db: Executor,
  organisationId: string,
  scope: { planId: string } | { actionId: string },
) {
  const [column, id] =
    'planId' in scope ? (['actions.planId', scope.planId] as const) : (['actions.id', scope.actionId] as const);
  const findings = await db
    .selectFrom('actionFindings')
    .innerJoin('actions', 'actions.id', 'actionFindings.actionId')
    .select(['actionFindings.actionId', 'actionFindings.findingId'])
    .where('actionFindings.organisationId', '=', organisationId)
    .where(column, '=', id)
    .execute();
  const indicators = await db
    .selectFrom('actionIndicators')
    .innerJoin('actions', 'actions.id', 'actionIndicators.actionId')
    .select(['actionIndicators.actionId', 'actionIndicators.indicatorId'])
    .where('actionIndicators.organisationId', '=', organisationId)
    .where(column, '=', id)
    .execute();
  return (actionId: string) => ({
    findingIds: findings.filter((l) => l.actionId === actionId).map((l) => l.findingId),
    indicatorIds: indicators.filter((l) => l.actionId === actionId).map((l) => l.indicatorId),
  });
}

export const actionSource = (db: Executor, actionId: string) =>
  db.selectFrom('actionSources').select(['source', 'description']).where('actionId', '=', actionId).executeTakeFirst();

export const actionMilestones = (db: Executor, organisationId: string, actionId: string) =>
  db
    .selectFrom('milestones')
    .selectAll()
    .where('actionId', '=', actionId)
    .where('organisationId', '=', organisationId)
    .orderBy('dueDate')
    .execute();

export const actionUpdates = (db: Executor, organisationId: string, actionId: string) =>
  db
    .selectFrom('actionUpdates')
    .selectAll()
    .where('actionId', '=', actionId)
    .where('organisationId', '=', organisationId)
    .orderBy('updateDate', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();

/** The open milestones of the given actions, soonest first (at most 20). */
export const openMilestones = (db: Executor, actionIds: string[]) =>
  actionIds.length
    ? db
        .selectFrom('milestones')
        .innerJoin('actions', 'actions.id', 'milestones.actionId')
        .select([
          'milestones.id',
          'milestones.title',
          'milestones.dueDate',
          'actions.reference',
          'actions.id as actionId',
        ])
        .where('actions.id', 'in', actionIds)
        .where('milestones.completedDate', 'is', null)
        .orderBy('milestones.dueDate')
        .limit(20)
        .execute()
    : Promise.resolve([]);

/** A version's actions with their theme and owner beside them (both optional); the caller selects. */
export const planActionsWithThemeAndOwner = (db: Executor, organisationId: string, planId: string) =>
  db
    .selectFrom('actions')
    .leftJoin('planThemes', 'planThemes.id', 'actions.themeId')
    .leftJoin('users', 'users.id', 'actions.ownerId')
    .where('actions.planId', '=', planId)
    .where('actions.organisationId', '=', organisationId);

/** A version's actions as the comparison of two versions sees them. */
export async function planSnapshots(db: Executor, organisationId: string, planId: string): Promise<ActionSnapshot[]> {
  const rows = await planActionsWithThemeAndOwner(db, organisationId, planId)
    .select([
      'actions.id',
      'actions.reference',
      'actions.title',
      'planThemes.name as theme',
      'users.displayName as owner',
      'actions.startDate',
      'actions.dueDate',
      'actions.status',
      'actions.successMeasures',
    ])
    .execute();
  const ms = rows.length
    ? await db
        .selectFrom('milestones')
        .select(['actionId', 'title', 'dueDate'])
        .where(
          'actionId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map(({ id, ...r }) => ({
    ...r,
    status: ACTION_STATUS_LABELS[r.status],
    milestones: ms.filter((m) => m.actionId === id),
  }));
}

/** Everything the action page shows besides the action and its plan. */
export async function actionPageData(
  db: Executor,
  organisationId: string,
  action: { id: string; themeId: string | null; ownerId: string | null },
) {
  const [milestones, updates, files, history, findings, sources, theme, owner, moves] = await Promise.all([
    db.selectFrom('milestones').selectAll().where('actionId', '=', action.id).orderBy('dueDate').execute(),
    db
      .selectFrom('actionUpdates')
      .leftJoin('users', 'users.id', 'actionUpdates.authorId')
      .selectAll('actionUpdates')
      .select('users.displayName as author')
      .where('actionId', '=', action.id)
      .orderBy('updateDate', 'desc')
      .orderBy('actionUpdates.createdAt', 'desc')
      .execute(),
    db
      .selectFrom('actionUpdateFiles')
      .innerJoin('actionUpdates', 'actionUpdates.id', 'actionUpdateFiles.updateId')
      .select([
        'actionUpdateFiles.id',
        'actionUpdateFiles.updateId',
        'actionUpdateFiles.filename',
        'actionUpdateFiles.sizeBytes',
      ])
      .where('actionUpdates.actionId', '=', action.id)
      .execute(),
    db
      .selectFrom('actionRagHistory')
      .select(['recordedOn', 'evidenceRag', 'ownerRag', 'challenged'])
      .where('actionId', '=', action.id)
      .orderBy('recordedOn', 'desc')
      .execute(),
    db
      .selectFrom('actionFindings')
      .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
      .select(['findings.id', 'findings.kind', 'findings.text', 'findings.reference'])
      .where('actionFindings.actionId', '=', action.id)
      .execute(),
    db.selectFrom('actionSources').select(['source', 'description']).where('actionId', '=', action.id).execute(),
    action.themeId
      ? db.selectFrom('planThemes').select('name').where('id', '=', action.themeId).executeTakeFirst()
      : undefined,
    action.ownerId
      ? db.selectFrom('users').select('displayName').where('id', '=', action.ownerId).executeTakeFirst()
      : undefined,
    db
      .selectFrom('rebaselines')
      .leftJoin('milestones', 'milestones.id', 'rebaselines.milestoneId')
      .selectAll('rebaselines')
      .select('milestones.title as milestoneTitle')
      .where('rebaselines.actionId', '=', action.id)
      .where('rebaselines.organisationId', '=', organisationId)
      .orderBy('rebaselines.createdAt', 'desc')
      .execute(),
  ]);
  return { milestones, updates, files, history, findings, sources, theme, owner, moves };
}
