/**
 * Checks an uploaded logo from its bytes. Only PNG and JPEG are taken: they cannot carry script, so
 * a council's logo can be served from our own origin without sanitising anything. An SVG (which can)
 * is refused with a message asking for a PNG.
 */

export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_MAX_SIDE = 2000;

export type LogoType = 'image/png' | 'image/jpeg';

export type LogoCheck = { ok: true; type: LogoType; width: number; height: number } | { ok: false; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  // The first chunk of a PNG must be IHDR: length (4) type (4) width (4) height (4).
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  // Walk the markers to the first start-of-frame (SOF0–SOF15 except DHT C4, JPG C8 and DAC CC).
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] };
    }
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<svg') || head.startsWith('<?xml') || head.includes('<svg');
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (!bytes.length) return { ok: false, message: 'The selected file is empty' };
  if (bytes.length > LOGO_MAX_BYTES)
    return { ok: false, message: `The logo must be smaller than ${LOGO_MAX_BYTES / 1024} KB` };
  let type: LogoType;
  let size: { width: number; height: number } | null;
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    type = 'image/png';
    size = pngSize(bytes);
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    type = 'image/jpeg';
    size = jpegSize(bytes);
  } else if (looksLikeSvg(bytes)) {
    return {
      ok: false,
      message: 'The logo must be a PNG or JPEG: SVG files can contain scripts, so save the logo as a PNG',
    };
  } else {
    return { ok: false, message: 'The logo must be a PNG or JPEG image' };
  }
  if (!size || !size.width || !size.height)
    return { ok: false, message: 'The logo file is damaged: its size could not be read' };
  if (size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE) {
    return {
      ok: false,
      message: `The logo must be at most ${LOGO_MAX_SIDE} pixels wide and high (this one is ${size.width} by ${size.height})`,
    };
  }
  return { ok: true, type, ...size };
}
