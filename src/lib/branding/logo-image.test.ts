import { describe, expect, it } from 'vitest';
import { checkLogo, LOGO_MAX_BYTES } from './logo-image.js';

/** A PNG header: signature, then an IHDR chunk of 13 bytes giving width and height. */
function png(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

/** A JPEG: SOI, an APP0 segment of 16 bytes, then SOF0 with height and width. */
function jpeg(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

describe('checkLogo', () => {
  it.each([
    ['a PNG 240×60', png(240, 60), { ok: true, type: 'image/png', width: 240, height: 60 }],
    ['a JPEG 300×80 after an APP0 segment', jpeg(300, 80), { ok: true, type: 'image/jpeg', width: 300, height: 80 }],
    [
      'a PNG wider than 2,000 px',
      png(2001, 10),
      { ok: false, message: 'The logo must be at most 2000 pixels wide and high (this one is 2001 by 10)' },
    ],
    ['an empty file', new Uint8Array(), { ok: false, message: 'The selected file is empty' }],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      {
        ok: false,
        message: 'The logo must be a PNG or JPEG: SVG files can contain scripts, so save the logo as a PNG',
      },
    ],
    [
      'an SVG behind an XML declaration',
      Buffer.from('<?xml version="1.0"?>\n<svg/>'),
      {
        ok: false,
        message: 'The logo must be a PNG or JPEG: SVG files can contain scripts, so save the logo as a PNG',
      },
    ],
    [
      'a GIF',
      Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
      { ok: false, message: 'The logo must be a PNG or JPEG image' },
    ],
    [
      'a PNG signature with no IHDR',
      png(1, 1).subarray(0, 12),
      { ok: false, message: 'The logo file is damaged: its size could not be read' },
    ],
    ['a PNG of width 0', png(0, 10), { ok: false, message: 'The logo file is damaged: its size could not be read' }],
    [
      'a JPEG cut off before its frame header',
      jpeg(300, 80).subarray(0, 12),
      { ok: false, message: 'The logo file is damaged: its size could not be read' },
    ],
  ])('%s', (_label, bytes, expected) => {
    expect(checkLogo(bytes)).toEqual(expected);
  });

  it('refuses a file over the limit before looking inside', () => {
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(png(10, 10));
    expect(checkLogo(big)).toEqual({ ok: false, message: 'The logo must be smaller than 200 KB' });
  });
});
