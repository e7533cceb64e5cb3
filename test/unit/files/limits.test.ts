// The file limits the renderer checks before sending any byte and the core checks again (preload/contracts/files.ts):
// the kind comes from the first bytes, not the name; each refusal names the file and says what to do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FILE_ACCEPT,
  FILE_LIMITS,
  FILE_LIMITS_SENTENCE,
  fileKindOf,
  refuseFile,
} from '../../../preload/contracts/files.js';

const head = (...bytes: number[]) => new Uint8Array([...bytes, ...new Array<number>(16).fill(0)]);
const PDF = head(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31);
const PNG = head(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = head(0xff, 0xd8, 0xff, 0xe0);

describe('file limits', () => {
  it('reads the kind from the first bytes', () => {
    expect(fileKindOf(PDF)).toBe('pdf');
    expect(fileKindOf(PNG)).toBe('png');
    expect(fileKindOf(JPEG)).toBe('jpeg');
    expect(fileKindOf(head(0x49, 0x49, 0x2a, 0x00))).toBeNull(); // TIFF: not taken
    expect(fileKindOf(new TextEncoder().encode('%PDF'))).toBeNull(); // cut short
    expect(fileKindOf(new Uint8Array())).toBeNull();
  });

  it('takes a PDF, PNG or JPEG up to the limit, on a document with room', () => {
    for (const [bytes, size] of [
      [PDF, 1],
      [PNG, FILE_LIMITS.maxBytes],
      [JPEG, 12_345],
    ] as const) {
      expect(
        refuseFile({ fileName: 'f', size, head: bytes, filesOnDocument: FILE_LIMITS.maxFiles - 1 }),
      ).toBeNull();
    }
  });

  it('refuses in words: too large, empty, another kind, no room', () => {
    const base = { fileName: 'scan.pdf', head: PDF, filesOnDocument: 0 };
    expect(refuseFile({ ...base, size: FILE_LIMITS.maxBytes + 1 })).toBe(
      'scan.pdf is 10.0 MB; files up to 10 MB can be added. Scan it again at a lower resolution (200–300 dpi, greyscale) or split it into smaller files.',
    );
    expect(refuseFile({ ...base, size: 0 })).toBe(
      'scan.pdf is empty. Save or scan it again and add the new file.',
    );
    expect(refuseFile({ ...base, size: 10, head: head(0x50, 0x4b, 0x03, 0x04) })).toBe(
      'scan.pdf is not a PDF, PNG or JPEG file. Save or scan it in one of those formats and add it again.',
    );
    expect(refuseFile({ ...base, size: 10, filesOnDocument: FILE_LIMITS.maxFiles })).toContain(
      `a document holds at most ${FILE_LIMITS.maxFiles} files, and this one has ${FILE_LIMITS.maxFiles}`,
    );
  });

  it('never takes bytes that do not start as a PDF, PNG or JPEG, whatever their size', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 32 }),
        fc.nat(FILE_LIMITS.maxBytes),
        (bytes, size) => {
          const refused = refuseFile({ fileName: 'x', size, head: bytes, filesOnDocument: 0 });
          if (fileKindOf(bytes) === null) expect(refused).not.toBeNull();
          else expect(refused === null).toBe(size > 0);
        },
      ),
    );
  });

  it('says its limits, and the picker offers the same kinds', () => {
    expect(FILE_LIMITS_SENTENCE).toBe('PDF, PNG or JPEG, up to 10 MB each, at most 10 files on a document.');
    expect(FILE_ACCEPT.split(',')).toEqual(
      expect.arrayContaining(['application/pdf', 'image/png', 'image/jpeg', '.pdf', '.png', '.jpg', '.jpeg']),
    );
  });
});
