import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/world.js';
import { createSmallReportFixture } from './fixture.js';
import { seedReportsDemo } from './demo.js';

const TODAY = '2025-03-14';

describe('demo reports', () => {
  let w: World;
  let foreignBodyId: string;

  beforeAll(async () => {
    w = await createWorld({ now: () => new Date(`${TODAY}T12:00:00Z`) });
    const fx = await createSmallReportFixture(w.services.db, w.orgB, TODAY);
    foreignBodyId = fx.bodyId!;
  }, 120_000);
  afterAll(() => w.close());

  it('seeds one issued board pack for the demo plan, once', async () => {
    const ctx = {
      organisationId: w.orgB.id,
      actor: w.orgB.actor,
      usersByRole: { editor: w.orgB.users.editor.id },
      userIds: {},
    };
    expect(
      await w.services.db.selectFrom('issuedReports').select('id').where('organisationId', '=', w.orgB.id).execute(),
    ).toEqual([]);
    await seedReportsDemo(w.services, ctx);
    await seedReportsDemo(w.services, ctx);
    const after = await w.services.db
      .selectFrom('issuedReports')
      .select(['type', 'bodyId', 'issuedByName'])
      .where('organisationId', '=', w.orgB.id)
      .execute();
    expect(after).toEqual([{ type: 'improvement-board-pack', bodyId: foreignBodyId, issuedByName: 'beta editor' }]);
  });
});
