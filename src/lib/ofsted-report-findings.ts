/** The lists of findings in a report: SIF numbered recommendations and ILACS "What needs to improve". */
import { BULLET, FRAMEWORK_REF, SUB_BULLET, joinLine, splitFrameworkReference, tidy } from './ofsted-report-text.js';

/** Items of a numbered list (SIF recommendations) starting after `start`, joined across wrapped lines. */
export function readNumberedList(
  lines: string[],
  start: number,
  stop: RegExp,
): { text: string; number: number | null }[] {
  const items: { text: string; number: number | null }[] = [];
  let current: { text: string; number: number | null; subs: number } | null = null;
  const finish = () => {
    if (current) items.push({ text: tidy(current.text), number: current.number });
    current = null;
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (stop.test(line)) break;
    const numbered = /^(\d{1,3})\.\s+(.*)$/.exec(line);
    if (numbered) {
      finish();
      current = { text: numbered[2], number: Number(numbered[1]), subs: 0 };
      continue;
    }
    if (current && SUB_BULLET.test(line)) {
      const cur: { text: string; subs: number } = current;
      cur.text += `${cur.subs === 0 ? ' ' : '; '}${line.replace(SUB_BULLET, '')}`;
      cur.subs++;
      continue;
    }
    const cur = current as { text: string } | null;
    if (cur && !/[.?!]$/.test(cur.text)) {
      cur.text = joinLine(cur.text, line);
      continue;
    }
    // A line after a finished item that starts no item: a sub-heading.
    finish();
  }
  finish();
  return items;
}

/** Where an ILACS "What needs to improve" list ends: the first judgement section, a numbered paragraph or another heading. */
export const ILACS_LIST_STOP =
  /^(?:The )?(?:experiences and progress of|impact of leaders|effectiveness of leaders)|^\d{1,3}\.\s|^(?:Areas? for priority action|Strengths|Main findings|Summary|Headline findings|Inspection judgements|Information about|Local authority|Recommendations?)\b/i;

/**
 * The items of "What needs to improve" after the heading at `start`: bulleted with any glyph, or one
 * sentence per line without bullets. An item runs on over wrapped lines (and page breaks, already
 * removed) until the next bullet, or, without bullets, until a line starts a new sentence after one that
 * ended.
 */
export function readImprovementList(
  lines: string[],
  start: number,
): { text: string; frameworkReference: string | null }[] {
  const items: string[] = [];
  let current: string | null = null;
  const firstContent = lines.slice(start, start + 3).find((l) => l.trim());
  const bulleted = firstContent !== undefined && BULLET.test(firstContent);
  const ended = (t: string) =>
    /[.?!]["”’]?$/.test(t) || (/\)$/.test(t) && FRAMEWORK_REF.test(t.slice(t.lastIndexOf('('))));
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (ILACS_LIST_STOP.test(line) && !(current !== null && !ended(current) && !/^\d{1,3}\.\s/.test(line))) break;
    if (bulleted && BULLET.test(line)) {
      if (current !== null) items.push(current);
      current = line.replace(BULLET, '');
      continue;
    }
    if (current !== null && (!ended(current) || /^\(\s*(?:Outcomes?|Enablers?|Principles?)\b/i.test(line))) {
      current = joinLine(current, line);
      continue;
    }
    if (!bulleted && /^[A-Z‘'“"]/.test(line)) {
      if (current !== null) items.push(current);
      current = line;
      continue;
    }
    break;
  }
  if (current !== null) items.push(current);
  return items.map((raw) => splitFrameworkReference(tidy(raw))).filter((i) => i.text.length > 0);
}
