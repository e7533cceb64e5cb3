// The subset of QuickBooks' query language that integrations use:
//   SELECT * | COUNT(*) FROM Entity [WHERE f op v (AND f op v)*] [ORDERBY f [ASC|DESC]] [STARTPOSITION n] [MAXRESULTS m]
// with = < > <= >= != LIKE ('%' only) and IN (...). No OR, no joins — QuickBooks has none either, and a query using
// them is answered with the same QueryParserError fault.

export type Scalar = string | number | boolean;
export interface Condition {
  field: string;
  op: '=' | '<' | '>' | '<=' | '>=' | '!=' | 'LIKE' | 'IN';
  value: Scalar | Scalar[];
}
export interface Query {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: { field: string; desc: boolean } | null;
  startPosition: number;
  maxResults: number;
}

export class QueryError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== "'") {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) throw new QueryError('unterminated string');
      tokens.push(`'${value}`); // a leading quote marks a string literal
      i = j + 1;
    } else if ('(),*'.includes(c)) {
      tokens.push(c);
      i++;
    } else if ('<>=!'.includes(c)) {
      const two = text.slice(i, i + 2);
      if (['<=', '>=', '!=', '<>'].includes(two)) {
        tokens.push(two === '<>' ? '!=' : two);
        i += 2;
      } else {
        tokens.push(c);
        i++;
      }
    } else {
      let j = i;
      while (j < text.length && !/[\s(),*'<>=!]/.test(text[j]!)) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function literal(token: string | undefined): Scalar {
  if (token === undefined) throw new QueryError('value expected');
  if (token.startsWith("'")) return token.slice(1);
  if (/^(true|false)$/i.test(token)) return token.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  throw new QueryError(`unexpected '${token}'`);
}

export function parseQuery(text: string): Query {
  const t = tokenize(text.trim());
  let i = 0;
  const peek = () => t[i]?.toUpperCase();
  const expect = (word: string) => {
    if (peek() !== word) throw new QueryError(`expected ${word} at '${t[i] ?? 'end'}'`);
    i++;
  };
  expect('SELECT');
  let count = false;
  if (peek() === '*') i++;
  else if (peek() === 'COUNT') {
    i++;
    expect('(');
    expect('*');
    expect(')');
    count = true;
  } else throw new QueryError('only SELECT * and SELECT COUNT(*) are supported');
  expect('FROM');
  const entity = t[i++];
  if (!entity) throw new QueryError('entity expected');
  const where: Condition[] = [];
  let orderBy: Query['orderBy'] = null;
  let startPosition = 1;
  let maxResults = 100;
  if (peek() === 'WHERE') {
    i++;
    for (;;) {
      const field = t[i++];
      if (!field) throw new QueryError('field expected');
      let op = t[i++]?.toUpperCase() as Condition['op'] | undefined;
      if (!op || !['=', '<', '>', '<=', '>=', '!=', 'LIKE', 'IN'].includes(op))
        throw new QueryError(`operator expected after ${field}`);
      let value: Condition['value'];
      if (op === 'IN') {
        expect('(');
        const values: Scalar[] = [];
        while (peek() !== ')') {
          values.push(literal(t[i++]));
          if (peek() === ',') i++;
        }
        i++;
        value = values;
      } else value = literal(t[i++]);
      op = op as Condition['op'];
      where.push({ field, op, value });
      if (peek() === 'AND') {
        i++;
        continue;
      }
      if (peek() === 'OR') throw new QueryError('OR is not supported');
      break;
    }
  }
  while (i < t.length) {
    const word = peek();
    i++;
    if (word === 'ORDERBY' || word === 'ORDER') {
      if (word === 'ORDER') expect('BY');
      const field = t[i++]!;
      let desc = false;
      if (peek() === 'DESC' || peek() === 'ASC') desc = t[i++]!.toUpperCase() === 'DESC';
      orderBy = { field, desc };
    } else if (word === 'STARTPOSITION') startPosition = Number(literal(t[i++]));
    else if (word === 'MAXRESULTS') maxResults = Number(literal(t[i++]));
    else throw new QueryError(`unexpected '${t[i - 1]}'`);
  }
  if (maxResults > 1000) throw new QueryError('MAXRESULTS is at most 1000');
  return { count, entity, where, orderBy, startPosition, maxResults };
}

/** The value at a dotted path, matching each step case-insensitively (MetaData vs Metadata); refs by value. */
export function fieldValue(record: Record<string, unknown>, field: string): unknown {
  let current: unknown = record;
  for (const step of field.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const obj = current as Record<string, unknown>;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === step.toLowerCase());
    current = key === undefined ? undefined : obj[key];
  }
  if (typeof current === 'object' && current !== null && 'value' in current)
    return (current as { value: unknown }).value;
  return current;
}

function compare(a: unknown, b: Scalar): number {
  if (typeof b === 'number') return Number(a) - b;
  const x = String(a);
  return x < b ? -1 : x > b ? 1 : 0;
}

export function matches(record: Record<string, unknown>, c: Condition): boolean {
  const v = fieldValue(record, c.field);
  switch (c.op) {
    case '=':
      return typeof c.value === 'boolean'
        ? v === c.value
        : v !== undefined && compare(v, c.value as Scalar) === 0;
    case '!=':
      return v === undefined || compare(v, c.value as Scalar) !== 0;
    case '<':
      return v !== undefined && compare(v, c.value as Scalar) < 0;
    case '>':
      return v !== undefined && compare(v, c.value as Scalar) > 0;
    case '<=':
      return v !== undefined && compare(v, c.value as Scalar) <= 0;
    case '>=':
      return v !== undefined && compare(v, c.value as Scalar) >= 0;
    case 'IN':
      return (c.value as Scalar[]).some((x) =>
        typeof x === 'boolean' ? v === x : v !== undefined && compare(v, x) === 0,
      );
    case 'LIKE': {
      const pattern = String(c.value)
        .split('%')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      return typeof v === 'string' && new RegExp(`^${pattern}$`, 'i').test(v);
    }
  }
}
