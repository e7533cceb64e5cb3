import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeImportFile, firstInvalidUtf8 } from '../../../main/domain/import/decode';
import { fixture, fixtureBase64 } from './helpers';

const bytes = (...b: number[]) => Uint8Array.from(b);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('decodeImportFile', () => {
  it('decodes UTF-8 bytes and strips the BOM', () => {
    const result = decodeImportFile({
      contentBase64: b64(bytes(0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9)),
    });
    expect(result).toEqual({ text: 'café' });
  });

  it('strips a BOM from text content too', () => {
    expect(decodeImportFile({ content: '\uFEFFnumber,type' })).toEqual({ text: 'number,type' });
  });

  it('refuses Windows-1252 bytes, naming the byte, its position and line, and saying what to do', () => {
    expect(decodeImportFile({ contentBase64: fixtureBase64('documents-cp1252.csv') })).toEqual({
      problem: {
        row: null,
        column: null,
        message:
          'The file is not UTF-8 text (byte 0xE9 at position 82, line 2). In Excel choose Save As → CSV UTF-8, then import again.',
      },
    });
    expect(fixture('documents-cp1252.csv')[82]).toBe(0xe9);
  });

  it('counts the position from the start of the file, BOM included', () => {
    const result = decodeImportFile({ contentBase64: b64(bytes(0xef, 0xbb, 0xbf, 0x61, 0xff)) });
    expect(result).toEqual({
      problem: expect.objectContaining({
        message: expect.stringContaining('byte 0xFF at position 4, line 1'),
      }),
    });
  });

  it('decodes UTF-16 LE and BE files that carry a BOM', () => {
    const le = decodeImportFile({ contentBase64: fixtureBase64('documents-utf16.csv') });
    expect('text' in le && le.text.split(/\r?\n/)[1]).toBe(
      'PO-1,purchase_order,Café Noir,2024-03-01,Beans,2,10.50',
    );
    expect(decodeBytes(bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9))).toEqual({ text: 'Aé' });
  });

  it('reports an empty file, a BOM-only file and a blank file', () => {
    const empty = {
      problem: {
        row: null,
        column: null,
        message: 'The file is empty. Choose a file that has a header row and data.',
      },
    };
    expect(decodeImportFile({ contentBase64: '' })).toEqual(empty);
    expect(decodeImportFile({ contentBase64: b64(bytes(0xef, 0xbb, 0xbf)) })).toEqual(empty);
    expect(decodeImportFile({ content: ' \r\n\r\n' })).toEqual(empty);
  });

  it('reports UTF-16 without a BOM (NUL characters), damaged base64, both or neither input', () => {
    const noBom = decodeImportFile({ contentBase64: b64(bytes(0x61, 0x00, 0x62, 0x00)) });
    expect('problem' in noBom && noBom.problem.message).toMatch(
      /^The file contains NUL characters \(at character 1\)/,
    );
    expect(decodeImportFile({ contentBase64: 'not base64!' })).toEqual({
      problem: expect.objectContaining({ message: expect.stringContaining('base64 encoding is damaged') }),
    });
    expect('problem' in decodeImportFile({ content: 'a', contentBase64: 'YQ==' })).toBe(true);
    expect('problem' in decodeImportFile({})).toBe(true);
  });

  it('agrees with TextDecoder on which byte sequences are valid UTF-8', () => {
    const cases = [
      bytes(0xc0, 0x80), // overlong
      bytes(0xed, 0xa0, 0x80), // surrogate
      bytes(0xf4, 0x90, 0x80, 0x80), // above U+10FFFF
      bytes(0xe2, 0x82), // truncated
      bytes(0xf0, 0x9f, 0x98, 0x80), // 😀
      bytes(0xe2, 0x82, 0xac), // €
    ];
    for (const c of cases) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(c);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(c) === null).toBe(valid);
    }
  });
});
