import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../renderer/src/lib/base64';

const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('bytesToBase64', () => {
  it('encodes the empty file and short inputs, with padding', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('f'))).toBe('Zg==');
    expect(bytesToBase64(new TextEncoder().encode('fo'))).toBe('Zm8=');
    expect(bytesToBase64(new TextEncoder().encode('foo'))).toBe('Zm9v');
  });

  it('encodes every byte value, not only text', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(reference(all));
  });

  it('encodes UTF-8 text byte for byte', () => {
    const bytes = new TextEncoder().encode('Société Générale; 12,50 €\n');
    expect(bytesToBase64(bytes)).toBe(reference(bytes));
  });

  it('encodes a file larger than one slice, and at the slice boundaries', () => {
    for (const length of [0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 2, 1_000_003]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 256);
      expect(bytesToBase64(bytes)).toBe(reference(bytes));
    }
  });

  it('encodes only the view it is given, not the whole underlying buffer', () => {
    const buffer = Uint8Array.from({ length: 10 }, (_, i) => i);
    const view = buffer.subarray(3, 7);
    expect(bytesToBase64(view)).toBe(reference(Uint8Array.of(3, 4, 5, 6)));
  });
});

describe('base64ToBytes', () => {
  it('decodes what bytesToBase64 encoded, every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(base64ToBytes(bytesToBase64(all)))).toEqual(Array.from(all));
    expect(base64ToBytes('')).toHaveLength(0);
    expect(new TextDecoder().decode(base64ToBytes('Zm8='))).toBe('fo');
  });
});
