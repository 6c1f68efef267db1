/**
 * Minutes and other long text are stored as plain text and shown with a little safe formatting:
 * everything is escaped, then blank lines make paragraphs, single line breaks become <br>, and lines
 * starting with "- ", "* " or "• " become a bulleted list. No markup typed by a user ever reaches the page.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const BULLET = /^\s*(?:[-*•])\s+(.*)$/;

export function renderSafeText(text: string | null | undefined): string {
  if (!text) return '';
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    let para: string[] = [];
    let list: string[] = [];
    const flushPara = () => {
      if (para.length) html.push(`<p class="govuk-body">${para.map((l) => escapeHtml(l.trim())).join('<br>')}</p>`);
      para = [];
    };
    const flushList = () => {
      if (list.length)
        html.push(
          `<ul class="govuk-list govuk-list--bullet">${list.map((l) => `<li>${escapeHtml(l.trim())}</li>`).join('')}</ul>`,
        );
      list = [];
    };
    for (const line of lines) {
      const bullet = BULLET.exec(line);
      if (bullet) {
        flushPara();
        list.push(bullet[1]);
      } else {
        flushList();
        para.push(line);
      }
    }
    flushPara();
    flushList();
  }
  return html.join('\n');
}
