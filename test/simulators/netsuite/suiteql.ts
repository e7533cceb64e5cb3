// Just enough SuiteQL for the simulator: SELECT <columns | *> FROM <table> [WHERE <cond> [AND <cond>]...] ORDER BY
// <columns>, where a column may be TO_CHAR(column, 'format') AS alias (the simulator keeps dates in those formats
// already) and a condition is `column = 'x'`, `>`, `>=`, `<=`, or `column IN ('x', 'y')`; TO_DATE('x', 'format') and
// TO_TIMESTAMP('x', 'format') stand for 'x'. Anything else is refused the way
// NetSuite refuses a query it cannot parse, so the connector cannot come to rely on more than this.
export type Row = Record<string, unknown>;

export class SuiteQlError extends Error {}

const LITERAL = `'(?:[^']|'')*'`;
const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");

export function runSuiteQl(q: string, tables: (name: string) => Row[] | null): Row[] {
  const plain = q.replace(
    new RegExp(`TO_(?:DATE|TIMESTAMP)\\(\\s*(${LITERAL})\\s*,\\s*${LITERAL}\\s*\\)`, 'gi'),
    '$1',
  );
  const m =
    /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s+ORDER\s+BY\s+([\w\s,]+?)(?:\s+ASC)?\s*$/is.exec(
      plain,
    );
  if (!m)
    throw new SuiteQlError(
      `Invalid search query. Detailed unprocessed description follows. Search error occurred: cannot parse '${q.slice(0, 120)}' (the simulator needs ORDER BY).`,
    );
  const [, columnsText, table, where, orderText] = m;
  const order = orderText!.split(',').map((c) => c.trim().toLowerCase());
  const rows = tables(table!.toLowerCase());
  if (!rows)
    throw new SuiteQlError(`Invalid search query. Search error occurred: Record '${table}' was not found.`);
  const conditions = where
    ? where.split(/\s+AND\s+/i).map((c) => {
        const eq = new RegExp(`^\\s*(\\w+)\\s*(>=|<=|=|>)\\s*(${LITERAL})\\s*$`, 's').exec(c);
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
    columnsText!.trim() === '*'
      ? null
      : columnsText!.split(/,(?![^(]*\))/).map((c) => {
          const fn = /^\s*TO_CHAR\(\s*(\w+)\s*,\s*'[^']*'\s*\)\s+AS\s+(\w+)\s*$/i.exec(c);
          const name = c.trim().toLowerCase();
          return fn ? { from: fn[1]!.toLowerCase(), as: fn[2]!.toLowerCase() } : { from: name, as: name };
        });
  return rows
    .filter((row) =>
      conditions.every(({ column, op, values }) => {
        const v = row[column] === null || row[column] === undefined ? null : String(row[column]);
        if (v === null) return false;
        if (op === '>') return v > values[0]!;
        if (op === '>=') return v >= values[0]!;
        if (op === '<=') return v <= values[0]!;
        return values.includes(v);
      }),
    )
    .sort((a, b) => {
      for (const c of order) {
        const d = Number(a[c]) - Number(b[c]);
        if (d !== 0) return d;
      }
      return 0;
    })
    .map((row) =>
      columns ? Object.fromEntries(columns.map((c) => [c.as, row[c.from] ?? null])) : { ...row },
    );
}
