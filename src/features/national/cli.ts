import type { CliCommand } from '../../cli/extra-commands.js';
import { withServices } from '../../cli/services.js';

/** `npm run waymark -- national import --from <folder or file>`: load a newer DfE or Ofsted release. */
export const nationalReleaseCommand: CliCommand = {
  name: 'national',
  sub: 'import',
  usage:
    'national import --from <folder or file>         load a newer DfE or Ofsted release (tidy CSVs, outcomes sheets); reports what changed',
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
    const from = values.from;
    if (!from) throw new Error('Missing --from: the folder or CSV file of the release to load');
    const { importRelease, describeChanges } = await import('./release-import.js');
    const { NationalFileError } = await import('../../lib/national-files.js');
    await withServices(async ({ db }) => {
      try {
        console.log(describeChanges(await importRelease(db, from)));
      } catch (err) {
        if (!(err instanceof NationalFileError)) throw err;
        console.error(`Nothing was loaded. ${err.message}`);
        process.exitCode = 65;
      }
    });
  },
};

/** `npm run waymark -- national import-inspections [--dir D]`: load Ofsted's published outcomes CSVs. */
export const nationalImportCommand: CliCommand = {
  name: 'national',
  sub: 'import-inspections',
  usage:
    "national import-inspections [--dir D]              load Ofsted's local authority inspection outcomes (CSV) into the national table",
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { dir: { type: 'string' } } });
    const { importNationalOutcomes, OFSTED_DATA_DIR } = await import('./import.js');
    await withServices(async ({ db }) => {
      const result = await importNationalOutcomes(db, values.dir ?? OFSTED_DATA_DIR);
      console.log(`Imported ${result.rows} inspections and visits of ${result.authorities} local authorities.`);
    });
  },
};
