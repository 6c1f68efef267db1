import { describe, expect, it } from 'vitest';
import { parsePastedFindings } from './paste-findings.js';

describe('parsePastedFindings', () => {
  it('takes one finding per bullet and joins wrapped lines', () => {
    const text = [
      '◼ The quality and effectiveness of plans for children, including',
      'safety plans agreed with parents.',
      '◼ Sufficiency of suitable foster homes.',
      '',
      '• Timeliness of conferences',
    ].join('\n');
    expect(parsePastedFindings(text)).toEqual([
      {
        text: 'The quality and effectiveness of plans for children, including safety plans agreed with parents.',
        reference: null,
      },
      { text: 'Sufficiency of suitable foster homes.', reference: null },
      { text: 'Timeliness of conferences', reference: null },
    ]);
  });

  it('keeps references and drops numbering', () => {
    expect(
      parsePastedFindings(
        'R1. Improve supervision.\nR2: Improve return home interviews.\n3. Strengthen the IRO service.',
      ),
    ).toEqual([
      { text: 'Improve supervision.', reference: 'R1' },
      { text: 'Improve return home interviews.', reference: 'R2' },
      { text: 'Strengthen the IRO service.', reference: null },
    ]);
  });

  it('treats plain lines ending in a full stop as separate findings', () => {
    expect(parsePastedFindings('Managers oversee work well.\nChildren are seen alone.').map((f) => f.text)).toEqual([
      'Managers oversee work well.',
      'Children are seen alone.',
    ]);
  });

  it('gives nothing for blank input', () => {
    expect(parsePastedFindings('  \n\n ')).toEqual([]);
  });
});
