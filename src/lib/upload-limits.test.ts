import { describe, expect, it } from 'vitest';
import {
  ExpansionBudget,
  UploadGate,
  UploadLimitError,
  uploadLimits,
  refusalMessage,
  DEFAULT_UPLOAD_SETTINGS,
} from './upload-limits.js';

const MB = 1024 * 1024;

describe('upload limits', () => {
  it.each([
    // kind, largest file, rows, columns: the file caps are the smaller of UPLOAD_LIMIT_MB (50) and the kind's own
    ['annex-a', 50 * MB, 1_000_000, 200],
    ['indicator-import', 20 * MB, 50_000, 400],
    ['plan-import', 10 * MB, 2_000, 100],
    ['audit-import', 5 * MB, 2_000, 200],
    ['evidence', 10 * MB, 0, 0],
    ['report-pdf', 20 * MB, 0, 0],
  ] as const)('%s: %i bytes, %i rows, %i columns', (kind, bytes, rows, columns) => {
    const l = uploadLimits(kind);
    expect([l.maxBytes, l.maxRows, l.maxColumns]).toEqual([bytes, rows, columns]);
  });

  it('never lets a kind exceed UPLOAD_LIMIT_MB, and keeps Annex A’s 1 GB expansion for large authorities', () => {
    const small = { ...DEFAULT_UPLOAD_SETTINGS, maxUploadBytes: 5 * MB };
    expect(uploadLimits('indicator-import', small).maxBytes).toBe(5 * MB);
    expect(uploadLimits('annex-a', small).maxExpandedBytes).toBe(1024 * MB);
    expect(uploadLimits('plan-import', small).maxExpandedBytes).toBe(200 * MB);
  });
});

describe('the expansion budget', () => {
  const limits = { maxExpandedBytes: 10 * MB, maxRatio: 100, maxEntries: 3 };

  it('refuses what the zip directory declares: too many parts, too much in total, too high a ratio', () => {
    expect(() =>
      new ExpansionBudget(limits).checkDeclared([
        { compressedSize: 1, uncompressedSize: 1 },
        { compressedSize: 1, uncompressedSize: 1 },
        { compressedSize: 1, uncompressedSize: 1 },
        { compressedSize: 1, uncompressedSize: 1 },
      ]),
    ).toThrow(/too many parts/);
    expect(() =>
      new ExpansionBudget(limits).checkDeclared([
        { compressedSize: 5 * MB, uncompressedSize: 6 * MB },
        { compressedSize: 5 * MB, uncompressedSize: 5 * MB },
      ]),
    ).toThrow(UploadLimitError);
    // 2 MB from 10 KB is a ratio of ~205 (> 100) on a part over 1 MB
    expect(() =>
      new ExpansionBudget(limits).checkDeclared([{ compressedSize: 10 * 1024, uncompressedSize: 2 * MB }]),
    ).toThrow(/zip bomb/);
    // under 1 MB any ratio is fine (small XML parts compress very well)
    expect(() =>
      new ExpansionBudget(limits).checkDeclared([{ compressedSize: 100, uncompressedSize: 900 * 1024 }]),
    ).not.toThrow();
  });

  it('counts inflated bytes as they come, whatever the directory said', () => {
    const budget = new ExpansionBudget(limits);
    // 64 KB compressed at a ratio of 100 may inflate to 6,553,600 bytes (6.25 MB)
    const part = budget.part(64 * 1024);
    for (let i = 0; i < 6; i++) part(MB);
    expect(budget.expandedBytes).toBe(6 * MB);
    part(256 * 1024); // 6.25 MB exactly: allowed
    expect(() => part(1)).toThrow(/zip bomb/);
  });
});

describe('the upload gate', () => {
  it('lets `slots` uploads in, refuses the next without queuing, and frees a slot once (release twice is harmless)', () => {
    const gate = new UploadGate(2);
    const a = gate.tryEnter();
    const b = gate.tryEnter();
    expect(a && b).toBeTruthy();
    expect(gate.tryEnter()).toBeUndefined();
    a!();
    a!();
    expect(gate.inUse).toBe(1);
    expect(gate.tryEnter()).toBeTruthy();
    expect(gate.tryEnter()).toBeUndefined();
  });
});

describe('the words for a refused upload', () => {
  const own = { tooLarge: 'Too large for this form', unreadable: 'This form could not read it' };
  it.each([
    // status, the refusal's message, the form's words, what the form says
    [413, 'The file must be smaller than 10 MB', own, 'Too large for this form'],
    [429, 'Waymark is busy', own, 'Waymark is busy'],
    [400, 'Unexpected end of form', own, 'This form could not read it'],
    [413, 'The file must be smaller than 10 MB', { tooLarge: 'Too large' }, 'Too large'],
    [429, 'Waymark is busy', { tooLarge: 'Too large' }, 'Waymark is busy'],
    [400, 'Unexpected end of form', { tooLarge: 'Too large' }, 'Unexpected end of form'],
  ])('%i "%s" → its words', (status, message, words, said) => {
    expect(refusalMessage({ status, message }, words)).toBe(said);
  });
});
