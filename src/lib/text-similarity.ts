/**
 * How alike two findings are, coping with rewording: "The quality and consistency of assessments" and
 * "Improve the consistency of assessment quality" are the same finding in different words.
 *
 * Method (docs/adr/0101-repeated-findings-similarity.md): lower-case, split into words, drop common
 * words and the verbs every recommendation starts with ("ensure", "improve"), reduce each word to a
 * crude stem ("assessments", "assessing" → "assess"), map a few synonyms used in reports ("looked
 * after" → "care", "placement" → "home"), then compare the two sets of stems with a weighted Dice
 * coefficient and a weighted overlap coefficient (shared weight over the shorter text's weight, so a
 * short finding restated inside a long recommendation still matches), averaged. Generic qualifiers
 * ("quality", "timeliness", "consistency"…) count for less than the subject words. 1 means the same
 * stems, 0 nothing in common.
 */

const STOPWORDS = new Set(
  (
    'a an and are as at be been being both but by can do does for from has have in into is it its of on or so such ' +
    'than that the their them there these they this those to was were which while who whom will with within without ' +
    'all any more most other some our your we us also when where how what not no only own same very across including ' +
    'ensure ensuring improve improving improved improvement improvements need needs make making sure continue develop ' +
    'local authority authorities service services child children young people person persons family families over aged age'
  ).split(/\s+/),
);

/** Words that qualify the subject of a finding rather than name it: they count for less. */
const GENERIC = new Set([
  'qual',
  'quality',
  'consist',
  'practic',
  'arrang',
  'time',
  'effect',
  'robust',
  'practice',
  'work',
  'social',
  'oversight',
  'management',
  'manag',
  'arrang',
  'support',
  'further',
  'impact',
  'all',
]);
const GENERIC_WEIGHT = 0.3;

const SYNONYMS: Record<string, string> = {
  looked: 'care',
  lac: 'care',
  cla: 'care',
  cic: 'care',
  placement: 'home',
  plac: 'home',
  caseload: 'case',
  social_worker: 'worker',
  practitioner: 'worker',
  staff: 'worker',
  workforce: 'worker',
};

/** A crude English stemmer, enough to make plurals, -ing, -ed, -ment, -ness and -ly forms meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  const rules: [RegExp, string][] = [
    [/iveness$/, ''],
    [/fulness$/, ''],
    [/liness$/, ''],
    [/ness$/, ''],
    [/ments?$/, ''],
    [/ational$/, 'ate'],
    [/ations?$/, ''],
    [/ities$/, ''],
    [/ity$/, ''],
    [/encies$/, 'ent'],
    [/ency$/, 'ent'],
    [/ently$/, 'ent'],
    [/ies$/, 'y'],
    [/ingly$/, ''],
    [/ing$/, ''],
    [/ively$/, ''],
    [/ive$/, ''],
    [/edly$/, ''],
    [/ed$/, ''],
    [/ly$/, ''],
    [/sses$/, 'ss'],
    [/([^s])es$/, '$1e'],
    [/([^su])s$/, '$1'],
  ];
  for (const [re, to] of rules) {
    if (re.test(w)) {
      const next = w.replace(re, to);
      if (next.length >= 3) {
        w = next;
        break;
      }
    }
  }
  // "planning" → "plann" → "plan"; keep "assess", "skill".
  if (/([b-df-hj-np-rtv-z])\1$/.test(w) && !/(ss|ll|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1);
  if (w === 'consistent' || w === 'consist') return 'consist';
  if (w === 'timel' || w === 'tim' || w === 'timely') return 'time';
  if (w.startsWith('effect')) return 'effect';
  return w;
}

/** The stems of a text, without common words, with report synonyms folded together. */
export function stems(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/looked[\s-]+after/g, 'looked')
    .replace(/social\s+workers?/g, 'social_worker')
    .split(/[^a-z0-9_]+/)
    .filter((w) => w && !STOPWORDS.has(w) && !/^\d+$/.test(w));
  const out = new Set<string>();
  for (const w of words) {
    const s = stem(w);
    out.add(SYNONYMS[w] ?? SYNONYMS[s] ?? s);
  }
  return out;
}

function weight(stemmed: string): number {
  return GENERIC.has(stemmed) ? GENERIC_WEIGHT : 1;
}

/** Mean of the weighted Dice and overlap coefficients of the two texts' stems: 0 nothing shared, 1 same stems. */
export function similarity(a: string, b: string): number {
  const sa = stems(a);
  const sb = stems(b);
  if (!sa.size || !sb.size) return 0;
  let shared = 0;
  let totalA = 0;
  let totalB = 0;
  for (const s of sa) {
    totalA += weight(s);
    if (sb.has(s)) shared += weight(s);
  }
  for (const s of sb) totalB += weight(s);
  const dice = (2 * shared) / (totalA + totalB);
  const overlap = shared / Math.min(totalA, totalB);
  return Math.round(((dice + overlap) / 2) * 1000) / 1000;
}

/** Two findings at or above this score are treated as the same issue raised again. */
export const SIMILAR_THRESHOLD = 0.5;

export function isSimilar(a: string, b: string): boolean {
  return similarity(a, b) >= SIMILAR_THRESHOLD;
}
