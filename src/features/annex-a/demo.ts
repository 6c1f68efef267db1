import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import { addDays, todayInLondon } from '../../lib/dates.js';
import { generateWorkbookBuffer } from './generator.js';
import { runImport } from './service.js';

/**
 * One committed Annex A snapshot of 300 synthetic children, generated in memory. Safe to run twice: an
 * organisation that already has a committed snapshot is left alone.
 */
export async function seedAnnexADemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  if (await firstRecord(db, ctx.organisationId, 'annexImports', { status: 'committed' })) return;
  // The last day of the previous month, so the snapshot period is complete.
  const today = todayInLondon(services.now());
  const referenceDate = addDays(`${today.slice(0, 7)}-01`, -1);
  const file = await generateWorkbookBuffer({ children: 300, referenceDate, seed: 42 });
  await runImport(db, ctx.actor, 'Demo data', {
    source: { buffer: file },
    filename: 'synthetic-annex-a.xlsx',
    referenceDate,
    mode: 'commit',
  });
}
