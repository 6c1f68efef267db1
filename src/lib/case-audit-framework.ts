/**
 * A case file audit framework as data: themes with their standards, and the grading scale. Editors
 * write it as plain text (one theme a line, its standards below it as "- A1 The assessment …"), so the
 * form works without JavaScript and reads like the council's own audit tool.
 */
import crypto from 'node:crypto';

/** Where a grade counts in the results: good or better, inadequate, or neither. */
export type GradeBand = 'good-or-better' | 'other' | 'inadequate';

export interface Grade {
  key: string;
  label: string;
  band: GradeBand;
}

export interface Standard {
  key: string;
  code: string;
  text: string;
}

export interface Theme {
  key: string;
  name: string;
  standards: Standard[];
}

export interface FrameworkContent {
  themes: Theme[];
  scale: Grade[];
}

/** A standard that does not apply to this child's case ("N/A"): left out of every count. */
export const NOT_APPLICABLE = 'n-a';

/** Ofsted's four grades, the default scale: outstanding and good are "good or better". */
export const OFSTED_SCALE: Grade[] = [
  { key: 'outstanding', label: 'Outstanding', band: 'good-or-better' },
  { key: 'good', label: 'Good', band: 'good-or-better' },
  { key: 'requires-improvement', label: 'Requires improvement to be good', band: 'other' },
  { key: 'inadequate', label: 'Inadequate', band: 'inadequate' },
];

export const LIMITS = {
  themes: 20,
  standards: 100,
  themeName: 120,
  standardText: 500,
  code: 12,
  grades: 7,
  gradeLabel: 60,
} as const;

export interface LineError {
  line: number;
  message: string;
}

/** Lower-case words joined by hyphens, at most `max` characters (cut at a hyphen where it can be). */
export function slugKey(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/**
 * A slug that stays unique when cut short: long text keeps its first words and gains six characters of
 * its own SHA-256, so "Family Support North and …" and "Family Support North but …" never collide.
 */
export function shortKey(text: string, max = 24): string {
  const full = slugKey(text, 200) || 'none';
  if (full.length <= max) return full;
  const digest = crypto.createHash('sha256').update(full).digest('hex').slice(0, 6);
  return `${slugKey(full, max - 7)}-${digest}`;
}

const STANDARD_LINE = /^[-*•–]\s*(.*)$/;
/** "A1 …", "CP2: …", "1.3 …" or "4. …": a code first; plain words ("The child …") have none. */
const CODE = /^([A-Za-z]{1,3}\d{1,2}(?:\.\d{1,2})?[a-z]?|\d{1,2}\.\d{1,2}[a-z]?)[:.)]?\s+(.+)$|^(\d{1,2})[:.)]\s+(.+)$/;

/**
 * Read the framework text: a line is a theme; a line starting with "-" (or "*", "•") is a standard of
 * the theme above, optionally with its code first ("- A1 The child was seen alone" or "- 1.2: …"). A
 * standard without a code is numbered theme.standard (1.1, 1.2, …). Every problem names its line.
 */
