import { Resvg } from '@resvg/resvg-js';
import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import { addDays, todayInLondon } from '../../lib/dates.js';
import { checkLogo } from '../../lib/branding/logo-image.js';
import { computeActionRags } from '../plans/status.js';
import { saveBranding } from './branding.js';
import { markOutsideControl } from './control.js';
import { createMeeting } from '../governance/service.js';

/** A fictional emblem (hills over a valley), drawn here and rasterised to PNG like an uploaded logo. */
const DEMO_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
<circle cx="80" cy="80" r="76" fill="#ffffff"/><path d="M14 104 L56 52 L80 82 L104 46 L146 104 Z" fill="#005a5b"/>
<path d="M20 118 Q80 92 140 118 L140 126 Q80 100 20 126 Z" fill="#0b0c0c"/></svg>`;

/** Percentages in the demo get the counts behind them; the denominators are plausible caseload sizes. */
const DEMO_DENOMINATORS: Record<string, number> = {
  'assessments-within-45-days': 206,
  're-referrals-12-months': 412,
  'return-home-interviews-offered': 88,
  'care-leavers-eet': 154,
  'care-leavers-suitable-accommodation': 154,
  'cp-second-or-subsequent': 96,
};

/**
 * The demo council as a council would set it up (issue 15): its own colour, logo and footer text; the
 * counts behind its percentages; one indicator nobody has updated for two months (so it shows as out
 * of date); a red action its owner marks as outside our control; and the ratings as they stood at the
 * last improvement board, so the home page has movements to show. Runs once per organisation.
 */
export async function seedCouncilDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  if (await firstRecord(db, ctx.organisationId, 'organisationBranding')) return;
  const today = todayInLondon(services.now());
  // The improvement board met six weeks ago (the governance demo has only its next meeting).
  const board = await firstRecord(db, ctx.organisationId, 'bodies', { kind: 'improvement-board' });
  const boardMet = addDays(today, -42);
  if (board) {
    await createMeeting(db, ctx.actor, {
      bodyId: board.id,
      meetingDate: boardMet,
      title: 'Monthly review',
      location: 'Ashdown Vale Civic Centre',
      minutes: 'The board reviewed the plan’s exceptions and the performance scorecard.',
    });
  }
  const png = Buffer.from(new Resvg(DEMO_LOGO_SVG, { fitTo: { mode: 'width', value: 160 } }).render().asPng());
  const logo = checkLogo(png);
  await db.transaction().execute(async (trx) => {
    await saveBranding(
      trx,
      ctx.actor,
      {
        serviceName: null,
        brandColour: '#005a5b',
        headerText: 'white',
        licenceText:
          '© Ashdown Vale Council (a fictional council). Content is available under the Open Government Licence v3.0.',
      },
      logo.ok ? { bytes: png, type: logo.type, width: logo.width, height: logo.height } : undefined,
      0,
    );

    const indicators = await trx
      .selectFrom('indicators')
      .select(['id', 'key'])
      .where('organisationId', '=', ctx.organisationId)
      .execute();
    for (const ind of indicators) {
      const d = DEMO_DENOMINATORS[ind.key];
      if (!d) continue;
      const values = await trx
        .selectFrom('indicatorValues')
        .select(['id', 'value'])
        .where('indicatorId', '=', ind.id)
        .where('value', 'is not', null)
        .execute();
      for (const v of values) {
        const n = Math.round(((v.value ?? 0) * d) / 100);
        await trx
          .updateTable('indicatorValues')
          .set({ numerator: n, denominator: d, value: Math.round((n / d) * 1000) / 10 })
          .where('id', '=', v.id)
          .execute();
      }
    }
    // Everything but the latest month was on the board's scorecard when it met.
    const kept = await trx
      .selectFrom('indicatorValues')
      .select(['id', 'period'])
      .where('organisationId', '=', ctx.organisationId)
      .execute();
    const newest = kept.reduce((m, v) => (/^\d{4}-\d{2}$/.test(v.period) && v.period > m ? v.period : m), '');
    const older = kept.filter((v) => v.period !== newest).map((v) => v.id);
    for (let i = 0; i < older.length; i += 1000) {
      await trx
        .updateTable('indicatorValues')
        .set({ updatedAt: `${addDays(boardMet, -3)}T12:00:00Z`, createdAt: `${addDays(boardMet, -3)}T12:00:00Z` })
        .where('id', 'in', older.slice(i, i + 1000))
        .execute();
    }
    // Nobody has entered return home interviews for the last two months.
    const rhi = indicators.find((i) => i.key === 'return-home-interviews-offered');
    if (rhi) {
      const latest = await trx
        .selectFrom('indicatorValues')
        .select(['id', 'period'])
        .where('indicatorId', '=', rhi.id)
        .orderBy('period', 'desc')
        .limit(2)
        .execute();
      if (latest.length)
        await trx
          .deleteFrom('indicatorValues')
          .where(
            'id',
            'in',
            latest.map((l) => l.id),
          )
          .execute();
    }

    const plan = await firstRecord(trx, ctx.organisationId, 'plans', { status: 'approved' }, [['startDate', 'desc']]);
    if (!plan) return;
    const states = await computeActionRags(trx, ctx.organisationId, { planId: plan.id }, today);
    const red = states.find((s) => s.evidenceRag === 'red');
    if (red) {
      await markOutsideControl(
        trx,
        ctx.actor,
        red.actionId,
        red.evidenceRag,
        'The national shortage of experienced social workers: agency pay rates are capped by the regional agreement, so the council cannot outbid neighbouring authorities.',
        today,
      );
    }
    // The ratings as they stood when the improvement board last met.
    const then = addDays(boardMet, -1);
    const before: Record<string, 'green' | 'amber' | 'red'> = { red: 'amber', amber: 'green', green: 'amber' };
    const rows = states
      .filter((s) => s.evidenceRag in before)
      .slice(0, 4)
      .map((s) => ({
        organisationId: ctx.organisationId,
        actionId: s.actionId,
        recordedOn: then,
        evidenceRag: before[s.evidenceRag],
        ownerRag: s.ownerRag,
        challenged: false,
      }));
    if (rows.length)
      await trx
        .insertInto('actionRagHistory')
        .values(rows)
        .onConflict((oc) => oc.columns(['actionId', 'recordedOn']).doNothing())
        .execute();
  });
}
