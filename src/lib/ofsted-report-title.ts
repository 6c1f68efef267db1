/** The title block of a report or letter: what kind of document it is, the authority and the dates. */
import { parseDateOrRange } from './ofsted-report-dates.js';
import { GRADE_RE } from './ofsted-report-judgements.js';
import { PAGE_MARKER } from './ofsted-report-text.js';

export const APOS = "[’'`‘]";

/** What kind of document the text is, from the earliest telling phrase in its opening. */
export type Kind = 'ilacs' | 'sif' | 'focused-visit' | 'monitoring-visit' | 'jtai';

export function kindOf(head: string): Kind | null {
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
export function describeOther(text: string): string {
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
export function ilacsAuthority(text: string): string | null {
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
export function letterAuthority(head: string, kind: Kind): string | null {
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

export function letterDates(head: string, kind: Kind): { startDate: string; endDate: string } | null {
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
