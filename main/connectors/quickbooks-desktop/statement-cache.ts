// better-sqlite3 compiles a statement on every db.prepare(), and the repositories the engine reuses prepare on
// each call. A Web Connector session applies tens of thousands of small writes, where compiling dominated (a third
// of the engine's time at 10,000 documents), so the engine hands those functions a view of the database whose
// prepare() returns one cached statement per SQL text. Only for callers that use statements plainly (no
// pluck/raw/expand, which would change the cached statement's mode for the next caller).
import type { Database, Statement } from 'better-sqlite3';

const views = new WeakMap<Database, Database>();

export function withStatementCache(db: Database): Database {
  const existing = views.get(db);
  if (existing) return existing;
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const view = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  views.set(db, view);
  return view;
}
