/**
 * Hostile files built in the tests, byte by byte, the way an attacker would: zip bombs dressed as
 * .xlsx workbooks (honest or lying about their size in the zip directory), a workbook with a huge
 * table of shared strings, and a PDF bomb (one large compressed content stream drawn on several pages).
 */
import zlib from 'node:zlib';

interface RawEntry {
  name: string;
  /** Deflated bytes of the part. */
  deflated: Buffer;
  crc: number;
  size: number;
  /** The uncompressed size written in the headers (a bomb may lie). */
  declaredSize?: number;
}

function entry(name: string, text: string): RawEntry {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

/** A zip of already-deflated parts (method 8), with central directory. */
export function zipOf(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, e.deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.deflated.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

/** An .xlsx with the given sheet XML and (optionally) shared strings, all parts honest. */
export function xlsxOf(sheetXml: string, sharedStrings?: string): Buffer {
  const entries = [
    entry('[Content_Types].xml', CONTENT_TYPES),
    entry('_rels/.rels', RELS),
    entry('xl/workbook.xml', WORKBOOK),
    entry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
  ];
  if (sharedStrings !== undefined) entries.push(entry('xl/sharedStrings.xml', sharedStrings));
  entries.push(entry('xl/worksheets/sheet1.xml', sheetXml));
  return zipOf(entries);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * A zip bomb dressed as a workbook: a sheet of `expandedMb` megabytes of identical rows of long text,
 * deflated to well under a megabyte. With `lie`, the zip directory claims the sheet is 1 KB, so only
 * counting the bytes as they inflate can catch it.
 */
export async function xlsxBomb(expandedMb: number, opts: { lie?: boolean } = {}): Promise<Buffer> {
  const row = `<row><c t="inlineStr"><is><t>${'A'.repeat(900)}</t></is></c></row>`;
  const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)), 'utf8');
  const head = Buffer.from(SHEET_HEAD, 'utf8');
  const tail = Buffer.from(SHEET_TAIL, 'utf8');
  let crc = zlib.crc32(head);
  let size = head.length;
  // The same chunk deflated again and again: fast (the data is repetitive), small, never joined in memory.
  const pieces: Buffer[] = [head];
  for (let i = 0; i < expandedMb; i++) pieces.push(chunk);
  pieces.push(tail);
  const deflated = await deflateMany(pieces, zlib.createDeflateRaw());
  for (let i = 1; i < pieces.length; i++) {
    crc = zlib.crc32(pieces[i], crc);
    size += pieces[i].length;
  }
  const sheet: RawEntry = {
    name: 'xl/worksheets/sheet1.xml',
    deflated,
    crc,
    size,
    declaredSize: opts.lie ? 1024 : size,
  };
  const entries = [
    entry('[Content_Types].xml', CONTENT_TYPES),
    entry('_rels/.rels', RELS),
    entry('xl/workbook.xml', WORKBOOK),
    entry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    sheet,
  ];
  return zipOf(entries);
}

/** Deflate a sequence of buffers as one stream without joining them in memory. */
async function deflateMany(pieces: Buffer[], z: zlib.Deflate | zlib.DeflateRaw): Promise<Buffer> {
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  for (const p of pieces) if (!z.write(p)) await new Promise((r) => z.once('drain', r));
  z.end();
  await ended;
  return Buffer.concat(out);
}

/** A workbook whose shared-strings table holds `count` distinct strings (a memory attack on the reader). */
export function xlsxHugeSharedStrings(count: number): Buffer {
  const strings: string[] = [];
  for (let i = 0; i < count; i++) strings.push(`<si><t>s${i}</t></si>`);
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${strings.join('')}</sst>`;
  return xlsxOf(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`, sst);
}

/** A sheet nested `depth` elements deep (XML that no spreadsheet has). */
export function xlsxDeepNesting(depth: number): Buffer {
  return xlsxOf(
    `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(depth)}${'</r>'.repeat(depth)}</is></c></row>${SHEET_TAIL}`,
  );
}

/** A sheet with a cell in the last column Excel has (XFD). */
export function xlsxWideColumn(): Buffer {
  return xlsxOf(
    `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="XFD1" t="inlineStr"><is><t>2024-01</t></is></c></row>${SHEET_TAIL}`,
  );
}

/** A sheet whose only row claims to be row 1,000,000. */
export function xlsxFarRow(): Buffer {
  return xlsxOf(`${SHEET_HEAD}<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>${SHEET_TAIL}`);
}

/**
 * A PDF bomb: `pages` pages that all draw the same content stream, which inflates to `streamMb`
 * megabytes of text-showing operators. Each page makes a PDF reader tokenise and lay out the whole
 * stream again, so a ~100 KB file costs many seconds of CPU.
 */
export async function pdfBomb(streamMb: number, pages: number): Promise<Buffer> {
  const op = Buffer.from('BT /F1 12 Tf 72 720 Td (Waymark) Tj ET\n', 'latin1');
  const pieces: Buffer[] = [];
  const repeat = Buffer.alloc(1024 * 1024, 0);
  for (let i = 0; i < repeat.length; i += op.length) op.copy(repeat, i, 0, Math.min(op.length, repeat.length - i));
  // keep every operator whole: trim the chunk to a whole number of operators, padded with newlines
  const whole = Math.floor(repeat.length / op.length) * op.length;
  repeat.fill(0x0a, whole);
  for (let i = 0; i < streamMb; i++) pieces.push(repeat);
  const content = await deflateMany(pieces, zlib.createDeflate());
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++)
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${4 + pages} 0 R >>`,
    );
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0].length;
  const add = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    add(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1'));
  });
  offsets.push(length);
  add(
    Buffer.from(
      `${objects.length + 1} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`,
      'latin1',
    ),
  );
  add(content);
  add(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xref = length;
  const count = objects.length + 2;
  const table = [
    'xref',
    `0 ${count}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
  ].join('\n');
  add(Buffer.from(`${table}\ntrailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
