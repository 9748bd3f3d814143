/**
 * Draws the app icons (appPackage/color.png 192x192, outline.png 32x32 white on transparent)
 * without any image library: a person-and-key mark from circles and rectangles, anti-aliased by
 * supersampling, encoded as RGBA PNG with zlib. Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Shape = (x: number, y: number) => boolean;

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring =
  (cx: number, cy: number, r: number, w: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= r && d >= r - w;
  };
const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** The mark in unit coordinates (0..1): a head and shoulders with a key beside it. */
const mark: Shape = union(
  circle(0.4, 0.33, 0.13),
  (x, y) => y >= 0.52 && y <= 0.8 && ((x - 0.4) / 0.25) ** 2 + ((y - 0.8) / 0.28) ** 2 <= 1,
  ring(0.72, 0.56, 0.09, 0.045),
  rect(0.7, 0.64, 0.74, 0.84),
  rect(0.74, 0.72, 0.79, 0.75),
  rect(0.74, 0.79, 0.79, 0.82),
);

function render(size: number, background: [number, number, number, number], foreground: [number, number, number], inset: number): Buffer {
  const samples = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = ((px + (sx + 0.5) / samples) / size - inset) / (1 - 2 * inset);
          const v = ((py + (sy + 0.5) / samples) / size - inset) / (1 - 2 * inset);
          if (mark(u, v)) covered++;
        }
      }
      const a = covered / (samples * samples);
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const bgA = background[3] / 255;
      const outA = a + bgA * (1 - a);
      for (let c = 0; c < 3; c++) {
        raw[o + c] = outA === 0 ? 0 : Math.round((foreground[c] * a + background[c] * bgA * (1 - a)) / outA);
      }
      raw[o + 3] = Math.round(outA * 255);
    }
  }
  return png(size, size, raw);
}

function png(width: number, height: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

writeFileSync(new URL('../appPackage/color.png', import.meta.url), render(192, [15, 108, 189, 255], [255, 255, 255], 0.1));
writeFileSync(new URL('../appPackage/outline.png', import.meta.url), render(32, [0, 0, 0, 0], [255, 255, 255], 0.02));
