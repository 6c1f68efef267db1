/**
 * Reflow (WCAG 2.2, 1.4.10): at 320 px a wide table must not widen the page. Every GOV.UK table on a
 * page is put in a scrolling region of its own, named after the table's caption and focusable so it can
 * be scrolled from the keyboard; the CSS (`.waymark-table-scroll`) shows a shadow at the edge that has
 * more columns beyond it. One pure function applied to every page's main content (layout.njk), so no
 * template can forget it.
 */

const TAG = /<table\b[^>]*>|<\/table>/gi;
const WRAPPER_OPEN = /<div class="waymark-table-scroll"[^>]*>\s*$/;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The caption's words (tags and entity-escaped text as they are), for the region's name. */
function captionText(tableHtml: string): string {
  const m = /<caption\b[^>]*>([\s\S]*?)<\/caption>/i.exec(tableHtml);
  if (!m) return 'Table';
  const text = m[1]
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
  return text || 'Table';
}

export function wrapTables(html: string): string {
  let out = '';
  let last = 0;
  let depth = 0;
  let openedAt = -1;
  let wrapped = false;
  for (const m of html.matchAll(TAG)) {
    const index = m.index ?? 0;
    const isOpen = m[0][1] !== '/';
    if (isOpen) {
      if (depth === 0) {
        out += html.slice(last, index);
        last = index;
        openedAt = index;
        wrapped = /class="[^"]*\bgovuk-table\b/.test(m[0]) && !WRAPPER_OPEN.test(out);
      }
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) {
        const end = index + m[0].length;
        const table = html.slice(openedAt, end);
        out += wrapped
          ? `<div class="waymark-table-scroll" role="region" aria-label="${escapeAttribute(captionText(table))}" tabindex="0">${table}</div>`
          : table;
        last = end;
      }
    }
  }
  if (depth > 0) return html;
  return out + html.slice(last);
}
