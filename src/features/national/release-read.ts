import fs from 'node:fs';
import path from 'node:path';
import {
  DfeLayoutError,
  readMeasures,
  readNeighbours,
  readPopulation,
  parseTidyCsv,
  type BenchmarkRow,
  type PopulationTable,
} from '../../lib/dfe-tidy.js';
import { OutcomesFormatError, parseOutcomesCsv, type NationalOutcome } from '../../lib/national-outcomes.js';
import {
  NationalFileError,
  recogniseNationalFile,
  type MeasureGroup,
  type RecognisedFile,
} from '../../lib/national-files.js';
import { NATIONAL_MEASURES, POPULATION_FILE } from '../benchmarks/measures.js';
import { DFE_DATA_DIR } from '../../paths.js';

/**
 * The first half of `national import`: recognise every file of a release by its header and parse it,
 * so a file in the wrong format is refused (naming its row and column) before anything is written.
 */
export const MEASURE_GROUPS: MeasureGroup[] = [...new Set(NATIONAL_MEASURES.map((m) => m.file))].map((table) => {
  const specs = NATIONAL_MEASURES.filter((m) => m.file === table);
  const columns = [...new Set(specs.flatMap((s) => [s.column, ...Object.keys(s.filters ?? {})]))];
  const distinct = specs.find((s) => s.filters && Object.keys(s.filters).includes('breakdown'));
  return {
    table,
    publication: specs[0].publication,
    columns,
    needsValue: distinct ? (['breakdown', distinct.filters!.breakdown] as [string, string]) : undefined,
  };
});

function csvFiles(from: string): string[] {
  if (!fs.existsSync(from)) throw new NationalFileError(from, null, null, 'no such file or folder');
  if (fs.statSync(from).isDirectory()) {
    const files = fs
      .readdirSync(from)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort()
      .map((f) => path.join(from, f));
    if (!files.length) throw new NationalFileError(from, null, null, 'the folder has no .csv files');
    return files;
  }
  return [from];
}

export interface Parsed {
  file: string;
  text: string;
  recognised: RecognisedFile;
  measures?: BenchmarkRow[];
  population?: PopulationTable;
  areas?: Map<string, { laName: string; regionName: string | null }>;
  neighbours?: ReturnType<typeof readNeighbours>;
  outcomes?: NationalOutcome[];
}

function asFileError(file: string, err: unknown): never {
  if (err instanceof NationalFileError) throw err;
  if (err instanceof DfeLayoutError) {
    const m = /row (\d+), column "([^"]+)": (.*)/.exec(err.problems[0] ?? '');
    throw m
      ? new NationalFileError(file, Number(m[1]), m[2], m[3])
      : new NationalFileError(file, null, null, err.problems.join('; '));
  }
  if (err instanceof OutcomesFormatError) throw new NationalFileError(file, 3, null, err.message);
  throw err;
}

/** Read and check every file; nothing is written. */
export function readRelease(from: string): Parsed[] {
  const files = csvFiles(from);
  const parsed: Parsed[] = files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { file, text, recognised: recogniseNationalFile(path.basename(file), text, MEASURE_GROUPS) };
  });
  const populationFile = parsed.find((p) => p.recognised.kind === 'dfe-population');
  let population: PopulationTable;
  try {
    population = populationFile
      ? readPopulation(path.basename(populationFile.file), populationFile.text)
      : readPopulation(POPULATION_FILE, fs.readFileSync(path.join(DFE_DATA_DIR, POPULATION_FILE), 'utf8'));
  } catch (err) {
    asFileError(path.basename(populationFile?.file ?? POPULATION_FILE), err);
  }
  for (const p of parsed) {
    const name = path.basename(p.file);
    try {
      if (p.recognised.kind === 'dfe-measures') {
        p.measures = readMeasures(
          name,
          p.text,
          NATIONAL_MEASURES.filter((m) => m.file === p.recognised.table),
          population,
        );
      } else if (p.recognised.kind === 'dfe-population') {
        p.population = population;
        p.areas = new Map();
        for (const r of parseTidyCsv(name, p.text)) {
          if (r.geographic_level === 'Local authority' && /^\d{3}$/.test(r.old_la_code ?? ''))
            p.areas.set(r.old_la_code, { laName: r.la_name, regionName: r.region_name || null });
        }
      } else if (p.recognised.kind === 'dfe-neighbours') {
        p.neighbours = readNeighbours(name, p.text);
      } else if (p.recognised.kind === 'ofsted-history' || p.recognised.kind === 'ofsted-in-year') {
        p.outcomes = parseOutcomesCsv(p.text);
        p.outcomes.forEach((o, i) => {
          if (!/^E\d{8}$/.test(o.gssCode))
            throw new NationalFileError(
              name,
              i + 4,
              'Local authority area code',
              `“${o.gssCode.slice(0, 20)}” is not an area code like E06000016`,
            );
        });
      }
    } catch (err) {
      asFileError(name, err);
    }
  }
  return parsed;
}
