import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotAnOfstedReportError, parseOfstedReport, type ReportDraft } from './ofsted-report-parser.js';
import { EXPECTED } from './ofsted-report-expected.js';
import { pdfToText } from '../features/inspections/pdf-text.js';

import { OFSTED_REPORTS_DIR as reportsDir } from '../../test/fixtures/paths.js';

const moreLayoutsDir = path.join(reportsDir, 'more-layouts');

describe('parseOfstedReport on every published report in test/fixtures/ofsted-reports', () => {
  const drafts = new Map<string, ReportDraft>();
  beforeAll(async () => {
    for (const dir of [reportsDir, moreLayoutsDir]) {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
        drafts.set(file, parseOfstedReport(await pdfToText(fs.readFileSync(path.join(dir, file)))));
      }
    }
  }, 60_000);

  it('has an expectation for every report on disk', () => {
    expect([...drafts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, e) => {
    const d = drafts.get(file)!;
    expect(d.authority).toBe(e.authority);
    expect(d.type).toBe(e.type);
    expect(d.frameworkVersion).toBe(e.version);
    expect([d.startDate, d.endDate, d.publishedDate]).toEqual([e.start, e.end, e.published]);
    expect(d.judgements).toEqual(e.judgements);
    if (e.lscb !== undefined) expect(d.lscbJudgement).toBe(e.lscb);
    expect(d.findings).toHaveLength(e.count);
    const texts = d.findings.map((f) => f.text);
    for (const item of e.items) expect(texts).toContain(item);
    if (e.exact) expect(d.findings.map((f) => [f.text, f.frameworkReference])).toEqual(e.exact);
    expect(d.findings.every((f) => f.kind === (e.type === 'sif' ? 'recommendation' : 'area-for-improvement'))).toBe(
      true,
    );
    // ILACS reports do not print their publication date: the draft says so rather than guessing.
    expect(d.warnings.some((w) => w.includes('publication date'))).toBe(e.published === null);
  });

  it('numbers SIF recommendations R1… and joins sub-bullets into their item', () => {
    const d = drafts.get('leicester_2015-03-20.pdf')!;
    expect(d.findings[0]).toEqual({
      kind: 'recommendation',
      reference: 'R1',
      frameworkReference: null,
      text: 'Put into place an effective performance management framework; this to include comprehensive and reliable performance data; clear monitoring and quality assurance arrangements; effective performance management of teams and individuals.',
    });
    expect(d.findings[23].reference).toBe('R24');
  });
});

describe('parseOfstedReport on text that is not a report', () => {
  it('refuses minutes of a meeting', () => {
    expect(() =>
      parseOfstedReport('Minutes of the Children and Young People Scrutiny Commission\nPresent: Councillors'),
    ).toThrow(NotAnOfstedReportError);
  });

  it('says plainly what it could not read', () => {
    const d = parseOfstedReport(
      'Inspection of Nowhere local authority children’s services\nJudgement Grade\nOverall effectiveness Good\n',
    );
    expect(d.authority).toBe('Nowhere');
    expect(d.judgements).toEqual({ 'overall-effectiveness': 'good' });
    expect(d.warnings).toEqual([
      'Could not read the inspection dates: enter the start and end dates.',
      'The report does not state its publication date: enter it (the action plan deadline counts from it).',
      'Could not tell a short from a standard inspection without the dates: check the type.',
      'Read 1 of the 4 judgements: add the missing ones by hand.',
      'Could not find the list of what needs to improve: add the findings by pasting them.',
    ]);
  });
});
