// RFC 7636 proof key for code exchange: the verifier stays in memory; only its S256 challenge goes to the browser.
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function createPkcePair(): PkcePair {
  const verifier = randomBytes(48).toString('base64url'); // 64 characters, inside RFC 7636's 43–128
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge, method: 'S256' };
}

export function randomState(): string {
  return randomBytes(24).toString('base64url');
}
