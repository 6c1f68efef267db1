/**
 * Which figures read which lists and columns, so the quality report can say what a missing list, a
 * missing column or a column of bad values affects (and whether that makes it an error).
 */
import { INDICATORS, listsOf } from './indicators.js';

let byColumn: Map<string, string[]> | undefined;
let needing: Map<string, string[]> | undefined;
let byList: Map<number, string[]> | undefined;

function build(): void {
  byColumn = new Map();
  needing = new Map();
  byList = new Map();
  for (const def of INDICATORS) {
    for (const ref of def.columns) {
      const k = `${ref.list}|${ref.key}`;
      needing.set(k, [...(needing.get(k) ?? []), def.name]);
    }
    for (const ref of [...def.columns, ...(def.oneOf ?? []).flat()]) {
      const k = `${ref.list}|${ref.key}`;
      const names = byColumn.get(k) ?? [];
      if (!names.includes(def.name)) names.push(def.name);
      byColumn.set(k, names);
    }
    for (const n of listsOf(def)) byList.set(n, [...(byList.get(n) ?? []), def.name]);
  }
}

/** The names of the indicators that read this column of this list. */
export function figuresUsingColumn(list: number, key: string): string[] {
  if (!byColumn) build();
  return byColumn!.get(`${list}|${key}`) ?? [];
}

/** The names of the indicators that read this list. */
export function figuresUsingList(list: number): string[] {
  if (!byList) build();
  return byList!.get(list) ?? [];
}

/** The names of the indicators that cannot be computed without this column. */
export function figuresNeedingColumn(list: number, key: string): string[] {
  if (!needing) build();
  return needing!.get(`${list}|${key}`) ?? [];
}

/**
 * Groups of alternative columns on this list of which none is present (for example neither "Allocated
 * Worker" nor "Allocated Personal Advisor"), with the figures that need one of them.
 */
export function unmetAlternatives(
  list: number,
  present: (key: string) => boolean,
): { keys: string[]; figures: string[] }[] {
  const out: { keys: string[]; figures: string[] }[] = [];
  for (const def of INDICATORS) {
    for (const group of def.oneOf ?? []) {
      if (group[0].list !== list || group.some((ref) => present(ref.key))) continue;
      const keys = group.map((ref) => ref.key);
      const same = out.find((o) => o.keys.join() === keys.join());
      if (same) same.figures.push(def.name);
      else out.push({ keys, figures: [def.name] });
    }
  }
  return out;
}
