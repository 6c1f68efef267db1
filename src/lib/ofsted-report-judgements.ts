/** The judgements of an ILACS report: its judgement table and the judgement section headings. */
import type { Grade } from './frameworks.js';

export const GRADE_RE = '(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)';

export function gradeOf(text: string): Grade | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (t.startsWith('outstanding')) return 'outstanding';
  if (t.startsWith('good')) return 'good';
  if (t.startsWith('inadequate')) return 'inadequate';
  if (t.startsWith('require')) return 'requires-improvement';
  return null;
}

/** The grades of a judgement table and of the judgement section headings ("…help and protection: good"). */
export function readIlacsJudgements(head: string, body: string): { judgements: Record<string, Grade>; five: boolean } {
  const tableStart = Math.max(0, head.search(/Judgement\s+Grade/i));
  const overallAt = head.slice(tableStart).search(new RegExp(`Overall effectiveness:?\\s+${GRADE_RE}`, 'i'));
  const block = head.slice(tableStart, overallAt >= 0 ? tableStart + overallAt + 80 : tableStart + 1200);
  const AREAS: [string, string][] = [
    ['leaders', 'impact of leaders on social work practice with children and families'],
    ['help-and-protection', 'children who need help and protection'],
    ['children-in-care-and-care-leavers', 'children in care and care leavers'],
    ['children-in-care', 'children in care(?! and)'],
    ['care-leavers', '(?<!and )care leavers'],
    ['overall-effectiveness', 'Overall effectiveness:?'],
  ];
  const five = /experiences and progress of care\s+leavers/i.test(block);
  const wanted = AREAS.filter(([k]) =>
    five ? k !== 'children-in-care-and-care-leavers' : k !== 'children-in-care' && k !== 'care-leavers',
  );
  const judgements: Record<string, Grade> = {};
  for (const [key, label] of wanted) {
    const m = new RegExp(`${label}\\s+${GRADE_RE}`, 'i').exec(block);
    const g = m ? gradeOf(m[1]) : null;
    if (g) judgements[key] = g;
  }
  // Grades laid out after all their labels: pair them in order.
  if (Object.keys(judgements).length < wanted.length) {
    const labels = wanted
      .map(([k, label]) => ({ k, at: block.search(new RegExp(label, 'i')) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at);
    const grades = [...block.matchAll(new RegExp(GRADE_RE, 'gi'))]
      .filter((g) => g.index! > (labels[0]?.at ?? 0))
      .map((g) => gradeOf(g[1])!);
    if (labels.length === wanted.length && grades.length === labels.length)
      labels.forEach((l, i) => (judgements[l.k] ??= grades[i]));
  }
  // The judgement sections repeat each grade in their headings.
  const sections: [string, RegExp][] = [
    [
      'help-and-protection',
      /experiences and progress of children who need help and protection:?\s+(outstanding|good|requires improvement to be good|requires improvement|inadequate)/i,
    ],
    [
      five ? 'children-in-care' : 'children-in-care-and-care-leavers',
      five
        ? /experiences and progress of children in care:?\s+(outstanding|good|requires improvement to be good|requires improvement|inadequate)/i
        : /experiences and progress of children in care and care leavers:?\s+(outstanding|good|requires improvement to be good|requires improvement|inadequate)/i,
    ],
    [
      'leaders',
      /impact of leaders on social work practice with children and families:?\s+(outstanding|good|requires improvement to be good|requires improvement|inadequate)/i,
    ],
    ...(five
      ? ([
          [
            'care-leavers',
            /experiences and progress of care leavers:?\s+(outstanding|good|requires improvement to be good|requires improvement|inadequate)/i,
          ],
        ] as [string, RegExp][])
      : []),
  ];
  for (const [key, re] of sections) {
    if (judgements[key]) continue;
    const m = re.exec(body);
    if (m) judgements[key] = gradeOf(m[1])!;
  }
  return { judgements, five };
}
