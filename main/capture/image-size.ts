// An image's size read from its header, before anything is decoded: a 138-byte TIFF can claim 100,000 × 100,000
// pixels, and decoding it would allocate 40 GB. PNG: the IHDR chunk. JPEG: the SOFn segment. TIFF: every IFD
// (pages, sub-IFDs), walked with the checks the TIFF decoder itself lacks (loops between IFDs, tag counts that run
// past the end of the file), and the JPEG frames inside JPEG-compressed TIFFs. What cannot be measured is refused
// as damaged; what is over the limit is refused with a message that says how to scan it again.
import { AppError } from '../domain/errors.js';

/** About 40 megapixels: an A4 page at 600 dpi is 35 MP; anything larger is not an invoice scan worth decoding. */
export const MAX_PIXELS = 40_000_000;
/** A TIFF with more IFDs than this (pages, sub-images) is not an invoice. */
const MAX_IFDS = 1000;
/** Bits per pixel of an uncompressed TIFF the decoder will hold (16-bit RGBA is 64). */
const MAX_BITS_PER_PIXEL = 64;

export interface PixelSize {
  width: number;
  height: number;
}

export type ImageKind = 'png' | 'jpeg' | 'tiff';

/** Thrown by the readers below for a header that cannot be read; the caller words it for the file. */
class Damaged extends Error {}

const formatter = new Intl.NumberFormat('en-US');

export function tooLargeMessage(size: PixelSize, where: string): string {
  return `${where} is ${formatter.format(size.width)} × ${formatter.format(size.height)} pixels; Ledgerbridge reads images up to about ${MAX_PIXELS / 1_000_000} megapixels. Scan it at 300 dpi or less and try again.`;
}

function tooLarge(size: PixelSize): boolean {
  return size.width * size.height > MAX_PIXELS;
}

// --- PNG ---------------------------------------------------------------------------------------------------------

export function pngSize(bytes: Uint8Array): PixelSize {
  // Signature (8), then the first chunk must be IHDR: length (4), type (4), width (4), height (4).
  if (bytes.length < 24) throw new Damaged('too short for a PNG header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') throw new Damaged('the first chunk is not IHDR');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw new Damaged('a PNG of no pixels');
  return { width, height };
}

// --- JPEG --------------------------------------------------------------------------------------------------------

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The frame size of a JPEG stream (its first SOFn), or null when the stream has no frame header. */
export function jpegSize(bytes: Uint8Array): PixelSize | null {
  let p = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xd8) p = 2;
  while (p + 1 < bytes.length) {
    if (bytes[p] !== 0xff) throw new Damaged(`no JPEG marker at byte ${p}`);
    let marker = bytes[p + 1] ?? 0;
    p += 2;
    // Fill bytes: FF FF … before the marker.
    while (marker === 0xff && p < bytes.length) marker = bytes[p++] ?? 0;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    // The image data begins (SOS) or ends (EOI): a frame header would have come before.
    if (marker === 0xda || marker === 0xd9) return null;
    if (p + 2 > bytes.length) break;
    const length = ((bytes[p] ?? 0) << 8) | (bytes[p + 1] ?? 0);
    if (length < 2) throw new Damaged('a JPEG segment shorter than its length field');
    if (isSof(marker)) {
      if (p + 7 > bytes.length) break;
      const height = ((bytes[p + 3] ?? 0) << 8) | (bytes[p + 4] ?? 0);
      const width = ((bytes[p + 5] ?? 0) << 8) | (bytes[p + 6] ?? 0);
      // A height of 0 is defined later by a DNL marker; nothing here decodes that safely.
      if (width === 0 || height === 0) throw new Damaged('a JPEG frame without its size');
      return { width, height };
    }
    p += length;
  }
  throw new Damaged('the JPEG ends before its frame header');
}

// --- TIFF --------------------------------------------------------------------------------------------------------

/** Bytes per value of each TIFF field type (BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT, SLONG, SRATIONAL, FLOAT, DOUBLE, IFD). */
const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
};

interface TiffIfd {
  /** Tag → its values (numbers) for the integer tags this reader needs. */
  values: Map<number, number[]>;
}

