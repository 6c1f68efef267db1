import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import { todayInLondon } from '../../lib/dates.js';
import { generateContent, issueReport } from './service.js';

/**
 * One issued improvement board pack for the organisation's newest plan, so the list of issued reports
 * and "movement since the previous report" have something to show. Does nothing without a plan, and
 * nothing if a board pack has already been issued (safe to run twice, for any organisation).
 */
export async function seedReportsDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  const plan = await firstRecord(db, ctx.organisationId, 'plans', {}, [
    ['startDate', 'desc'],
    ['planVersion', 'desc'],
  ]);
  if (!plan) return;
  if (await firstRecord(db, ctx.organisationId, 'issuedReports', { type: 'improvement-board-pack' })) return;
  const board = await firstRecord(db, ctx.organisationId, 'bodies', { kind: 'improvement-board' }, [['name', 'asc']]);
  const editorId = ctx.usersByRole.editor ?? ctx.usersByRole.admin ?? null;
  const editor = editorId
    ? await db
        .selectFrom('users')
        .select(['id', 'displayName'])
        .where('id', '=', editorId)
        .where('organisationId', '=', ctx.organisationId)
        .executeTakeFirst()
    : undefined;
  const name = editor?.displayName ?? 'Demo data';
  const content = await generateContent(db, {
    organisationId: ctx.organisationId,
    type: 'improvement-board-pack',
    planId: plan.id,
    bodyId: board?.id ?? null,
    today: todayInLondon(services.now()),
    preparedBy: name,
  });
  await issueReport(db, services.config, ctx.actor, { userId: editor?.id ?? null, name }, content, {
    bodyId: board?.id ?? null,
    now: services.now(),
    includePdf: false,
  });
}
