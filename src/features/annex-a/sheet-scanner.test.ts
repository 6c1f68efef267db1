import { describe, expect, it } from 'vitest';
import { makeXlsx, makeZip } from '../../../test/fixtures/annex-a/zip.js';
import { makeExcelWorkbook } from '../../../test/fixtures/annex-a/template.js';
import { realFormatSheets } from '../../../test/fixtures/annex-a/real-format.js';
import type { CellValue } from '../../lib/annex-a/values.js';
import { decodeEntities, SharedStringsScanner, SheetDamagedError, WorksheetScanner } from './sheet-scanner.js';
import { generateWorkbookBuffer } from './generator.js';
import { readUpload, type ReadOptions } from './reader.js';
import { uploadLimits } from '../../lib/upload-limits.js';
import { xlsxOf } from '../../../test/support/hostile-files.js';

const LIMITS = uploadLimits('annex-a');

/** Scan a worksheet part pushed in chunks of `size` bytes, so every boundary falls somewhere. */
function scan(xml: string, strings: string[] = [], size = 7): [number, CellValue[]][] {
  const rows: [number, CellValue[]][] = [];
  const s = new WorksheetScanner(strings, (n, cells) => rows.push([n, cells]), LIMITS);
  const buf = Buffer.from(xml, 'utf8');
  for (let i = 0; i < buf.length; i += size) s.push(buf.subarray(i, i + size));
  s.end();
  return rows;
}

const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="3" width="10"/></cols><sheetData>${rows}</sheetData><mergeCells count="0"/></worksheet>`;

describe('WorksheetScanner', () => {
  it.each([1, 3, 7, 64, 100_000])('reads every kind of cell, whatever the chunk size (%i bytes)', (size) => {
    const xml = sheet(
      '<row r="1" spans="1:6"><c r="A1" t="s"><v>1</v></c><c r="B1" s="1"><v>45444</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="F1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b </t></is></c></row>' +
        '<row r="3"><c r="A3" t="str"><f>A1&amp;"x"</f><v>Kent &lt;placed&gt;</v></c><c r="B3"><v>-2.5</v></c><c r="C3"/><c r="D3" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh></is></c></row>' +
        '<row r="4"/>' +
        '<row><c><v>7</v></c><c t="d"><v>2024-06-28T00:00:00</v></c></row>',
    );
    expect(scan(xml, ['zero', 'Assessment Team A'], size)).toEqual([
      [1, ['Assessment Team A', 45444, true, null, null, ' a & b ']],
      [3, ['Kent <placed>', -2.5, null, 'rich text']],
      [4, []],
      [5, [7, '2024-06-28']],
    ]);
  });

  it('reads numbers from the bytes exactly as Number() reads their text', () => {
    const texts = [
      '6.14',
      '-2.5',
      '45351.75',
      '0.1',
      '0.30000000000000004',
      '19.58',
      '7000001',
      '1E-3',
      '2.5e2',
      '123456789012345678',
      '-0',
      '.5',
      '3.',
    ];
    const rows = scan(
      sheet(
        `<row r="1">${texts.map((t, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${t}</v></c>`).join('')}</row>`,
      ),
    );
    expect(rows[0][1]).toEqual(texts.map((t) => Number(t)));
  });

  it('leaves a part with namespace prefixes to the XML reader', () => {
    const s = new WorksheetScanner([], () => {}, LIMITS);
    s.push(
      Buffer.from(
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      ),
    );
    expect(s.prefixed).toBe(true);
  });

  it('says a part is damaged when it stops in the middle of a row', () => {
    expect(() =>
      scan(
        sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2').replace(
          '</sheetData><mergeCells count="0"/></worksheet>',
          '',
        ),
      ),
    ).toThrow(SheetDamagedError);
  });

  it('says a part is damaged when its sheet data never ends, and reads an empty one', () => {
    expect(() =>
      scan(sheet('<row r="1"><c r="A1"><v>1</v></c></row>junk &bogus; <<<>>>').replace('</sheetData>', '<sheetData>')),
    ).toThrow(/sheet data never ends/);
    expect(scan('<worksheet><sheetData/></worksheet>')).toEqual([]);
    expect(() => scan('<worksheet><cols/></worksheet>')).toThrow(/no sheet data/);
  });

  it('decodes the XML entities text can hold', () => {
    expect(decodeEntities('Fish &amp; chips &lt;3 &quot;ok&quot; &apos;q&apos; &#233; &#x2019;')).toBe(
      'Fish & chips <3 "ok" \'q\' é ’',
    );
  });
});

