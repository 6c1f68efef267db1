/**
 * Reads the text of a published Ofsted report on a local authority's children's services (ILACS
 * 2018–, or the single inspection framework 2013–2017) into a draft inspection: the authority, the
 * inspection dates, the judgement table and the "What needs to improve?" list (SIF: "What does the
 * Local Authority need to improve?" or "Recommendations"). Pure: the PDF is turned into text elsewhere.
 * What it cannot read is listed in `warnings`, never guessed silently.
 */
import { isIsoDate } from './dates.js';
import type { FindingKind, Grade } from './frameworks.js';

export interface ReportDraft {
  authority: string | null;
  type: 'ilacs-standard' | 'ilacs-short' | 'sif' | 'focused-visit' | 'monitoring-visit';
  frameworkVersion: 'ilacs-2018' | 'ilacs-2023' | 'sif-2013';
  startDate: string | null;
  endDate: string | null;
  publishedDate: string | null;
  judgements: Record<string, Grade>;
  /** SIF reports often include the review of the local safeguarding children board, judged separately. */
  lscbJudgement: Grade | null;
  findings: { kind: FindingKind; text: string; reference: string | null }[];
  warnings: string[];
}

export class NotAnOfstedReportError extends Error {
  constructor(message = 'This PDF does not look like an Ofsted report on a local authority’s children’s services') {
    super(message);
    this.name = 'NotAnOfstedReportError';
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const GRADE_RE = '(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)';

function gradeOf(text: string): Grade | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (t.startsWith('outstanding')) return 'outstanding';
  if (t.startsWith('good')) return 'good';
  if (t.startsWith('inadequate')) return 'inadequate';
  if (t.startsWith('require')) return 'requires-improvement';
  return null;
}

function iso(day: string, month: string, year: string): string | null {
  const m = MONTHS.indexOf(month.toLowerCase());
  if (m < 0) return null;
  const value = `${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(value) ? value : null;
}

/** "6 to 17 March 2023", "22 April to 3 May 2024", "20 September 2021 to 1 October 2021", "14 January – 4 February 2015". */
export function parseDateRange(text: string): { startDate: string; endDate: string } | null {
  const m = /(\d{1,2})(?:\s+([A-Za-z]+))?(?:\s+(\d{4}))?\s*(?:to|–|-|and)\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/.exec(text);
  if (!m) return null;
  const [, d1, m1, y1, d2, m2, y2] = m;
  const endDate = iso(d2, m2, y2);
  const startDate = iso(d1, m1 ?? m2, y1 ?? y2);
  if (!startDate || !endDate) return null;
  return { startDate, endDate };
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

const PAGE_MARKER = /^-- \d+ of \d+ --$/;
const BULLET = /^[◼■▪•●]\s*/;
const SUB_BULLET = /^[\uf000-\uf0ff]\s*/;

/** Lines without page furniture: page markers, page numbers, and the running header after a page break. */
function cleanLines(text: string): string[] {
  const raw = text.split(/\r?\n/).map((l) => l.trim());
  const out: string[] = [];
  let afterBreak = 0;
  for (const line of raw) {
    if (PAGE_MARKER.test(line)) {
      afterBreak = 3;
      continue;
    }
    if (!line || /^\d{1,3}$/.test(line)) continue;
    if (afterBreak > 0) {
      afterBreak--;
      if (/^Inspection of /.test(line) || /^\d{1,2}\b.*\b(19|20)\d{2}\s+\d{1,3}$/.test(line)) continue;
    }
    out.push(line);
  }
  return out;
}

interface ListOptions {
  /** A line that ends the list. */
  stop: RegExp;
  numbered: boolean;
}

/** Items of a bulleted or numbered list starting after `start`, joined across wrapped lines. */
function readList(lines: string[], start: number, opts: ListOptions): { text: string; number: number | null }[] {
  const items: { text: string; number: number | null }[] = [];
  let current: { text: string; number: number | null; subs: number } | null = null;
  const finish = () => {
    if (current) items.push({ text: current.text.replace(/\s+/g, ' ').replace(/ ([,.;:])/g, '$1').trim(), number: current.number });
    current = null;
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (opts.stop.test(line)) break;
    const numbered = opts.numbered ? /^(\d{1,3})\.\s+(.*)$/.exec(line) : null;
    if (numbered) {
      finish();
      current = { text: numbered[2], number: Number(numbered[1]), subs: 0 };
      continue;
    }
    if (!opts.numbered && BULLET.test(line)) {
      finish();
      current = { text: line.replace(BULLET, ''), number: null, subs: 0 };
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
      // A wrapped line: "pre-" + "proceedings" joins without a space.
      cur.text += cur.text.endsWith('-') && /^[a-z]/.test(line) ? line : ` ${line}`;
      continue;
    }
    // A line after a finished item that starts no item: a sub-heading (SIF) or the end of the list (ILACS).
    finish();
    if (!opts.numbered) break;
  }
  finish();
  return items;
}

function findLine(lines: string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  return -1;
}

export function parseOfstedReport(text: string): ReportDraft {
  const head = flat(text.slice(0, 4000));
  const isIlacs = /local authority children[’']s services|Inspection of children[’']s social care services/i.test(head) && /Judgement\s+Grade/i.test(head);
  const isSif = /Inspection of services for children in need of help and protection/i.test(head);
  const isVisit = /(Focused|Monitoring) visit to /i.exec(head);
  if (!isIlacs && !isSif && !isVisit) throw new NotAnOfstedReportError();

  const warnings: string[] = [];
  const lines = cleanLines(text);

  // Authority
  let authority: string | null = null;
  const ilacsTitle = /(?:Inspection of|visit to) (.+?) local authority children[’']s services/i.exec(head);
  if (ilacsTitle) authority = ilacsTitle[1].trim();
  else {
    const titleLine = findLine(lines, /^Inspection of (children[’']s social care services|services for children in need)/i);
    if (titleLine > 0) authority = lines.slice(0, titleLine).join(' ').trim() || null;
  }
  if (!authority) warnings.push('Could not read the name of the local authority.');

  // Dates
  const datesMatch = /Inspection dates?:\s*([^\n]+)/i.exec(text) ?? /Dates? of (?:the )?visit:\s*([^\n]+)/i.exec(text);
  const range = datesMatch ? parseDateRange(datesMatch[1]) : null;
  if (!range) warnings.push('Could not read the inspection dates: enter the start and end dates.');
  const publishedMatch = /Report published:\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/i.exec(text);
  const publishedDate = publishedMatch ? iso(publishedMatch[1], publishedMatch[2], publishedMatch[3]) : null;
  if (!publishedDate) warnings.push('The report does not state its publication date: enter it (the action plan deadline counts from it).');

  const judgements: Record<string, Grade> = {};
  const findings: ReportDraft['findings'] = [];
  let lscbJudgement: Grade | null = null;
  let type: ReportDraft['type'];
  let frameworkVersion: ReportDraft['frameworkVersion'];

  const take = (key: string, re: RegExp, source: string) => {
    const m = re.exec(source);
    const g = m ? gradeOf(m[1]) : null;
    if (g) judgements[key] = g;
    return g;
  };

  if (isSif) {
    type = 'sif';
    frameworkVersion = 'sif-2013';
    const block = head;
    const overall = /children[’']s services (?:in [^.]+? )?(?:are |is )?(outstanding|good|inadequate|requires? improvement to be good|requires? improvement)/i.exec(block);
    const og = overall ? gradeOf(overall[1]) : null;
    if (og) judgements['overall-effectiveness'] = og;
    take('help-and-protection', new RegExp(`Children who need help and protection\\s+${GRADE_RE}`, 'i'), block);
    take('looked-after-permanence', new RegExp(`Children looked after and achieving\\s+permanence\\s+${GRADE_RE}`, 'i'), block);
    take('adoption-performance', new RegExp(`Adoption performance\\s+${GRADE_RE}`, 'i'), block);
    take('care-leavers', new RegExp(`Experiences and progress of care leavers\\s+${GRADE_RE}`, 'i'), block);
    take('leadership-management-governance', new RegExp(`Leadership, management and governance\\s+${GRADE_RE}`, 'i'), block);
    const lscb = /The Local Safeguarding Children Board (?:is |requires )(outstanding|good|inadequate|improvement)/i.exec(text);
    if (lscb) lscbJudgement = lscb[1].toLowerCase() === 'improvement' ? 'requires-improvement' : gradeOf(lscb[1]);

    let start = findLine(lines, /^What does the Local Authority need to improve\?$/i);
    let stop = /^(The Local Authority[’']s strengths|Summary for children|Information about this|Progress since the last inspection)/i;
    if (start < 0) {
      start = findLine(lines, /^Recommendations$/);
      stop = /^(Summary for children|Information about this|The Local Safeguarding Children Board)/i;
    }
    if (start >= 0) {
      for (const item of readList(lines, start + 1, { stop, numbered: true })) {
        findings.push({ kind: 'recommendation', text: item.text, reference: item.number !== null ? `R${item.number}` : null });
      }
    }
  } else if (isIlacs) {
    const judgementStart = head.search(/Judgement\s+Grade/i);
    const block = head.slice(judgementStart, head.search(new RegExp(`Overall effectiveness\\s+${GRADE_RE}`, 'i')) + 80);
    take('overall-effectiveness', new RegExp(`Overall effectiveness\\s+${GRADE_RE}`, 'i'), block);
    take('leaders', new RegExp(`impact of leaders on social work practice with children and families\\s+${GRADE_RE}`, 'i'), block);
    take('help-and-protection', new RegExp(`children who need help and protection\\s+${GRADE_RE}`, 'i'), block);
    const fiveJudgements = new RegExp(`experiences and progress of care leavers\\s+${GRADE_RE}`, 'i').test(block);
    if (fiveJudgements) {
      frameworkVersion = 'ilacs-2023';
      take('children-in-care', new RegExp(`children in care\\s+${GRADE_RE}`, 'i'), block);
      take('care-leavers', new RegExp(`experiences and progress of care leavers\\s+${GRADE_RE}`, 'i'), block);
    } else {
      frameworkVersion = 'ilacs-2018';
      take('children-in-care-and-care-leavers', new RegExp(`children in care and care leavers\\s+${GRADE_RE}`, 'i'), block);
    }
    if (range && !fiveJudgements && range.startDate >= '2023-01-01') warnings.push('The report is from 2023 or later but has no separate care leavers judgement.');
    // A short inspection takes one week, a standard one two.
    const days = range ? (Date.parse(range.endDate) - Date.parse(range.startDate)) / 86_400_000 : null;
    type = days !== null && days <= 7 ? 'ilacs-short' : 'ilacs-standard';
    if (days === null) warnings.push('Could not tell a short from a standard inspection without the dates: check the type.');

    const start = findLine(lines, /^What needs to improve\??$/i);
    if (start >= 0) {
      for (const item of readList(lines, start + 1, { stop: /^The experiences and progress of/i, numbered: false })) {
        findings.push({ kind: 'area-for-improvement', text: item.text, reference: null });
      }
    }
  } else {
    type = /monitoring/i.test(isVisit![1]) ? 'monitoring-visit' : 'focused-visit';
    frameworkVersion = range && range.startDate < '2023-01-01' ? 'ilacs-2018' : 'ilacs-2023';
    warnings.push('Visit letters are read for their dates only: add the findings by pasting them.');
  }

  if (type !== 'focused-visit' && type !== 'monitoring-visit') {
    if (!judgements['overall-effectiveness']) warnings.push('Could not read the overall effectiveness judgement.');
    const expected = type === 'sif' ? 6 : frameworkVersion === 'ilacs-2023' ? 5 : 4;
    const got = Object.keys(judgements).length;
    if (got < expected) warnings.push(`Read ${got} of the ${expected} judgements: add the missing ones by hand.`);
    if (!findings.length) warnings.push('Could not find the list of what needs to improve: add the findings by pasting them.');
  }

  return {
    authority,
    type,
    frameworkVersion,
    startDate: range?.startDate ?? null,
    endDate: range?.endDate ?? null,
    publishedDate,
    judgements,
    lscbJudgement,
    findings,
    warnings,
  };
}
