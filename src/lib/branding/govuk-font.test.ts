import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutGdsTransport } from './govuk-font.js';

describe('withoutGdsTransport', () => {
  it('drops the font-face rules and keeps the fallback stack', () => {
    const css =
      '@font-face{font-family:GDS Transport;font-weight:400;src:url(/assets/fonts/light.woff2)}' +
      '@font-face{font-family:"GDS Transport";font-weight:700;src:url(/assets/fonts/bold.woff2)}' +
      '.govuk-body{font-family:GDS Transport,arial,sans-serif}@media print{.govuk-body{font-family:sans-serif}}' +
      '.x{font-family: "GDS Transport", arial, sans-serif}';
    expect(withoutGdsTransport(css)).toBe(
      '.govuk-body{font-family:arial,sans-serif}@media print{.govuk-body{font-family:sans-serif}}.x{font-family:arial, sans-serif}',
    );
  });

  it('leaves no GDS Transport in the installed GOV.UK Frontend stylesheet and keeps every other rule', () => {
    const file = path.resolve('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css');
    const css = fs.readFileSync(file, 'utf8');
    const before = (css.match(/font-family:/g) ?? []).length;
    const out = withoutGdsTransport(css);
    expect(out).not.toMatch(/GDS Transport/i);
    expect(out).not.toMatch(/\/assets\/fonts\//);
    // Each GOV.UK font-family declaration survives (two font-face rules are gone).
    expect((out.match(/font-family:/g) ?? []).length).toBe(before - 2);
    expect(out).toContain('.govuk-body-m{');
  });
});
