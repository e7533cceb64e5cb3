// Just enough SuiteQL for the simulator: SELECT <columns | *> FROM <table> [WHERE <cond> [AND <cond>]...] ORDER BY id,
// where a condition is `column = 'x'`, `column > 'x'` or `column IN ('x', 'y')`. Anything else is refused the way
// NetSuite refuses a query it cannot parse, so the connector cannot come to rely on more than this.
export type Row = Record<string, unknown>;

export class SuiteQlError extends Error {}

const LITERAL = `'(?:[^']|'')*'`;
const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");

export function runSuiteQl(q: string, tables: (name: string) => Row[] | null): Row[] {
  const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s+ORDER\s+BY\s+id(?:\s+ASC)?\s*$/is.exec(
    q,
  );
  if (!m)
    throw new SuiteQlError(
      `Invalid search query. Detailed unprocessed description follows. Search error occurred: cannot parse '${q.slice(0, 120)}' (the simulator needs ORDER BY id).`,
    );
  const [, columnsText, table, where] = m;
  const rows = tables(table!.toLowerCase());
  if (!rows)
    throw new SuiteQlError(`Invalid search query. Search error occurred: Record '${table}' was not found.`);
  const conditions = where
    ? where.split(/\s+AND\s+/i).map((c) => {
        const eq = new RegExp(`^\\s*(\\w+)\\s*(=|>)\\s*(${LITERAL})\\s*$`, 's').exec(c);
        if (eq) return { column: eq[1]!.toLowerCase(), op: eq[2]!, values: [unquote(eq[3]!)] };
        const inList = new RegExp(`^\\s*(\\w+)\\s+IN\\s*\\((.*)\\)\\s*$`, 'is').exec(c);
        if (inList) {
          const values = [...inList[2]!.matchAll(new RegExp(LITERAL, 'g'))].map((x) => unquote(x[0]));
          return { column: inList[1]!.toLowerCase(), op: 'in', values };
        }
        throw new SuiteQlError(`Invalid search query. Search error occurred: cannot parse condition '${c}'.`);
      })
    : [];
  const columns =
    columnsText!.trim() === '*' ? null : columnsText!.split(',').map((c) => c.trim().toLowerCase());
  return rows
    .filter((row) =>
      conditions.every(({ column, op, values }) => {
        const v = row[column] === null || row[column] === undefined ? null : String(row[column]);
        if (v === null) return false;
        if (op === '>') return v > values[0]!;
        return values.includes(v);
      }),
    )
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((row) => (columns ? Object.fromEntries(columns.map((c) => [c, row[c] ?? null])) : { ...row }));
}
