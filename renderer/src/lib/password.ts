// Passwords Ledgerbridge offers instead of asking the bookkeeper to invent one (the Web Connector password): 24
// characters from letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O,
// 1/l/I), drawn from the browser's cryptographic random source without modulo bias. 57 symbols × 24 ≈ 140 bits.

export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const GENERATED_PASSWORD_LENGTH = 24;

/** Random bytes; the browser's crypto by default (tests pass their own). */
export type RandomBytes = (count: number) => Uint8Array;

const cryptoBytes: RandomBytes = (count) => crypto.getRandomValues(new Uint8Array(count));

export function generatePassword(
  length = GENERATED_PASSWORD_LENGTH,
  random: RandomBytes = cryptoBytes,
): string {
  const n = PASSWORD_ALPHABET.length;
  // Bytes at or above the largest multiple of n would make the first symbols likelier: they are drawn again.
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= limit) continue;
      out += PASSWORD_ALPHABET[byte % n];
      if (out.length === length) break;
    }
  }
  return out;
}
