import zlib from 'node:zlib';
import { LINE_STYLES } from '../../../lib/charts/svg.js';
import type { Block } from '../content.js';

/**
 * A small raster copy of a line chart, used only as the PNG fallback Word requires beside an SVG
 * image (Word 2016 and later show the SVG). Gridlines, axis and each series' line; no text — the
 * alt text and the table beside the chart carry the words.
 */
export function chartPng(chart: Extract<Block, { kind: 'chart' }>, width = 340, height = 160): Buffer {
  const px = Buffer.alloc(width * height * 3, 255);
  const set = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const dot = (x: number, y: number, colour: [number, number, number], size: number) => {
    const h = Math.floor(size / 2);
    for (let dx = -h; dx <= h; dx++) for (let dy = -h; dy <= h; dy++) set(Math.round(x) + dx, Math.round(y) + dy, colour);
  };
  const line = (x0: number, y0: number, x1: number, y1: number, colour: [number, number, number], size = 1) => {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let i = 0; i <= steps; i++) dot(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, colour, size);
  };
  const margin = { left: 12, right: 8, top: 8, bottom: 12 };
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...values, 0);
  const hiRaw = values.length ? Math.max(...values) : 1;
  const hi = hiRaw === lo ? lo + 1 : hiRaw;
  const n = chart.xLabels.length;
  const x = (i: number) => margin.left + (n <= 1 ? (width - margin.left - margin.right) / 2 : (i * (width - margin.left - margin.right)) / (n - 1));
  const y = (v: number) => height - margin.bottom - ((v - lo) / (hi - lo)) * (height - margin.top - margin.bottom);
  for (let k = 0; k <= 4; k++) {
    const gy = Math.round(margin.top + (k * (height - margin.top - margin.bottom)) / 4);
    line(margin.left, gy, width - margin.right, gy, [0xb1, 0xb4, 0xb6]);
  }
  line(margin.left, height - margin.bottom, width - margin.right, height - margin.bottom, [0x0b, 0x0c, 0x0c], 2);
  chart.series.forEach((s, si) => {
    const style = LINE_STYLES[si % LINE_STYLES.length];
    const colour = hexToRgb(style.colour);
    let prev: [number, number] | null = null;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const p: [number, number] = [x(i), y(v)];
      if (prev) line(prev[0], prev[1], p[0], p[1], colour, si === 0 ? 3 : 2);
      if (si === 0) dot(p[0], p[1], colour, 5);
      prev = p;
    });
  });
  return encodePng(px, width, height);
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An 8-bit RGB PNG from raw pixels. */
export function encodePng(rgb: Buffer, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let yy = 0; yy < height; yy++) {
    raw[yy * (width * 3 + 1)] = 0;
    rgb.copy(raw, yy * (width * 3 + 1) + 1, yy * width * 3, (yy + 1) * width * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}