class TiffReader {
  readonly view: DataView;
  readonly little: boolean;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.little = bytes[0] === 0x49;
  }
  u16(at: number): number {
    if (at + 2 > this.bytes.length) throw new Damaged(`a TIFF field at byte ${at} is past the end`);
    return this.view.getUint16(at, this.little);
  }
  u32(at: number): number {
    if (at + 4 > this.bytes.length) throw new Damaged(`a TIFF field at byte ${at} is past the end`);
    return this.view.getUint32(at, this.little);
  }
}

/** Tags whose values are read: size, samples, compression, strips and tiles, and the sub-IFD pointers. */
const WANTED = new Set([256, 257, 258, 259, 273, 277, 279, 322, 323, 324, 325, 330, 34665]);
/** Integer tags whose arrays can be long (one value per strip or tile); beyond this a file is not an invoice. */
const MAX_VALUES = 1_000_000;

function readIfd(tiff: TiffReader, offset: number): { ifd: TiffIfd; next: number } {
  const count = tiff.u16(offset);
  const end = offset + 2 + count * 12;
  if (end + 4 > tiff.bytes.length) throw new Damaged(`a TIFF directory at byte ${offset} runs past the end`);
  const values = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12;
    const tag = tiff.u16(entry);
    const type = tiff.u16(entry + 2);
    const n = tiff.u32(entry + 4);
    const size = TYPE_SIZE[type];
    // Unknown types are skipped by the decoder too; known ones must fit in the file.
    if (size === undefined) continue;
    const total = size * n;
    const at = total <= 4 ? entry + 8 : tiff.u32(entry + 8);
    if (at + total > tiff.bytes.length) {
      throw new Damaged(`TIFF tag ${tag} claims ${n} values past the end of the file`);
    }
    if (!WANTED.has(tag) || (type !== 3 && type !== 4 && type !== 13)) continue;
    if (n > MAX_VALUES) throw new Damaged(`TIFF tag ${tag} has ${n} values`);
    const list: number[] = [];
    for (let j = 0; j < n; j++) list.push(type === 3 ? tiff.u16(at + 2 * j) : tiff.u32(at + 4 * j));
    values.set(tag, list);
  }
  return { ifd: { values }, next: tiff.u32(end) };
}

/**
 * The size of every image in a TIFF (each page, each sub-image), checking the structure the decoder trusts: IFDs
 * that point back to one already read (the decoder would loop forever), tags that run past the end of the file.
 */
export function tiffSizes(bytes: Uint8Array): PixelSize[] {
  if (bytes.length < 8) throw new Damaged('too short for a TIFF header');
  const tiff = new TiffReader(bytes);
  const seen = new Set<number>();
  const sizes: PixelSize[] = [];
  const pending: { offset: number; depth: number }[] = [];
  // Pages: the chain of next-IFD offsets from the header.
  let first = true;
  for (let offset = tiff.u32(4); offset !== 0;) {
    if (seen.has(offset)) throw new Damaged(`the TIFF directories loop back to byte ${offset}`);
    if (seen.size >= MAX_IFDS) throw new Damaged(`more than ${MAX_IFDS} TIFF directories`);
    seen.add(offset);
    const { ifd, next } = readIfd(tiff, offset);
    sizes.push(...imageOf(tiff, ifd, first));
    first = false;
    for (const tag of [330, 34665]) {
      for (const sub of ifd.values.get(tag) ?? []) pending.push({ offset: sub, depth: 1 });
    }
    offset = next;
  }
  // Sub-IFDs (reduced images, EXIF), which the decoder reads too, recursively.
  while (pending.length > 0) {
    const { offset, depth } = pending.pop() ?? { offset: 0, depth: 0 };
    if (seen.has(offset)) throw new Damaged(`the TIFF directories loop back to byte ${offset}`);
    if (seen.size >= MAX_IFDS || depth > 8) throw new Damaged('TIFF sub-directories nested too deep');
    seen.add(offset);
    const { ifd } = readIfd(tiff, offset);
    sizes.push(...imageOf(tiff, ifd, false));
    for (const tag of [330, 34665]) {
      for (const sub of ifd.values.get(tag) ?? []) pending.push({ offset: sub, depth: depth + 1 });
    }
  }
  if (sizes.length === 0) throw new Damaged('no image in the TIFF');
  return sizes;
}

