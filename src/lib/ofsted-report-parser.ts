/**
 * Reads the text of a published Ofsted report on a local authority's children's services into a draft
 * inspection: ILACS standard and short inspection reports (2018–), single inspection framework reports
 * (2013–2017), and the letters of focused visits, monitoring visits and joint targeted area inspections
 * (type, authority and dates; they carry no grades). Pure: the PDF is turned into text elsewhere.
 *
 * Built from the published layouts rather than from a few files: the title has taken many forms
 * ("Bristol City of / Inspection of children's social care services", "Tameside metropolitan borough /
 * Inspection of local authority children's social care services", "Inspection of X local authority
 * children's services"); the judgement table's grades may wrap or follow their labels; "What needs to
 * improve" has appeared with "?", ":", a footnote marker ("improve?1") and no punctuation, its bullets as
 * any glyph (◼, •, the private-use U+F06E of 2018) or none; since 2025 each item ends with its national
 * framework reference ("(Outcome three)"), kept apart from the text. What it cannot read is listed in
 * `warnings`, never guessed silently.
 *
 * The parts of the report are read by `ofsted-report-title.ts`, `-judgements.ts`, `-findings.ts`, `-dates.ts`
 * and `-text.ts` beside this file.
 */
import type { FindingKind, Grade } from './frameworks.js';
import { iso, parseDateRange } from './ofsted-report-dates.js';
import { readImprovementList, readNumberedList } from './ofsted-report-findings.js';
import { GRADE_RE, gradeOf, readIlacsJudgements } from './ofsted-report-judgements.js';
import { cleanLines, findLine, flat } from './ofsted-report-text.js';
import { describeOther, ilacsAuthority, kindOf, letterAuthority, letterDates } from './ofsted-report-title.js';

export { parseDateRange } from './ofsted-report-dates.js';
export { splitFrameworkReference } from './ofsted-report-text.js';

export type ReportType = 'ilacs-standard' | 'ilacs-short' | 'sif' | 'focused-visit' | 'monitoring-visit' | 'jtai';

export interface DraftFinding {
  kind: FindingKind;
  text: string;
  /** The report's own reference (SIF recommendations: R1, R2…). */
  reference: string | null;
  /** The Children's Social Care National Framework reference printed after the item since 2025 ("Outcome three"). */
  frameworkReference: string | null;
}

export interface ReportDraft {
  /** The authority's name as the report prints it. */
  authority: string | null;
  /** The authority in the national list that name matches (filled in by the importer, which has the list). */
  area: { laCode: string; gssCode: string; name: string } | null;
  type: ReportType;
  frameworkVersion: 'ilacs-2018' | 'ilacs-2023' | 'sif-2013' | 'jtai-2016';
  startDate: string | null;
  endDate: string | null;
  publishedDate: string | null;
  judgements: Record<string, Grade>;
  /** SIF reports often include the review of the local safeguarding children board, judged separately. */
  lscbJudgement: Grade | null;
  findings: DraftFinding[];
  warnings: string[];
}

export class NotAnOfstedReportError extends Error {
  constructor(message = 'This PDF does not look like an Ofsted report on a local authority’s children’s services') {
    super(message);
    this.name = 'NotAnOfstedReportError';
  }
}