export function parseFrameworkText(text: string): { themes: Theme[]; errors: LineError[] } {
  const themes: Theme[] = [];
  const errors: LineError[] = [];
  const codeLines = new Map<string, number>();
  const themeLines = new Map<string, number>();
  let standards = 0;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    const standard = STANDARD_LINE.exec(trimmed);
    if (!standard) {
      const name = trimmed.replace(/^#+\s*/, '');
      if (name.length > LIMITS.themeName)
        errors.push({ line, message: `Line ${line}: a theme name must be ${LIMITS.themeName} characters or fewer` });
      const key = slugKey(name);
      if (!key) {
        errors.push({ line, message: `Line ${line}: a theme name needs letters or numbers` });
        return;
      }
      const earlier = themeLines.get(key);
      if (earlier)
        errors.push({ line, message: `Line ${line}: the theme “${name}” is the same as the one on line ${earlier}` });
      themeLines.set(key, line);
      if (themes.length === LIMITS.themes)
        errors.push({ line, message: `Line ${line}: a framework has at most ${LIMITS.themes} themes` });
      themes.push({ key, name, standards: [] });
      return;
    }
    const theme = themes.at(-1);
    if (!theme) {
      errors.push({ line, message: `Line ${line}: a standard must come after the name of its theme` });
      return;
    }
    const body = standard[1].trim();
    const coded = CODE.exec(body);
    const code = coded ? (coded[1] ?? coded[3]) : `${themes.length}.${theme.standards.length + 1}`;
    const textPart = (coded ? (coded[2] ?? coded[4]) : body).trim();
    if (!textPart) {
      errors.push({ line, message: `Line ${line}: write what the standard asks after the “-”` });
      return;
    }
    if (textPart.length > LIMITS.standardText)
      errors.push({ line, message: `Line ${line}: a standard must be ${LIMITS.standardText} characters or fewer` });
    const key = code.toLowerCase();
    const earlier = codeLines.get(key);
    if (earlier)
      errors.push({
        line,
        message: `Line ${line}: standard ${code} is already used on line ${earlier}; give each standard its own code, like A1 or 1.1`,
      });
    codeLines.set(key, line);
    standards++;
    if (standards === LIMITS.standards + 1)
      errors.push({ line, message: `Line ${line}: a framework has at most ${LIMITS.standards} standards` });
    theme.standards.push({ key, code, text: textPart });
  });
  if (!themes.length) errors.push({ line: 1, message: 'Enter at least one theme with its standards' });
  for (const t of themes)
    if (!t.standards.length)
      errors.push({
        line: themeLines.get(t.key) ?? 1,
        message: `Theme “${t.name}” has no standards: add at least one line starting with “-” below it`,
      });
  return { themes, errors };
}

/** The text an editor would type for these themes (what the edit form starts from). */
export function frameworkText(themes: readonly Theme[]): string {
  return themes.map((t) => [t.name, ...t.standards.map((s) => `- ${s.code} ${s.text}`)].join('\n')).join('\n\n');
}

/**
 * The grading scale from text, one grade a line, best first. The top `goodOrBetter` grades count as
 * good or better and the last one as inadequate; any between count as neither.
 */
export function parseScaleText(text: string, goodOrBetter: number): { scale: Grade[]; errors: LineError[] } {
  const labels = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l, i) => ({ label: l.trim(), line: i + 1 }))
    .filter((l) => l.label);
  const errors: LineError[] = [];
  if (labels.length < 2 || labels.length > LIMITS.grades)
    errors.push({ line: 1, message: `A grading scale has between 2 and ${LIMITS.grades} grades, one a line` });
  if (!Number.isInteger(goodOrBetter) || goodOrBetter < 1 || goodOrBetter > labels.length - 1) {
    errors.push({
      line: 1,
      message: `Between 1 and ${Math.max(1, labels.length - 1)} of the top grades can count as good or better (the lowest grade is inadequate)`,
    });
  }
  const scale = keyScale(
    labels.map((l, i) => ({
      label: l.label,
      band: i < goodOrBetter ? 'good-or-better' : i === labels.length - 1 ? 'inadequate' : 'other',
    })),
  );
  errors.push(...scaleErrors(scale).map((e) => ({ line: labels[e.index]?.line ?? 1, message: e.message })));
  return { scale, errors };
}

/**
 * Keys for grades given by label: a grade of the previous version keeps its key (so a renamed scale
 * still reads old grades), Ofsted's grades keep their usual keys ("requires-improvement"), and any
 * other grade is keyed by its words.
 */