/** The sizes an IFD would make the decoder allocate: the image, its tiles, and the frames of JPEG strips. */
function imageOf(tiff: TiffReader, ifd: TiffIfd, page: boolean): PixelSize[] {
  const width = ifd.values.get(256)?.[0];
  const height = ifd.values.get(257)?.[0];
  if (width === undefined || height === undefined) {
    if (page) throw new Damaged('a TIFF page without its size');
    return [];
  }
  if (width === 0 || height === 0) throw new Damaged('a TIFF page of no pixels');
  const out: PixelSize[] = [{ width, height }];
  if (tooLarge(out[0] ?? { width, height })) return out;
  const bits = ifd.values.get(258) ?? [ifd.values.get(277)?.[0] ?? 1];
  const bitsPerPixel = bits.reduce((sum, b) => sum + Math.min(32, b), 0);
  if (bitsPerPixel > MAX_BITS_PER_PIXEL) throw new Damaged(`a TIFF of ${bitsPerPixel} bits per pixel`);
  const tileWidth = ifd.values.get(322)?.[0];
  const tileHeight = ifd.values.get(323)?.[0];
  if (tileWidth !== undefined || tileHeight !== undefined) {
    if (!tileWidth || !tileHeight) throw new Damaged('a TIFF tile without its size');
    out.push({ width: tileWidth, height: tileHeight });
  }
  const compression = ifd.values.get(259)?.[0] ?? 1;
  if (compression === 6 || compression === 7) {
    const offsets = ifd.values.get(273) ?? ifd.values.get(324) ?? [];
    const counts = ifd.values.get(279) ?? ifd.values.get(325) ?? [];
    offsets.forEach((offset, i) => {
      const length = counts[i] ?? 0;
      if (offset >= tiff.bytes.length) return;
      const strip = tiff.bytes.subarray(offset, Math.min(tiff.bytes.length, offset + length));
      try {
        const frame = jpegSize(strip);
        if (frame) out.push(frame);
      } catch (error) {
        // Old-style JPEG (6) strips may hold bare scan data; new-style (7) strips are JPEG streams.
        if (compression === 7) throw error;
      }
    });
  }
  return out;
}

// --- all ---------------------------------------------------------------------------------------------------------

/** The size of each image (page) in the file, from its header; throws Damaged when it cannot be read. */
export function imageSizes(bytes: Uint8Array, kind: ImageKind): PixelSize[] {
  if (kind === 'png') return [pngSize(bytes)];
  if (kind === 'tiff') return tiffSizes(bytes);
  const size = jpegSize(bytes);
  if (!size) throw new Damaged('a JPEG without a frame header');
  return [size];
}

/**
 * Refuses an image whose header claims more than MAX_PIXELS (any page, tile or embedded frame), or whose header
 * cannot be read — before any of it is decoded.
 */
export function checkImageSize(bytes: Uint8Array, kind: ImageKind, fileName: string): PixelSize[] {
  let sizes: PixelSize[];
  try {
    sizes = imageSizes(bytes, kind);
  } catch (error) {
    if (!(error instanceof Damaged)) throw error;
    throw new AppError(
      'invalid_input',
      `${fileName} looks like a ${kind.toUpperCase()} image but could not be decoded: it may be damaged. Scan the invoice again.`,
      { detail: error.message },
    );
  }
  const big = sizes.find(tooLarge);
  if (big) throw new AppError('invalid_input', tooLargeMessage(big, fileName));
  return sizes;
}

/**
 * The render scale for a PDF page of `width` × `height` points at `dpi`, lowered so the rendered page stays within
 * MAX_PIXELS (a page box of 200 × 200 inches renders small rather than at 200 dpi).
 */
export function cappedScale(width: number, height: number, dpi: number): number {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  // The canvas is ceil(w·s) × ceil(h·s) ≤ (w·s + 1)(h·s + 1): the largest s keeping that within MAX_PIXELS.
  const limit = (-(w + h) + Math.sqrt((w + h) ** 2 + 4 * w * h * (MAX_PIXELS - 1))) / (2 * w * h);
  return Math.min(dpi / 72, limit);
}
