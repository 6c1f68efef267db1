/**
 * Recognising a published national table by its header (never its file name) and saying which release
 * it is: DfE Explore Education Statistics tidy CSVs (one per publication table Waymark reads), the ONS
 * population estimates DfE republishes, the statistical neighbour model, and Ofsted's local authority
 * inspection outcomes sheets (title, note, then the header on line 3). Pure: text in, a description out.
 */
import { parse } from 'csv-parse/sync';

export type NationalFileKind =
  'dfe-measures' | 'dfe-population' | 'dfe-neighbours' | 'ofsted-history' | 'ofsted-in-year' | 'ofsted-as-at';

export interface MeasureGroup {
  /** The key the measures name as their `file` (the table as DfE publishes it). */
  table: string;
  publication: string;
  columns: string[];
  /** Column values that tell two tables with the same header apart (care leavers' accommodation and activity). */
  needsValue?: [string, string];
}

export interface RecognisedFile {
  kind: NationalFileKind;
  /** For DfE measure tables: which table it is. */
  table?: string;
  /** Source key under which its vintage is kept ("dfe:Children in need", "ofsted:outcomes"). */
  sourceKey: string;
  /** "DfE children in need, year ending 31 March 2025". */
  label: string;
  latestPeriod: string | null;
}

export class NationalFileError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    readonly column: string | null,
    readonly problem: string,
  ) {
    super(`${file}${row !== null ? `, row ${row}` : ''}${column ? `, column "${column}"` : ''}: ${problem}`);
  }
}

const GEOGRAPHY = ['time_period', 'geographic_level', 'la_name', 'old_la_code'];

/** How DfE names the period of each publication's reporting year. */
export function vintageLabel(publication: string, year: number): string {
  if (/workforce/i.test(publication)) return `${publication} (DfE), at 30 September ${year}`;
  if (/population/i.test(publication)) return `${publication}, mid-${year}`;
  return `DfE ${publication.charAt(0).toLowerCase()}${publication.slice(1)}, year ending 31 March ${year}`;
}

function header(file: string, text: string, fromLine = 1): { columns: string[]; rows: Record<string, string>[] } {
  try {
    const rows = parse(text, {
      bom: true,
      from_line: fromLine,
      columns: (h: string[]) => h.map((c) => c.replace(/^\uFEFF/, '').trim()),
      skip_empty_lines: true,
      relax_column_count: true,
    }) as Record<string, string>[];
    return { columns: rows.length ? Object.keys(rows[0]) : [], rows };
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? null;
    throw new NationalFileError(
      file,
      line,
      null,
      `the CSV cannot be read (${(err as Error).message.replace(/^Invalid Record Length: /, '')})`,
    );
  }
}

function latestYear(file: string, rows: Record<string, string>[]): number | null {
  let latest: number | null = null;
  rows.forEach((r, i) => {
    const raw = String(r.time_period ?? '');
    const y = Number(raw.slice(0, 4));
    if (!/^\d{4}/.test(raw) || y < 1990)
      throw new NationalFileError(file, i + 2, 'time_period', `“${raw.slice(0, 20)}” is not a year`);
    if (latest === null || y > latest) latest = y;
  });
  return latest;
}

/**
 * What a file is, from its header: one of the DfE tables in `groups` (all their columns present, and the
 * telling value where two share a header), the population estimates, the neighbour model, or an Ofsted
 * outcomes sheet. Anything else is refused naming the header row.
 */
export function recogniseNationalFile(file: string, text: string, groups: MeasureGroup[]): RecognisedFile {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(',') || /^[^,]*\b(inspection|judgements|activity)\b/i.test(firstLine)) {
    // Ofsted's sheets: a title line, a note line, the header on line 3.
    const { columns, rows } = header(file, text, 3);
    if (columns.includes('Local authority area code') && columns.includes('Local authority name')) {
      const dates = rows
        .map((r) => r['Inspection date'] ?? r['Inspection/Visit date'] ?? '')
        .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
        .sort();
      const to = dates[dates.length - 1] ?? null;
      const label = (what: string) => `Ofsted ${what}${to ? `, inspections to ${to}` : ''}`;
      // The history sheet names its type column "Inspection type", the in-year sheet "Inspection/Visit type".
      const sheet = columns.includes('Inspection type')
        ? (['history', 'ILACS inspection history'] as const)
        : columns.includes('Inspection/Visit type')
          ? (['in-year', 'in-year inspections and visits'] as const)
          : null;
      if (sheet)
        return {
          kind: `ofsted-${sheet[0]}`,
          sourceKey: `ofsted:${sheet[0]}`,
          label: label(sheet[1]),
          latestPeriod: to,
        };
      return { kind: 'ofsted-as-at', sourceKey: 'ofsted:as-at', label: `Ofsted ${firstLine.trim()}`, latestPeriod: to };
    }
  }
  const { columns, rows } = header(file, text);
  if (!columns.length) throw new NationalFileError(file, 1, null, 'the file has no header row');
  if (columns.includes('la_name') && columns.some((c) => /^SN_?1$/i.test(c))) {
    return {
      kind: 'dfe-neighbours',
      sourceKey: 'dfe:neighbours',
      label: 'DfE statistical neighbour model',
      latestPeriod: null,
    };
  }
  const missingGeo = GEOGRAPHY.filter((c) => !columns.includes(c));
  if (missingGeo.length) {
    throw new NationalFileError(
      file,
      1,
      missingGeo[0],
      `not a DfE tidy CSV or an Ofsted outcomes sheet Waymark knows: the header has no "${missingGeo.join('", "')}" (it has ${columns
        .slice(0, 6)
        .map((c) => `"${c}"`)
        .join(', ')}${columns.length > 6 ? '…' : ''})`,
    );
  }
  const matches = groups.filter(
    (g) =>
      g.columns.every((c) => columns.includes(c)) &&
      (!g.needsValue || rows.some((r) => r[g.needsValue![0]] === g.needsValue![1])),
  );
  const year = latestYear(file, rows);
  if (matches.length === 1) {
    const g = matches[0];
    return {
      kind: 'dfe-measures',
      table: g.table,
      sourceKey: `dfe:${g.table}`,
      label: year ? vintageLabel(g.publication, year) : `DfE ${g.publication}`,
      latestPeriod: year ? String(year) : null,
    };
  }
  if (!matches.length && columns.includes('population_estimate') && columns.includes('age_group')) {
    return {
      kind: 'dfe-population',
      sourceKey: 'dfe:population',
      label: year
        ? vintageLabel('ONS population estimates of children aged 0 to 17', year)
        : 'ONS population estimates',
      latestPeriod: year ? String(year) : null,
    };
  }
  if (matches.length > 1)
    throw new NationalFileError(
      file,
      1,
      null,
      `the header fits more than one DfE table (${matches.map((m) => m.table).join(', ')})`,
    );
  const closest = groups
    .map((g) => ({ g, missing: g.columns.filter((c) => !columns.includes(c)) }))
    .sort((a, b) => a.missing.length - b.missing.length)[0];
  throw new NationalFileError(
    file,
    1,
    closest?.missing[0] ?? null,
    `a DfE tidy CSV, but not one of the tables Waymark reads${closest ? ` (closest: ${closest.g.table}, which needs column${closest.missing.length > 1 ? 's' : ''} "${closest.missing.join('", "')}")` : ''}`,
  );
}
