/**
 * Matching an authority's name as a report prints it ("Tameside metropolitan borough", "Bristol City of",
 * "Durham County Council", "London Borough of Barnet", "Hull City Council") to the national list of
 * local authorities (DfE's names: "Tameside", "Bristol, City of", "County Durham", "Barnet",
 * "Kingston upon Hull, City of") and so to its codes. Pure.
 *
 * Names are compared as sets of words after dropping the words of local government ("council",
 * "borough", "city of", "metropolitan"…). An exact set wins; otherwise a unique list name containing
 * every word of the report's name (Hull → Kingston upon Hull). Where two list entries share a name
 * (Dorset before and after 2019), the one that existed at the inspection date wins.
 */
export interface NationalAuthority {
  /** DfE 3-digit code (organisations.la_code). */
  laCode: string;
  /** ONS 9-character code (E06000047). */
  gssCode: string;
  name: string;
  /** First and last years the authority appears in the national list (inclusive). */
  from: number;
  to: number;
}

export interface AuthorityMatch {
  match: NationalAuthority | null;
  /** Set when the name fits more than one authority, or none: say so rather than guess. */
  problem: string | null;
}

const DROP = new Set([
  'the',
  'of',
  'council',
  'city',
  'county',
  'borough',
  'metropolitan',
  'district',
  'royal',
  'corporation',
  'mbc',
  'local',
  'authority',
  'authorities',
  'children',
  's',
  'services',
  'service',
  'social',
  'care',
  'london',
  'unitary',
]);
/** Words that are part of a name however they are spelled. */
const ALIASES: [RegExp, string][] = [
  [/&/g, ' and '],
  [/\bsaint\b/g, 'st'],
  [/\bst\.\s*/g, 'st '],
];

export function nameWords(name: string): string[] {
  let t = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  for (const [re, to] of ALIASES) t = t.replace(re, to);
  // "City of London" is an authority: keep "london" only when it is the whole name.
  const words = t
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w) => !DROP.has(w));
  if (!kept.length && words.includes('london')) return ['london'];
  return kept;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w) => b.includes(w));
}

/** True when two names are the same authority's however it is styled ("Ashdown Vale Council", "Ashdown Vale"). */
export function sameAuthorityName(a: string, b: string): boolean {
  return sameSet(nameWords(a), nameWords(b));
}

/** One entry per code, the latest; where names collide, those that existed in `year` (or the current ones). */
function pick(entries: NationalAuthority[], year: number | null): NationalAuthority[] {
  const byCode = new Map<string, NationalAuthority>();
  for (const e of entries) {
    const prev = byCode.get(e.gssCode);
    if (!prev || e.to > prev.to) byCode.set(e.gssCode, e);
  }
  let unique = [...byCode.values()].sort((a, b) => b.to - a.to);
  if (unique.length > 1) {
    const then =
      year === null
        ? unique.filter((e) => e.to === unique[0].to)
        : unique.filter((e) => e.from <= year && year <= e.to);
    if (then.length) unique = then;
  }
  return unique;
}

export function matchAuthority(
  name: string | null,
  list: NationalAuthority[],
  onDate: string | null = null,
): AuthorityMatch {
  if (!name)
    return { match: null, problem: 'The report’s authority could not be read, so it cannot be checked against yours.' };
  const words = nameWords(name);
  if (!words.length) return { match: null, problem: `“${name}” is not the name of a local authority Waymark knows.` };
  const year = onDate ? Number(onDate.slice(0, 4)) : null;
  const exact = pick(
    list.filter((a) => sameSet(nameWords(a.name), words)),
    year,
  );
  const candidates = exact.length
    ? exact
    : pick(
        list.filter((a) => words.every((w) => nameWords(a.name).includes(w))),
        year,
      );
  const codes = new Set(candidates.map((c) => c.laCode));
  if (codes.size === 1) return { match: candidates[0], problem: null };
  if (!candidates.length)
    return {
      match: null,
      problem: `“${name}” does not match any local authority in the national list: check the report is of your authority.`,
    };
  const names = [...new Set(candidates.map((c) => c.name))].slice(0, 4).join(', ');
  return {
    match: null,
    problem: `“${name}” could be more than one authority (${names}): check the report is of your authority.`,
  };
}
