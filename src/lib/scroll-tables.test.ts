import { describe, expect, it } from 'vitest';
import { wrapTables } from './scroll-tables.js';

describe('wrapTables puts each GOV.UK table in a named, focusable scrolling region', () => {
  it('wraps a table, naming the region after its caption', () => {
    const html =
      '<p>x</p><table class="govuk-table"><caption class="govuk-table__caption">Actions &amp; <span>owners</span></caption><tr><td>1</td></tr></table><p>y</p>';
    expect(wrapTables(html)).toBe(
      '<p>x</p><div class="waymark-table-scroll" role="region" aria-label="Actions &amp; owners" tabindex="0"><table class="govuk-table"><caption class="govuk-table__caption">Actions &amp; <span>owners</span></caption><tr><td>1</td></tr></table></div><p>y</p>',
    );
  });

  it('wraps each of two tables once, and not a table inside a table', () => {
    const html =
      '<table class="govuk-table x"><tr><td><table class="govuk-table"></table></td></tr></table><table class="govuk-table"></table>';
    const out = wrapTables(html);
    expect(out.match(/waymark-table-scroll/g)).toHaveLength(2);
    expect(out).toContain('aria-label="Table"');
  });

  it('leaves tables that are not GOV.UK tables, and tables already wrapped, alone', () => {
    const plain = '<table class="layout"><tr><td>1</td></tr></table>';
    expect(wrapTables(plain)).toBe(plain);
    const once = wrapTables('<table class="govuk-table"></table>');
    expect(wrapTables(once)).toBe(once);
  });

  it('leaves broken markup alone rather than guessing', () => {
    const broken = '<table class="govuk-table"><tr><td>1</td></tr>';
    expect(wrapTables(broken)).toBe(broken);
  });
});
