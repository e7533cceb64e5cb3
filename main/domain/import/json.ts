// Reading a JSON import file: the syntax error's line and column, and the list of records inside.
import { fileProblem, type ImportProblem } from './types';

export function parseJsonFile(text: string): { value: unknown } | { problem: ImportProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problem: fileProblem(`The file is not valid JSON: ${describeSyntaxError(text, message)}`) };
  }
}

function describeSyntaxError(text: string, message: string): string {
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  const what = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  if (lineCol) return `${what} at line ${lineCol[1]}, column ${lineCol[2]}.`;
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return `${what} at line ${line}, column ${column}.`;
  }
  if (/end of JSON input/i.test(message)) {
    const { line, column } = lineAndColumn(text, text.length);
    return `the file ends at line ${line}, column ${column} before the JSON is complete (a ] or } may be missing).`;
  }
  return `${what}.`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** The records of a JSON import: a top-level array, or the array under `key` (`{"documents": [...]}`). */
export function recordsOf(
  value: unknown,
  key: string,
  noun: string,
): { records: unknown[] } | { problem: ImportProblem } {
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object' && Array.isArray((value as Record<string, unknown>)[key])
      ? ((value as Record<string, unknown>)[key] as unknown[])
      : null;
  if (list === null) {
    return {
      problem: fileProblem(
        `The JSON must be a list of ${noun} ([ {...}, {...} ]) or an object {"${key}": [ ... ]}.`,
      ),
    };
  }
  if (list.length === 0) return { problem: fileProblem(`The file contains no ${noun}.`) };
  return { records: list };
}
