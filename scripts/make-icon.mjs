// Draws media/icon.png (128×128, the Marketplace icon) from the shapes of media/flowcop.svg: a white
// shield on a blue tile, the flow's three steps and two links in blue on it. No image library needed:
// shapes are tested per sample (4×4 per pixel) and the PNG is written with zlib.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

const SIZE = 128;
const SS = 4;
const BLUE = [0x1f, 0x5f, 0xbf];
const WHITE = [0xff, 0xff, 0xff];

// media/flowcop.svg's viewBox is 24 units; the drawing fills 92% of the tile.
const scale = (SIZE * 0.92) / 24;
const offset = (SIZE - 24 * scale) / 2;
const at = ([x, y]) => [offset + x * scale, offset + y * scale];

function cubic(p0, p1, p2, p3, steps = 24) {
  return Array.from({ length: steps + 1 }, (_, k) => {
    const t = k / steps;
    const u = 1 - t;
    return [0, 1].map(i => u * u * u * p0[i] + 3 * u * u * t * p1[i] + 3 * u * t * t * p2[i] + t * t * t * p3[i]);
  });
}

// M12 2.5 4.5 5.5v6c0 4.6 3.1 8.4 7.5 10 4.4-1.6 7.5-5.4 7.5-10v-6z
const shield = [[12, 2.5], [4.5, 5.5], [4.5, 11.5], ...cubic([4.5, 11.5], [4.5, 16.1], [7.6, 19.9], [12, 21.5]).slice(1),
  ...cubic([12, 21.5], [16.4, 19.9], [19.5, 16.1], [19.5, 11.5]).slice(1), [19.5, 5.5]].map(at);
const nodes = [[9, 9], [15, 12.5], [9, 16]].map(at);
const links = [[[10.4, 9.8], [13.6, 11.7]], [[13.6, 13.3], [10.4, 15.2]]].map(s => s.map(at));
const stroke = 1.7 * scale;

function insidePolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance(x, y, [[x1, y1], [x2, y2]]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

function insideTile(x, y) {
  const r = SIZE * 0.18;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** The colour at a sample point, or undefined outside the tile (transparent). */
function colourAt(x, y) {
  if (!insideTile(x, y)) return undefined;
  if (!insidePolygon(x, y, shield)) return BLUE;
  const onNode = nodes.some(([cx, cy]) => Math.hypot(x - cx, y - cy) <= 1.7 * scale);
  const onLink = links.some(s => segmentDistance(x, y, s) <= stroke / 2);
  return onNode || onLink ? BLUE : WHITE;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0;
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const c = colourAt(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
      if (!c) continue;
      for (let i = 0; i < 3; i++) sum[i] += c[i];
      sum[3]++;
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    for (let i = 0; i < 3; i++) raw[o + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
    raw[o + 3] = Math.round((255 * sum[3]) / (SS * SS));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = buf => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc(body), 8 + data.length);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
fs.writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
