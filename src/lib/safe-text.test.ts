import { describe, expect, it } from 'vitest';
import { escapeHtml, renderSafeText } from './safe-text.js';

describe('renderSafeText', () => {
  it.each([
    ['', ''],
    ['One line', '<p class="govuk-body">One line</p>'],
    ['First\nsecond', '<p class="govuk-body">First<br>second</p>'],
    ['Para one\n\nPara two', '<p class="govuk-body">Para one</p>\n<p class="govuk-body">Para two</p>'],
    [
      'Items:\n- one\n* two\n• three',
      '<p class="govuk-body">Items:</p>\n<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li><li>three</li></ul>',
    ],
    ['<script>alert(1)</script>', '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    [
      '- <b>bold</b> & "quoted"',
      '<ul class="govuk-list govuk-list--bullet"><li>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</li></ul>',
    ],
    ['a\r\n\r\nb', '<p class="govuk-body">a</p>\n<p class="govuk-body">b</p>'],
    ['-not a bullet', '<p class="govuk-body">-not a bullet</p>'],
  ])('renders %j', (input, expected) => {
    expect(renderSafeText(input)).toBe(expected);
  });

  it('escapes every special character', () => {
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});
