// Small helpers shared by the repositories.
import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
export const nowIso = (): string => new Date().toISOString();

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** SQLite booleans are 0/1. */
export const toBool = (value: number): boolean => value !== 0;

/** Escapes % and _ so a user's search text is matched literally by LIKE ... ESCAPE '\'. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
