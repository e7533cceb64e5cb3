// Turns an uploaded file into text. Bookkeepers' files come from Excel, which on Windows still saves "CSV" in the
// ANSI code page unless told otherwise; guessing that code page would silently corrupt names, so anything that is
// not UTF-8 (or UTF-16 with a byte-order mark) is refused with instructions.
import { fileProblem, type ImportProblem } from './types';

export type DecodeResult = { text: string } | { problem: ImportProblem };

const SAVE_AS_UTF8 = 'In Excel choose Save As → CSV UTF-8, then import again.';

export function decodeImportFile(file: { content?: string; contentBase64?: string }): DecodeResult {
  if (file.content !== undefined && file.contentBase64 !== undefined) {
    return { problem: fileProblem('Give the file either as text or as base64 bytes, not both.') };
  }
  if (file.content !== undefined) return checkText(file.content.replace(/^\uFEFF/, ''));
  if (file.contentBase64 === undefined)
    return { problem: fileProblem('No file was given. Choose a file to import.') };

  const bytes = base64ToBytes(file.contentBase64);
  if (bytes === null) {
    return {
      problem: fileProblem(
        'The file could not be read: its base64 encoding is damaged. Choose the file again.',
      ),
    };
  }
  return decodeBytes(bytes);
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return checkText('');
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { problem: fileProblem(`The file is UTF-32 text, which is not supported. ${SAVE_AS_UTF8}`) };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'utf-16be');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;

  const bad = firstInvalidUtf8(body);
  if (bad !== null) {
    const offset = bad + (body === bytes ? 0 : 3);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const line = lineOf(body, bad);
    return {
      problem: fileProblem(
        `The file is not UTF-8 text (byte 0x${byte} at position ${offset}, line ${line}). ${SAVE_AS_UTF8}`,
      ),
    };
  }
  try {
    return checkText(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    // Our own check above and the decoder disagree only on a bug; still answer with a problem, never a throw.
    return { problem: fileProblem(`The file is not UTF-8 text. ${SAVE_AS_UTF8}`) };
  }
}

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    return checkText(new TextDecoder(encoding, { fatal: true }).decode(body));
  } catch {
    return {
      problem: fileProblem(
        `The file says it is UTF-16 text but contains invalid characters. ${SAVE_AS_UTF8}`,
      ),
    };
  }
}

function checkText(text: string): DecodeResult {
  if (text.trim() === '')
    return { problem: fileProblem('The file is empty. Choose a file that has a header row and data.') };
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    // UTF-16 without a byte-order mark, or a spreadsheet/binary file, is valid UTF-8 full of NUL characters.
    return {
      problem: fileProblem(
        `The file contains NUL characters (at character ${nul}), so it is not a text file in UTF-8: it may be an .xlsx workbook or UTF-16 text without a byte-order mark. ${SAVE_AS_UTF8}`,
      ),
    };
  }
  return { text };
}

function base64ToBytes(b64: string): Uint8Array | null {
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the lead byte of the first ill-formed UTF-8 sequence (Unicode Table 3-7), or null. */
export function firstInvalidUtf8(bytes: Uint8Array): number | null {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return null;
}