export function parseOfstedReport(text: string): ReportDraft {
  const head = flat(text.slice(0, 6000));
  const kind = kindOf(head);
  if (!kind) throw new NotAnOfstedReportError(describeOther(text));

  const warnings: string[] = [];
  const lines = cleanLines(text);
  const judgements: Record<string, Grade> = {};
  const findings: DraftFinding[] = [];
  let lscbJudgement: Grade | null = null;
  let authority: string | null = null;
  let range: { startDate: string; endDate: string } | null = null;
  let type: ReportDraft['type'];
  let frameworkVersion: ReportDraft['frameworkVersion'];

  const publishedMatch = /Report published:\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/i.exec(text);
  const publishedDate = publishedMatch ? iso(publishedMatch[1], publishedMatch[2], publishedMatch[3]) : null;

  if (kind === 'sif' || kind === 'ilacs') {
    const datesMatch = /Inspection dates?:\s*([^\n]+(?:\n[^\n]+)?)/i.exec(text);
    range = datesMatch ? parseDateRange(flat(datesMatch[1])) : null;
    if (!range) warnings.push('Could not read the inspection dates: enter the start and end dates.');
    if (!publishedDate)
      warnings.push(
        'The report does not state its publication date: enter it (the action plan deadline counts from it).',
      );
  }

  const take = (key: string, re: RegExp, source: string) => {
    const m = re.exec(source);
    const g = m ? gradeOf(m[1]) : null;
    if (g) judgements[key] = g;
    return g;
  };

  if (kind === 'sif') {
    type = 'sif';
    frameworkVersion = 'sif-2013';
    const titleLine = findLine(
      lines,
      /^(?:Re-)?inspection of (children[’']s social care services|services for children in need)/i,
    );
    if (titleLine > 0) authority = lines.slice(0, titleLine).join(' ').trim() || null;
    const block = head;
    const overall =
      /children[’']s services (?:in [^.]+? )?(?:are |is |require )?(outstanding|good|inadequate|requires? improvement to be good|requires? improvement|improvement to be good)/i.exec(
        block,
      );
    const og = overall ? gradeOf(overall[1].replace(/^improvement/i, 'requires improvement')) : null;
    if (og) judgements['overall-effectiveness'] = og;
    take('help-and-protection', new RegExp(`Children who need help and protection\\s+${GRADE_RE}`, 'i'), block);
    take(
      'looked-after-permanence',
      new RegExp(`Children looked after and achieving\\s+permanence\\s+${GRADE_RE}`, 'i'),
      block,
    );
    take('adoption-performance', new RegExp(`Adoption performance\\s+${GRADE_RE}`, 'i'), block);
    take('care-leavers', new RegExp(`Experiences and progress of care leavers\\s+${GRADE_RE}`, 'i'), block);
    take(
      'leadership-management-governance',
      new RegExp(`Leadership, management and governance\\s+${GRADE_RE}`, 'i'),
      block,
    );
    const lscb =
      /The Local Safeguarding Children Board (?:is |requires )(outstanding|good|inadequate|improvement)/i.exec(text);
    if (lscb) lscbJudgement = lscb[1].toLowerCase() === 'improvement' ? 'requires-improvement' : gradeOf(lscb[1]);

    let start = findLine(lines, /^What does the Local Authority need to improve\?$/i);
    let stop =
      /^(The Local Authority[’']s strengths|Summary for children|Information about this|Progress since the last inspection)/i;
    if (start < 0) {
      start = findLine(lines, /^Recommendations$/);
      stop = /^(Summary for children|Information about this|The Local Safeguarding Children Board)/i;
    }
    if (start >= 0) {
      for (const item of readNumberedList(lines, start + 1, stop)) {
        findings.push({
          kind: 'recommendation',
          text: item.text,
          reference: item.number !== null ? `R${item.number}` : null,
          frameworkReference: null,
        });
      }
    }
  } else if (kind === 'ilacs') {
    authority = ilacsAuthority(text);
    const read = readIlacsJudgements(head, flat(text));
    Object.assign(judgements, read.judgements);
    frameworkVersion = read.five || (range !== null && range.startDate >= '2023-01-01') ? 'ilacs-2023' : 'ilacs-2018';
    if (read.five) {
      delete judgements['children-in-care-and-care-leavers'];
    } else if (frameworkVersion === 'ilacs-2023') {
      warnings.push('The report is from 2023 or later but has no separate care leavers judgement.');
    }
    // A short inspection takes one week, a standard one two.
    const days = range ? (Date.parse(range.endDate) - Date.parse(range.startDate)) / 86_400_000 : null;
    type = days !== null && days <= 7 ? 'ilacs-short' : 'ilacs-standard';
    if (days === null)
      warnings.push('Could not tell a short from a standard inspection without the dates: check the type.');

    const start = findLine(
      lines,
      /^What needs to improve(?: in this local authority| in this area)?\s*[?:]?\s*\d{0,2}\s*$/i,
    );
    if (start >= 0) {
      for (const item of readImprovementList(lines, start + 1)) {
        findings.push({
          kind: 'area-for-improvement',
          text: item.text,
          reference: null,
          frameworkReference: item.frameworkReference,
        });
      }
    }
  } else {
    type = kind;
    authority = letterAuthority(head, kind);
    range = letterDates(head, kind);
    if (!range) warnings.push('Could not read the dates of the visit: enter the start and end dates.');
    frameworkVersion =
      kind === 'jtai' ? 'jtai-2016' : range && range.startDate < '2023-01-01' ? 'ilacs-2018' : 'ilacs-2023';
    const what = kind === 'jtai' ? 'Joint targeted area inspection letters' : 'Visit letters';
    warnings.push(
      `${what} give no grades and are read for their type, authority and dates only: add the findings by pasting them.`,
    );
    if (!publishedDate) warnings.push('Enter the date the letter was published, if you know it.');
  }

  if (!authority) warnings.push('Could not read the name of the local authority.');

  if (type !== 'focused-visit' && type !== 'monitoring-visit' && type !== 'jtai') {
    if (!judgements['overall-effectiveness']) warnings.push('Could not read the overall effectiveness judgement.');
    const expected = type === 'sif' ? 6 : frameworkVersion === 'ilacs-2023' ? 5 : 4;
    const got = Object.keys(judgements).length;
    if (got < expected) warnings.push(`Read ${got} of the ${expected} judgements: add the missing ones by hand.`);
    if (!findings.length)
      warnings.push('Could not find the list of what needs to improve: add the findings by pasting them.');
  }

  return {
    authority,
    area: null,
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
