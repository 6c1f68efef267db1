import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfstedReport } from './ofsted-report-parser.js';
import { splitFrameworkReference } from './ofsted-report-text.js';
import { RI } from './ofsted-report-expected.js';
import { pdfToText } from '../features/inspections/pdf-text.js';

import { OFSTED_REPORTS_DIR as reportsDir } from '../../test/fixtures/paths.js';

describe('parseOfstedReport on the other published layouts (real report text, altered as other reports print it)', () => {
  const texts = new Map<string, string>();
  const read = async (file: string) => {
    if (!texts.has(file)) texts.set(file, await pdfToText(fs.readFileSync(path.join(reportsDir, file))));
    return texts.get(file)!;
  };
  const durhamItems = [
    'The quality and impact of management oversight, including that of child protection chairs.',
    'The timeliness of assessments and support for children who return home.',
    'The quality of children’s plans, so that they are timebound, and include clear actions and contingency plans.',
    'The response to disabled children, children in private fostering arrangements, and children who are homeless aged 16 and 17.',
    'The timeliness of foster carers’ reviews.',
    'The tracking and monitoring of children missing from education.',
  ];

  it.each([
    ['What needs to improve:', (t: string) => t.replace(/^What needs to improve$/m, 'What needs to improve:')],
    [
      'What needs to improve?1 with a footnote',
      (t: string) => t.replace(/^What needs to improve$/m, 'What needs to improve?1'),
    ],
    ['bullets as •', (t: string) => t.replace(/^◼ /gm, '• ')],
    ['bullets as –', (t: string) => t.replace(/^◼ /gm, '– ')],
    ['no bullets at all', (t: string) => t.replace(/^◼ /gm, '')],
  ])('reads Durham 2019 with the heading or bullets as %s', async (_label, alter) => {
    const d = parseOfstedReport(alter(await read('more-layouts/durham_2019-10-21.pdf')));
    expect(d.findings.map((f) => f.text)).toEqual(durhamItems);
  });

  it('reads an item that wraps onto the next page past the running header and the footnote', async () => {
    // Sunderland 2025: move the page break (with its footnote, running header and page number) into the second item.
    const text = (await read('more-layouts/sunderland_2025-03-11.pdf')).replace(
      'children establishing contact with extended family members',
      'children establishing contact\n1 The areas for improvement have been cross-referenced with the outcomes.\n\n-- 2 of 15 --\n\nInspection of Sunderland local authority children’s services\n27 to 31 January 2025 3\nwith extended family members',
    );
    const d = parseOfstedReport(text);
    expect(d.findings[1]).toEqual({
      kind: 'area-for-improvement',
      text: 'Risk assessments in respect of unaccompanied asylum-seeking children establishing contact with extended family members across the country.',
      reference: null,
      frameworkReference: 'Outcome three',
    });
    expect(d.findings).toHaveLength(3);
  });

  it('reads a judgement table whose grades come after all their labels', async () => {
    const text = (await read('more-layouts/durham_2019-10-21.pdf')).replace(
      /Judgement Grade[\s\S]*?Overall effectiveness Requires improvement/,
      'Judgement Grade\nThe impact of leaders on social work practice with children and families\nThe experiences and progress of children who need help and protection\n' +
        'The experiences and progress of children in care and care leavers\nOverall effectiveness\nRequires improvement\nInadequate\nGood\nRequires improvement to be good',
    );
    const d = parseOfstedReport(text);
    expect(d.judgements).toEqual({
      leaders: RI,
      'help-and-protection': 'inadequate',
      'children-in-care-and-care-leavers': 'good',
      'overall-effectiveness': RI,
    });
  });

  it.each([
    [
      'Inspection of Tameside Metropolitan Borough Council local authority children’s services',
      'Tameside Metropolitan Borough Council',
    ],
    ['London Borough of Barnet\nInspection of children’s social care services', 'London Borough of Barnet'],
    [
      'Inspection of the Royal Borough of Greenwich\nlocal authority children’s services',
      'the Royal Borough of Greenwich',
    ],
    [
      'Inspection of Kingston upon Hull City\nCouncil local authority children’s\nservices',
      'Kingston upon Hull City Council',
    ],
  ])('reads the authority from the title “%s”', async (title, authority) => {
    const text = (await read('stockton-on-tees_2023-05-09.pdf')).replace(
      /^Inspection of Stockton-on-Tees local\nauthority children’s services/m,
      title,
    );
    expect(parseOfstedReport(text).authority).toBe(authority);
  });

  it('splits a framework reference however it is printed', () => {
    expect(splitFrameworkReference('The workloads of PAs in the Next Steps service. (Enabler two)')).toEqual({
      text: 'The workloads of PAs in the Next Steps service.',
      frameworkReference: 'Enabler two',
    });
    expect(splitFrameworkReference('Timeliness of initial child protection conferences (Outcome 2).')).toEqual({
      text: 'Timeliness of initial child protection conferences.',
      frameworkReference: 'Outcome 2',
    });
    expect(splitFrameworkReference('Help for care leavers. (Outcomes one and four)')).toEqual({
      text: 'Help for care leavers.',
      frameworkReference: 'Outcomes one and four',
    });
    expect(splitFrameworkReference('Sufficiency of homes (including foster homes).')).toEqual({
      text: 'Sufficiency of homes (including foster homes).',
      frameworkReference: null,
    });
  });
});
