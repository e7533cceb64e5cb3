// Draws the app and tray icons as PNGs with nothing but node:zlib: a rounded teal square with a white
// "bridge" (a deck on two piers). Re-run after changing the drawing: node build/make-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TEAL = [15, 118, 110, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function insideRoundedSquare(u, v, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - u, 0, u - hi);
  const dy = Math.max(lo - v, 0, v - hi);
  return (
    u >= margin && u <= 1 - margin && v >= margin && v <= 1 - margin && dx * dx + dy * dy <= radius * radius
  );
}
function isBridge(u, v) {
  const deck = v >= 0.42 && v <= 0.5 && u >= 0.2 && u <= 0.8;
  const pier = v >= 0.5 && v <= 0.74 && ((u >= 0.3 && u <= 0.38) || (u >= 0.62 && u <= 0.7));
  const arch =
    Math.hypot((u - 0.5) / 0.3, (v - 0.42) / 0.2) <= 1 &&
    Math.hypot((u - 0.5) / 0.22, (v - 0.42) / 0.12) >= 1 &&
    v <= 0.42;
  return deck || pier || arch;
}
function icon(u, v) {
  if (!insideRoundedSquare(u, v, 0.04, 0.18)) return CLEAR;
  return isBridge(u, v) ? WHITE : TEAL;
}
// Tray icons are tiny: no margin, so the shape fills the slot.
function trayIcon(u, v) {
  if (!insideRoundedSquare(u, v, 0, 0.2)) return CLEAR;
  return isBridge(u, v) ? WHITE : TEAL;
}

writeFileSync(path.join(here, 'icon.png'), png(512, icon));
writeFileSync(path.join(here, 'tray-16.png'), png(16, trayIcon));
writeFileSync(path.join(here, 'tray-32.png'), png(32, trayIcon));
console.log('build/icon.png (512), build/tray-16.png, build/tray-32.png');
