import { PDFParse } from 'pdf-parse';

/** A PDF's text, page by page as pdf-parse lays it out; throws if the bytes are not a readable PDF. */
export async function pdfToText(data: Buffer | Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const result = await parser.getText();
    return result.text;
  } finally {
    await parser.destroy();
  }
}

export function looksLikePdf(data: Buffer | Uint8Array): boolean {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
