/**
 * What an uploaded evidence file really is, judged by its first bytes (never by the name or the
 * browser's claimed type). Only these kinds are accepted.
 */
export interface DetectedType {
  kind: 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx' | 'pptx' | 'text';
  contentType: string;
  extensions: string[];
}

const TYPES: Record<DetectedType['kind'], Omit<DetectedType, 'kind'>> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'csv'] },
};

export const ACCEPTED_EVIDENCE = 'PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), text or CSV';

const startsWith = (buf: Uint8Array, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename);
  return m ? m[1].toLowerCase() : '';
}

/** The detected type, or null when the content is not one we accept (or does not match the file's extension). */
export function detectEvidenceType(buf: Uint8Array, filename: string): DetectedType | null {
  const ext = extensionOf(filename);
  let kind: DetectedType['kind'] | null = null;
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) kind = 'pdf';
  else if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = 'png';
  else if (startsWith(buf, [0xff, 0xd8, 0xff])) kind = 'jpeg';
  else if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office Open XML file is a zip; which one is told by its extension, checked against the parts it names.
    const head = Buffer.from(buf.subarray(0, Math.min(buf.length, 64 * 1024))).toString('latin1');
    if (ext === 'docx' && head.includes('word/')) kind = 'docx';
    else if (ext === 'xlsx' && head.includes('xl/')) kind = 'xlsx';
    else if (ext === 'pptx' && head.includes('ppt/')) kind = 'pptx';
  } else if (isPlainText(buf)) kind = 'text';
  if (!kind) return null;
  const type = { kind, ...TYPES[kind] };
  return type.extensions.includes(ext) ? type : null;
}

/** UTF-8 text with no control characters other than tab, new line and carriage return. */
export function isPlainText(buf: Uint8Array): boolean {
  if (buf.length === 0) return false;
  for (const b of buf.subarray(0, 64 * 1024)) {
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, 64 * 1024));
    return true;
  } catch {
    return false;
  }
}

/** A filename safe to show and to send in Content-Disposition. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'evidence';
  const cleaned = base
    .replace(/[^\w.\- ()]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return cleaned || 'evidence';
}