export function keyScale(
  grades: readonly { label: string; band: GradeBand }[],
  previous: readonly Grade[] = [],
): Grade[] {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return grades.map((g) => ({
    key:
      previous.find((p) => same(p.label, g.label))?.key ??
      OFSTED_SCALE.find((o) => same(o.label, g.label))?.key ??
      slugKey(g.label),
    label: g.label.trim(),
    band: g.band,
  }));
}

/** What is wrong with a scale: labels, keys and the order of the bands (good or better first, inadequate last). */
export function scaleErrors(scale: readonly Grade[]): { index: number; message: string }[] {
  const errors: { index: number; message: string }[] = [];
  const seen = new Map<string, number>();
  const order: Record<GradeBand, number> = { 'good-or-better': 0, other: 1, inadequate: 2 };
  scale.forEach((g, i) => {
    if (!g.key) errors.push({ index: i, message: `Grade ${i + 1} needs letters or numbers in its name` });
    if (g.label.length > LIMITS.gradeLabel)
      errors.push({
        index: i,
        message: `Grade “${g.label.slice(0, 20)}…” must be ${LIMITS.gradeLabel} characters or fewer`,
      });
    if (g.key === NOT_APPLICABLE || /^(n\/?a|not applicable)$/i.test(g.label))
      errors.push({
        index: i,
        message: `“${g.label}” is not a grade: Waymark offers “not applicable” on every standard`,
      });
    const earlier = seen.get(g.key);
    if (earlier !== undefined)
      errors.push({ index: i, message: `Grade “${g.label}” is the same as grade ${earlier + 1}` });
    seen.set(g.key, i);
    if (i > 0 && order[g.band] < order[scale[i - 1].band])
      errors.push({
        index: i,
        message: 'Grades go from best to worst: good-or-better grades first, the inadequate grade last',
      });
  });
  if (scale.length && scale[0].band !== 'good-or-better')
    errors.push({ index: 0, message: 'The best grade must count as good or better' });
  if (scale.length && scale.at(-1)!.band !== 'inadequate')
    errors.push({ index: scale.length - 1, message: 'The lowest grade must count as inadequate' });
  return errors;
}

/** How many top grades count as good or better (what the scale form shows). */
export function goodOrBetterCount(scale: readonly Grade[]): number {
  return scale.filter((g) => g.band === 'good-or-better').length;
}

function initials(label: string): string {
  return label
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0])
    .join('')
    .toLowerCase();
}

/**
 * A grade as people write it in a spreadsheet: the label or its key ("Requires improvement to be good",
 * "requires-improvement"), the start of a label when only one grade starts that way ("Requires
 * improvement"), the initials of its first two words when unique ("RI"), or its number counting from
 * the best (1 = outstanding on Ofsted's scale). "N/A" is not applicable where `allowNotApplicable`.
 * Returns the grade key, or null when the text is no grade of this scale.
 */
export function parseGrade(scale: readonly Grade[], text: string, allowNotApplicable = false): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!t) return null;
  if (/^(n\/?a|not applicable|n-a)$/.test(t)) return allowNotApplicable ? NOT_APPLICABLE : null;
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= scale.length ? scale[n - 1].key : null;
  }
  const exact = scale.find((g) => g.label.toLowerCase() === t || g.key === t);
  if (exact) return exact.key;
  const prefixed = scale.filter((g) => g.label.toLowerCase().startsWith(t) && t.length >= 3);
  if (prefixed.length === 1) return prefixed[0].key;
  const byInitials = scale.filter((g) => initials(g.label) === t);
  if (byInitials.length === 1) return byInitials[0].key;
  return null;
}

export function gradeLabel(scale: readonly Grade[], key: string | null | undefined): string {
  if (!key) return 'Not graded';
  if (key === NOT_APPLICABLE) return 'Not applicable';
  return scale.find((g) => g.key === key)?.label ?? key;
}

export function allStandards(themes: readonly Theme[]): (Standard & { themeKey: string })[] {
  return themes.flatMap((t) => t.standards.map((s) => ({ ...s, themeKey: t.key })));
}
