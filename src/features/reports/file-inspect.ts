import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';

/** Every entry of a zip (a .docx or .xlsx) as text, for tests that check a generated file's structure. */
export async function unzipText(buffer: Buffer): Promise<Map<string, string>> {
  return new Map([...(await unzipEntries(buffer))].map(([name, bytes]) => [name, bytes.toString('utf8')]));
}

/** Every entry of a zip as bytes (images in a .docx). */
export async function unzipEntries(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStreamPromise(entry).then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      }, reject);
    });
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** The text of a PDF, from poppler's pdftotext. */
export async function pdfText(buffer: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, buffer);
  try {
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PDF tests run where Chromium is installed, and must under CI. */
export function pdfTestsCanRun(chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): boolean {
  if (fs.existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') throw new Error(`PDF tests must run in CI, but Chromium is not at ${chromiumPath}`);
  return false;
}
