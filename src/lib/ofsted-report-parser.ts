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
 */
import { isIsoDate } from './dates.js';
import type { FindingKind, Grade } from './frameworks.js';

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

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_RE = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const GRADE_RE = '(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)';
const APOS = "[’'`‘]";

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

/**
 * "6 to 17 March 2023", "22 April to 3 May 2024", "20 September 2021 to 1 October 2021",
 * "14 January – 4 February 2015", "7 and 8 June 2022", "31 January and 1 February 2024".
 */
export function parseDateRange(text: string): { startDate: string; endDate: string } | null {
  const m = new RegExp(
    `(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(${MONTH_RE}))?(?:\\s+(\\d{4}))?\\s*(?:to|–|—|-|and|until)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE})\\s+(\\d{4})`,
    'i',
  ).exec(text);
  if (!m) return null;
  const [, d1, m1, y1, d2, m2, y2] = m;
  const endDate = iso(d2, m2, y2);
  const startDate = iso(d1, m1 ?? m2, y1 ?? y2);
  if (!startDate || !endDate || endDate < startDate) return null;
  return { startDate, endDate };
}

/** A range, or one day ("on 14 March 2019") as a range of one day. */
function parseDateOrRange(text: string): { startDate: string; endDate: string } | null {
  const range = parseDateRange(text);
  const single = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE})\\s+(\\d{4})`, 'i').exec(text);
  if (range && (!single || text.indexOf(single[0]) >= text.search(/\d/))) {
    // Prefer the range unless a single date clearly comes first.
    const rangeAt = text.search(
      new RegExp(`\\d{1,2}(?:st|nd|rd|th)?(?:\\s+${MONTH_RE})?(?:\\s+\\d{4})?\\s*(?:to|–|—|-|and|until)\\s*\\d`, 'i'),
    );
    if (!single || rangeAt <= text.indexOf(single[0])) return range;
  }
  if (!single) return range;
  const day = iso(single[1], single[2], single[3]);
  return day ? { startDate: day, endDate: day } : range;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

const PAGE_MARKER = /^-- \d+ of \d+ --$/;
/** A bullet glyph at the start of an item: any of the shapes Ofsted's templates have used, or a private-use glyph. */
const BULLET = /^(?:[•●◼■▪◾◦○►▶➢∙·‣⁃*–—]|-(?=\s)|[\uE000-\uF8FF])\s*/;
const SUB_BULLET = /^[\uf000-\uf0ff]\s*/;
const FRAMEWORK_REF = /\(\s*((?:Outcomes?|Enablers?|Principles?)\b[^()]*?)\s*\)/i;

/**
 * Lines without page furniture: page markers, page numbers, the running header after a page break, and
 * footnotes at the foot of a page (a line "1 The areas for improvement…" for a marker seen as
 * "improve?1"), so an item that wraps onto the next page reads on.
 */
export function cleanLines(text: string): string[] {
  const raw = text.split(/\r?\n/).map((l) => l.trim());
  const markers = new Set<string>();
  for (const line of raw) {
    const m = /[a-z?:)’](\d{1,2})$/.exec(line);
    if (m && line.length < 120 && !/\b(19|20)\d{2}$/.test(line)) markers.add(m[1]);
  }
  // Split into pages and drop each page's footnote block.
  const pages: string[][] = [[]];
  for (const line of raw) {
    if (PAGE_MARKER.test(line)) pages.push([]);
    else pages[pages.length - 1].push(line);
  }
  const out: string[] = [];
  pages.forEach((page, p) => {
    let end = page.length;
    for (let i = page.length - 1; i >= 0 && i >= page.length - 12; i--) {
      const m = /^(\d{1,2})\s+[A-Z‘']/.exec(page[i]);
      if (m && markers.has(m[1])) {
        end = i;
        break;
      }
    }
    let header = p === 0 ? 0 : 3;
    for (let i = 0; i < end; i++) {
      const line = page[i];
      if (!line || /^\d{1,3}$/.test(line)) continue;
      if (header > 0) {
        header--;
        if (
          /^Inspection of .*children/i.test(line) ||
          new RegExp(`^\\d{1,2}.*\\b${MONTH_RE}\\b.*\\b(19|20)\\d{2}\\s+\\d{1,3}$`).test(line)
        )
          continue;
      }
      out.push(line);
    }
  });
  return out;
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:])/g, '$1')
    .trim();
}

/** Join a wrapped line: "pre-" + "proceedings" without a space, but "16-" + "and 17-year-olds" with one. */
function joinLine(text: string, line: string): string {
  if (/[A-Za-z]-$/.test(text) && /^[a-z]/.test(line)) return text + line;
  return `${text} ${line}`;
}

/** Items of a numbered list (SIF recommendations) starting after `start`, joined across wrapped lines. */
function readNumberedList(lines: string[], start: number, stop: RegExp): { text: string; number: number | null }[] {
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
const ILACS_LIST_STOP =
  /^(?:The )?(?:experiences and progress of|impact of leaders|effectiveness of leaders)|^\d{1,3}\.\s|^(?:Areas? for priority action|Strengths|Main findings|Summary|Headline findings|Inspection judgements|Information about|Local authority|Recommendations?)\b/i;

/**
 * The items of "What needs to improve" after the heading at `start`: bulleted with any glyph, or one
 * sentence per line without bullets. An item runs on over wrapped lines (and page breaks, already
 * removed) until the next bullet, or, without bullets, until a line starts a new sentence after one that
 * ended.
 */
function readImprovementList(lines: string[], start: number): { text: string; frameworkReference: string | null }[] {
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

/** "The workloads of PAs. (Enabler two)" → text "The workloads of PAs." and reference "Enabler two". */
export function splitFrameworkReference(text: string): { text: string; frameworkReference: string | null } {
  const m = new RegExp(`\\s*${FRAMEWORK_REF.source}\\s*([.;]?)\\s*$`, 'i').exec(text);
  if (!m) return { text, frameworkReference: null };
  let rest = text.slice(0, m.index).trim();
  if (m[2] && !/[.?!]$/.test(rest)) rest += m[2] === ';' ? '' : '.';
  return { text: rest, frameworkReference: m[1].replace(/\s+/g, ' ').trim() };
}

function findLine(lines: string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  return -1;
}

/** What kind of document the text is, from the earliest telling phrase in its opening. */
type Kind = 'ilacs' | 'sif' | 'focused-visit' | 'monitoring-visit' | 'jtai';

function kindOf(head: string): Kind | null {
  const ilacsTitle = new RegExp(`Inspection of .{0,160}?children${APOS}?s (?:social care )?services`, 'i');
  const hasTable =
    /Judgement\s+Grade/i.test(head) || new RegExp(`Overall effectiveness:?\\s+${GRADE_RE}`, 'i').test(head);
  if (/(?:Re-)?inspection of services for children in need of help and protection/i.test(head)) return 'sif';
  const letters: [Kind, RegExp][] = [
    ['focused-visit', /Focused visit (?:to|of)\b|findings of (?:the|a|our) focused visit/i],
    ['monitoring-visit', /Monitoring visit (?:to|of)\b|findings of (?:the|a|our) (?:\w+ )?monitoring visit/i],
    ['jtai', /Joint targeted area inspection|\bJTAI of the multi-agency/i],
  ];
  const found = letters.map(([k, re]) => ({ k, at: head.search(re) })).filter((x) => x.at >= 0);
  const titleAt = head.search(ilacsTitle);
  if (hasTable && titleAt >= 0 && found.every((f) => f.at > titleAt)) return 'ilacs';
  if (found.length) return found.sort((a, b) => a.at - b.at)[0].k;
  if (hasTable && titleAt >= 0) return 'ilacs';
  return null;
}

/** A short description of what an unreadable document seems to be, for the refusal message. */
function describeOther(text: string): string {
  const first = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 3 && !/^\d+$/.test(l) && !PAGE_MARKER.test(l));
  const ofsted =
    /\bOfsted\b|Office for Standards in Education|His Majesty[’']s Inspector|Her Majesty[’']s Inspector/i.test(
      text.slice(0, 20000),
    );
  const found = first ? `it begins “${first.slice(0, 80)}${first.length > 80 ? '…' : ''}”` : 'it has no readable text';
  if (ofsted) {
    const kind = /area SEND|special educational needs and disabilities/i.test(text.slice(0, 4000))
      ? 'an area SEND inspection'
      : /children[’']s home|residential (?:special )?school|secure training|fostering agency|adoption (?:agency|support)/i.test(
            text.slice(0, 4000),
          )
        ? 'a report on a children’s social care provider'
        : /\bschool\b|pupils|Quality of education/i.test(text.slice(0, 4000))
          ? 'a school inspection report'
          : 'an Ofsted document of another kind';
    return `This is an Ofsted document, but not one Waymark imports (it looks like ${kind}; ${found}). Upload an ILACS inspection report, or a focused visit, monitoring visit or joint targeted area inspection letter`;
  }
  return `This PDF does not look like an Ofsted report on a local authority’s children’s services: ${found}`;
}

/** The authority's name from the title of an ILACS report, in any of its forms. */
function ilacsAuthority(text: string): string | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const titleEnd = lines.findIndex((l) => /^Inspection dates?:/i.test(l));
  const titleLines = (titleEnd > 0 ? lines.slice(0, titleEnd) : lines.slice(0, 8)).filter(
    (l) => l && !/^\d{1,3}$/.test(l) && !PAGE_MARKER.test(l),
  );
  const title = titleLines.join(' ').replace(/\s+/g, ' ').trim();
  // "Inspection of X local authority children's services" (2019–)
  let m = new RegExp(`^Inspection of (.+?) local authority children${APOS}?s (?:social care )?services`, 'i').exec(
    title,
  );
  if (m) return m[1].trim();
  // "X Inspection of children's social care services" / "X Inspection of local authority children's social care services" (2018–2019)
  m = new RegExp(`^(.+?)\\s+Inspection of (?:local authority )?children${APOS}?s (?:social care )?services`, 'i').exec(
    title,
  );
  if (m) return m[1].trim();
  // "Inspection of X children's services"
  m = new RegExp(`^Inspection of (.+?) children${APOS}?s (?:social care )?services`, 'i').exec(title);
  if (m) return m[1].trim();
  return null;
}

/** The authority named in a visit letter ("Focused visit to X children's services", "…visit to X children's services on 7 and 8 June 2022"). */
function letterAuthority(head: string, kind: Kind): string | null {
  const cap = (re: RegExp) => {
    const m = re.exec(head);
    const name = m?.[1]?.replace(/\s+/g, ' ').replace(/^the /i, '').trim();
    return name && name.length <= 80 && !/[.:;]/.test(name) ? name : null;
  };
  if (kind === 'jtai') {
    return (
      cap(
        new RegExp(
          `joint targeted area inspection \\(JTAI\\) of (?:the )?[^.]{0,160}? in ([A-Z][A-Za-z,’'&\\- ]{1,70}?)(?=[.,]| between| from| on| took| during|$)`,
          'i',
        ),
      ) ??
      cap(
        new RegExp(
          `Joint targeted area inspection of (?:the )?multi-agency (?:response|arrangements)[^.]{0,160}? in ([A-Z][A-Za-z,’'&\\- ]{1,70}?)(?= This| Between| From| Dear| The| Ofsted|[.,]|$)`,
          'i',
        ),
      ) ??
      cap(
        new RegExp(
          `Joint targeted area inspection of ([A-Z][A-Za-z,’'&\\- ]{1,70}?)(?= This| Between| From| Dear| The| Ofsted|[.,]|$)`,
          'i',
        ),
      )
    );
  }
  const word = kind === 'focused-visit' ? 'focused' : 'monitoring';
  return (
    cap(
      new RegExp(
        `findings of (?:the|a|our) (?:\\w+ )?${word} visit to (.+?)(?: local authority)? children${APOS}?s (?:social care )?services`,
        'i',
      ),
    ) ??
    cap(
      new RegExp(`${word} visit (?:to|of) (.+?)(?: local authority)? children${APOS}?s (?:social care )?services`, 'i'),
    )
  );
}

function letterDates(head: string, kind: Kind): { startDate: string; endDate: string } | null {
  const anchors =
    kind === 'jtai'
      ? [/\bbetween\s+\d/i, /took place (?:from|between|on)\s+/i, /inspection dates?:?\s*/i, /\bfrom\s+\d{1,2}\s/i]
      : [
          new RegExp(`${kind === 'focused-visit' ? 'focused' : 'monitoring'} visit to .{0,120}? on\\s+`, 'i'),
          /visit dates?:?\s*/i,
          /dates? of (?:the )?visit:?\s*/i,
          /\bon\s+\d{1,2}\s/i,
        ];
  for (const a of anchors) {
    const m = a.exec(head);
    if (!m) continue;
    const found = parseDateOrRange(
      head.slice(m.index + m[0].length - (/\d$/.test(m[0]) ? 1 : 0), m.index + m[0].length + 80),
    );
    if (found) return found;
  }
  return null;
}

/** The grades of a judgement table and of the judgement section headings ("…help and protection: good"). */
function readIlacsJudgements(head: string, body: string): { judgements: Record<string, Grade>; five: boolean } {
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
