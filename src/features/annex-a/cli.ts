import { parseArgs } from 'node:util';
import type { CliCommand } from '../../cli/extra-commands.js';
import { isIsoDate, todayInLondon } from '../../lib/dates.js';
import { generateWorkbookFile, GENERATOR_DEFECTS } from './generator.js';

/** `annex-a generate --children N --out file.xlsx`: a synthetic workbook; needs no database. */
export const annexAGenerateCommand: CliCommand = {
  name: 'annex-a',
  sub: 'generate',
  usage:
    'annex-a generate --children N --out FILE.xlsx [--reference-date YYYY-MM-DD] [--seed S] [--template 2020|2024] [--no-defects]\n                                                 write a synthetic Annex A workbook in the published template (no database needed)',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        children: { type: 'string' },
        out: { type: 'string' },
        'reference-date': { type: 'string' },
        seed: { type: 'string' },
        template: { type: 'string' },
        'no-defects': { type: 'boolean' },
      },
    });
    const children = Number(values.children);
    if (!Number.isInteger(children) || children < 1 || children > 2_000_000)
      throw new Error('--children must be a whole number from 1 to 2,000,000');
    if (!values.out) throw new Error('Missing --out FILE.xlsx');
    const referenceDate = values['reference-date'] ?? todayInLondon();
    if (!isIsoDate(referenceDate)) throw new Error('--reference-date must be a date like 2024-06-30');
    const seed = values.seed ? Number(values.seed) : undefined;
    const template = values.template ?? '2024';
    if (template !== '2020' && template !== '2024') throw new Error('--template must be 2020 or 2024');
    const started = Date.now();
    const { rows } = await generateWorkbookFile(
      { children, referenceDate, seed, template, defects: !values['no-defects'] },
      values.out,
    );
    console.log(
      `Wrote ${values.out}: ${children} synthetic children, ${rows} rows across lists 1–11 in the ${template} template, reference date ${referenceDate} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    if (!values['no-defects']) console.log(`Deliberate defects:\n  - ${GENERATOR_DEFECTS.join('\n  - ')}`);
  },
};
