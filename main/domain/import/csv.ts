// Splits CSV text into a header and rows, and maps the header's names onto the columns a kind of import knows.
// Row numbers are those a spreadsheet shows: the header is row 1, and a quoted field that spans lines still
// counts as one row.
import Papa from 'papaparse';
import { fileProblem, type ImportProblem } from './types';
import { normalizeName } from './values';

export interface CsvRow {
  /** 1-based row of the file; the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: string;
  header: string[];
  rows: CsvRow[];
  /** Problems with single rows found while splitting (unclosed quotes, too many cells). */
  problems: ImportProblem[];
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The header line's delimiter: the candidate that occurs most often outside quotes (a comma by default). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function readCsv(text: string): { table: CsvTable } | { problems: ImportProblem[] } {
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter, skipEmptyLines: false });
  const data = parsed.data;
  const problems: ImportProblem[] = [];
  for (const e of parsed.errors) {
    // Papa reports the data index; ours is the file row.
    const row = typeof e.row === 'number' ? e.row + 1 : null;
    if (e.code === 'MissingQuotes') {
      problems.push({
        row,
        column: null,
        message:
          'A quoted value is never closed: a " is missing. Every value that starts with " must end with ", and a " inside a value is written twice ("").',
      });
    } else if (e.code === 'InvalidQuotes') {
      problems.push({
        row,
        column: null,
        message: 'A value has a stray " after its closing quote. Write a " inside a quoted value twice ("").',
      });
    }
    // UndetectableDelimiter cannot happen (we pass the delimiter); field-count errors only come with header: true.
  }

  const headerCells = data[0];
  if (!headerCells || headerCells.every((c) => c.trim() === '')) {
    return {
      problems: [fileProblem('The first row of the file is empty. The first row must name the columns.')],
    };
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const cells = data[i] ?? [];
    if (cells.every((c) => c.trim() === '')) continue; // blank lines (often trailing) are not records
    if (cells.length > headerCells.length && cells.slice(headerCells.length).some((c) => c.trim() !== '')) {
      problems.push({
        row: i + 1,
        column: null,
        message: `This row has ${cells.length} values but the header names ${headerCells.length} columns. A value that contains '${delimiter === '\t' ? 'tab' : delimiter}' must be put in double quotes.`,
      });
      continue;
    }
    rows.push({ row: i + 1, cells });
  }
  return { table: { delimiter, header: headerCells, rows, problems } };
}

export interface ColumnSpec {
  /** The canonical name, used in problems. */
  name: string;
  required: boolean;
  /** Other spellings accepted (normalized). */
  aliases?: string[];
}

/** Maps canonical column name → cell index, or reports what is wrong with the header. */
export function mapHeader(
  header: string[],
  specs: ColumnSpec[],
): { columns: Map<string, number> } | { problems: ImportProblem[] } {
  const byName = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    byName.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  }
  const columns = new Map<string, number>();
  const problems: ImportProblem[] = [];
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const norm = normalizeName(raw);
    if (norm === '') return; // an unnamed column (e.g. a trailing delimiter) is ignored
    const spec = byName.get(norm);
    if (!spec) {
      unknown.push(raw.trim());
      return;
    }
    const first = columns.get(spec.name);
    if (first !== undefined) {
      problems.push(
        fileProblem(
          `The columns '${header[first]?.trim()}' and '${raw.trim()}' both mean '${spec.name}'. Keep one of them.`,
        ),
      );
      return;
    }
    columns.set(spec.name, index);
  });
  const required = specs.filter((s) => s.required).map((s) => s.name);
  for (const name of required) {
    if (!columns.has(name)) {
      problems.push(
        fileProblem(`The file has no '${name}' column. Required columns: ${required.join(', ')}.`),
      );
    }
  }
  for (const name of unknown) {
    problems.push(
      fileProblem(
        `The column '${name}' is not one Ledgerbridge knows, so its values would be lost. Rename it to one of: ${specs.map((s) => s.name).join(', ')}; or delete the column.`,
      ),
    );
  }
  return problems.length > 0 ? { problems } : { columns };
}

/** The trimmed value of a column in a row; '' when the column is absent or the row is short. */
export function cell(row: CsvRow, columns: Map<string, number>, name: string): string {
  const index = columns.get(name);
  return index === undefined ? '' : (row.cells[index] ?? '').trim();
}

/** The untrimmed value, for numbers, whose surrounding spaces the readers judge themselves. */
export function rawCell(row: CsvRow, columns: Map<string, number>, name: string): string {
  const index = columns.get(name);
  return index === undefined ? '' : (row.cells[index] ?? '');
}
