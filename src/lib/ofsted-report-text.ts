/** Cleaning up the text of a report PDF: page markers, bullets, wrapped lines, framework references. */
import { MONTH_RE } from './ofsted-report-dates.js';

export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export const PAGE_MARKER = /^-- \d+ of \d+ --$/;
/** A bullet glyph at the start of an item: any of the shapes Ofsted's templates have used, or a private-use glyph. */
export const BULLET = /^(?:[•●◼■▪◾◦○►▶➢∙·‣⁃*–—]|-(?=\s)|[\uE000-\uF8FF])\s*/;
export const SUB_BULLET = /^[\uf000-\uf0ff]\s*/;
export const FRAMEWORK_REF = /\(\s*((?:Outcomes?|Enablers?|Principles?)\b[^()]*?)\s*\)/i;

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

export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:])/g, '$1')
    .trim();
}

/** Join a wrapped line: "pre-" + "proceedings" without a space, but "16-" + "and 17-year-olds" with one. */
export function joinLine(text: string, line: string): string {
  if (/[A-Za-z]-$/.test(text) && /^[a-z]/.test(line)) return text + line;
  return `${text} ${line}`;
}

/** "The workloads of PAs. (Enabler two)" → text "The workloads of PAs." and reference "Enabler two". */
export function splitFrameworkReference(text: string): { text: string; frameworkReference: string | null } {
  const m = new RegExp(`\\s*${FRAMEWORK_REF.source}\\s*([.;]?)\\s*$`, 'i').exec(text);
  if (!m) return { text, frameworkReference: null };
  let rest = text.slice(0, m.index).trim();
  if (m[2] && !/[.?!]$/.test(rest)) rest += m[2] === ';' ? '' : '.';
  return { text: rest, frameworkReference: m[1].replace(/\s+/g, ' ').trim() };
}

export function findLine(lines: string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  return -1;
}
