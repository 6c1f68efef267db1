import type { CliCommand } from '../../cli/extra-commands.js';

/** `npm run waymark -- national import-inspections [--dir D]`: load Ofsted's published outcomes CSVs. */
export const nationalImportCommand: CliCommand = {
  name: 'national',
  sub: 'import-inspections',
  usage: 'national import-inspections [--dir D]              load Ofsted\'s local authority inspection outcomes (CSV) into the national table',
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { dir: { type: 'string' } } });
    const { loadConfig } = await import('../../config.js');
    const { createServices } = await import('../../container.js');
    const { importNationalOutcomes, OFSTED_DATA_DIR } = await import('./import.js');
    const services = await createServices(loadConfig());
    try {
      const result = await importNationalOutcomes(services.db, values.dir ?? OFSTED_DATA_DIR);
      console.log(`Imported ${result.rows} inspections and visits of ${result.authorities} local authorities.`);
    } finally {
      await services.close();
    }
  },
};