describe('SharedStringsScanner', () => {
  it.each([1, 5, 4096])('reads each item’s text runs without phonetic runs (%i-byte chunks)', (size) => {
    const xml =
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>a) Male</t></si><si/><si><r><t>q) 6: </t></r><r><t>Police</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>';
    const s = new SharedStringsScanner(LIMITS);
    const buf = Buffer.from(xml, 'utf8');
    for (let i = 0; i < buf.length; i += size) s.push(buf.subarray(i, i + size));
    s.end();
    expect(s.strings).toEqual(['a) Male', '', 'q) 6: Police', '漢字']);
  });
});

async function rowsOf(file: Buffer, name: string, options: ReadOptions) {
  const out: { sheet: string; rows: [number, CellValue[]][] }[] = [];
  await readUpload(
    { buffer: file },
    name,
    {
      startSheet: (s) => out.push({ sheet: s, rows: [] }),
      row: (n, c) => out.at(-1)!.rows.push([n, c.map((v) => (v === undefined ? null : v))]),
      endSheet: () => {},
    },
    undefined,
    options,
  );
  return out;
}

describe('the byte scanner reads exactly what the XML reader reads', () => {
  it.each<[string, () => Promise<Buffer>]>([
    [
      'a workbook written by Excel’s layout (shared strings, styled dates, booleans, #N/A cells)',
      async () => makeExcelWorkbook(realFormatSheets('later')),
    ],
    [
      'a workbook of inline strings',
      async () =>
        makeXlsx([
          {
            name: 'List 1',
            rows: [
              ['Child Unique ID', 'Date of Contact'],
              ['C & 1', 45444],
              [null, '01/06/2024'],
            ],
          },
        ]),
    ],
    [
      'the generator’s workbook (ExcelJS streaming)',
      () => generateWorkbookBuffer({ children: 120, referenceDate: '2024-06-28', seed: 3 }),
    ],
  ])('%s', async (_label, make) => {
    const file = await make();
    expect(await rowsOf(file, 'x.xlsx', { xml: 'scan' })).toEqual(await rowsOf(file, 'x.xlsx', { xml: 'sax' }));
  });

  it('a part with namespace prefixes is read by the XML reader', async () => {
    const file = makeZip([
      {
        name: 'xl/workbook.xml',
        data: '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><x:sheets><x:sheet name="List 1" r:id="rId1"/></x:sheets></x:workbook>',
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Child Unique ID</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      },
    ]);
    expect(await rowsOf(file, 'x.xlsx', {})).toEqual([{ sheet: 'List 1', rows: [[1, ['Child Unique ID', 3]]] }]);
  });
});

describe('the limits of uploadLimits("annex-a"), checked by both readers as they read', () => {
  const small = { ...LIMITS, maxColumns: 3, maxXmlDepth: 9, maxSharedStrings: 2, maxRows: 2 };
  const read = (file: Buffer, xml: 'scan' | 'sax') =>
    readUpload({ buffer: file }, 'x.xlsx', { startSheet() {}, row() {}, endSheet() {} }, small, { xml });

  it.each(['scan', 'sax'] as const)('refuses nesting past the XML depth limit (%s)', async (xml) => {
    const deep = (n: number) =>
      xlsxOf(sheet(`<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(n)}${'</r>'.repeat(n)}</is></c></row>`));
    await expect(read(deep(1), xml)).resolves.toBe('xlsx');
    await expect(read(deep(20), xml)).rejects.toThrow(/nested more deeply/);
  });

  it.each(['scan', 'sax'] as const)(
    'refuses a value past the last column; drops empty cells there (%s)',
    async (xml) => {
      await expect(
        read(xlsxOf(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>')), xml),
      ).resolves.toBe('xlsx');
      await expect(
        read(xlsxOf(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>2</v></c></row>')), xml),
      ).rejects.toThrow(/more than 3 columns/);
    },
  );

  it.each(['scan', 'sax'] as const)('refuses more shared strings, or rows, than the limit (%s)', async (xml) => {
    const sst = (n: number) =>
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>x</t></si>'.repeat(n)}</sst>`;
    const one = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    await expect(read(xlsxOf(one, sst(2)), xml)).resolves.toBe('xlsx');
    await expect(read(xlsxOf(one, sst(3)), xml)).rejects.toThrow(/text table is larger/);
    await expect(read(xlsxOf(sheet('<row/><row/><row/><row/>')), xml)).rejects.toThrow(/more than 2 rows/);
  });
});
