import { describe, expect, it } from 'vitest';
import { detectEvidenceType, isPlainText, safeFilename } from './evidence-file-type.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const zipWith = (part: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${part}document.xml`)]);

describe('detectEvidenceType judges by content, and the extension must agree', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n...'), 'report.pdf', 'pdf'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'chart.png', 'png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0), 'photo.JPG', 'jpeg'],
    ['Word', zipWith('word/'), 'minutes.docx', 'docx'],
    ['Excel', zipWith('xl/'), 'tracker.xlsx', 'xlsx'],
    ['CSV text', Buffer.from('a,b\n1,2\n'), 'data.csv', 'text'],
    ['a PDF named .png', Buffer.from('%PDF-1.4'), 'chart.png', null],
    ['an executable named .pdf', bytes(0x4d, 0x5a, 0x90, 0x00, 0x03), 'report.pdf', null],
    [
      'HTML named .txt (has no control bytes, so it is text: served as text/plain, never as HTML)',
      Buffer.from('<script>alert(1)</script>'),
      'note.txt',
      'text',
    ],
    ['HTML named .html', Buffer.from('<html></html>'), 'page.html', null],
    ['a zip named .docx without Word parts', zipWith('other/'), 'minutes.docx', null],
    ['binary named .txt', bytes(0x00, 0x01, 0x02), 'note.txt', null],
    ['an empty file', bytes(), 'empty.txt', null],
  ])('%s', (_label, buf, name, expected) => {
    expect(detectEvidenceType(buf, name)?.kind ?? null).toBe(expected);
  });
});

describe('isPlainText', () => {
  it.each([
    [Buffer.from('Café – £5\r\n\tok'), true],
    [bytes(0xc3, 0x28), false],
    [bytes(0x41, 0x1b, 0x42), false],
  ])('%#', (buf, expected) => expect(isPlainText(buf)).toBe(expected));
});

describe('safeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\evil\\x.pdf', 'x.pdf'],
    ['Audit "Q1".pdf', 'Audit _Q1_.pdf'],
    ['.hidden', 'hidden'],
    ['', 'evidence'],
  ])('%s → %s', (input, expected) => expect(safeFilename(input)).toBe(expected));
});
