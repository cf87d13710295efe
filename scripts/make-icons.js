#!/usr/bin/env node
/**
 * Writes the add-in icons (assets/icon-<size>.png) with nothing but Node's zlib.
 *
 * The mark: a dark-teal rounded square holding three bottom-aligned bars in red, amber and green,
 * rising left to right (the RAG colours the add-in uses for goal alignment). Shapes are described in
 * unit coordinates and rendered with 4x4 supersampling, so edges are anti-aliased at every size.
 *
 * Usage: node scripts/make-icons.js [outDir]   (default: assets/)
 */
/* global Buffer */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 4;

const TEAL = [0x0b, 0x4f, 0x5c];
const BARS = [
  // x0, x1 and top (y grows downwards) in unit coordinates; all bars end at BAR_BOTTOM.
  { x0: 0.2, x1: 0.36, top: 0.56, color: [0xe0, 0x4f, 0x3f] }, // red
  { x0: 0.42, x1: 0.58, top: 0.4, color: [0xf2, 0xa9, 0x00] }, // amber
  { x0: 0.64, x1: 0.8, top: 0.22, color: [0x2e, 0xb8, 0x72] }, // green
];
const BAR_BOTTOM = 0.8;
const CORNER = 0.2; // corner radius of the background square, unit coordinates

function insideRoundedSquare(x, y) {
  const r = CORNER;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  const dx = x - cx;
  const dy = y - cy;
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && dx * dx + dy * dy <= r * r;
}

/** RGBA pixels of the icon at `size` x `size`. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (!insideRoundedSquare(x, y)) continue;
          covered++;
          const bar = BARS.find((b) => x >= b.x0 && x < b.x1 && y >= b.top && y < BAR_BOTTOM);
          const color = bar ? bar.color : TEAL;
          for (let c = 0; c < 3; c++) sum[c] += color[c];
        }
      }
      const at = (py * size + px) * 4;
      if (covered > 0) {
        for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(sum[c] / covered);
      }
      pixels[at + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG file (8-bit RGBA, no interlace) from RGBA pixels. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); // width
  header.writeUInt32BE(size, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // interlace: none
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { SIZES, render, encodePng };
