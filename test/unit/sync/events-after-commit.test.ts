// Events emitted inside a transaction go out after the outermost commit and never after a rollback; a listener
// that throws neither undoes the change nor stops the other events.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../preload/contract.js';
import { EventsAfterCommit } from '../../../main/sync/events-after-commit.js';

const event = (documentId: string): AppEvent => ({ type: 'document', documentId });

function setUp(deliver?: (e: AppEvent) => void) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v TEXT)');
  const seen: string[] = [];
  const errors: unknown[] = [];
  const events = new EventsAfterCommit(
    db,
    deliver ??
      ((e) => {
        if (e.type === 'document') seen.push(e.documentId);
      }),
    (error) => errors.push(error),
  );
  const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
  return { db, events, seen, errors, rows };
}

describe('EventsAfterCommit', () => {
  it('holds events until the outermost commit, nested transactions included', () => {
    const { db, events, seen, rows } = setUp();
    events.tx(() => {
      db.prepare("INSERT INTO t VALUES ('a')").run();
      events.emit(event('a'));
      events.tx(() => {
        db.prepare("INSERT INTO t VALUES ('b')").run();
        events.emit(event('b'));
      });
      expect(seen).toEqual([]); // the inner commit is only a savepoint
    });
    expect(seen).toEqual(['a', 'b']);
    expect(rows()).toEqual(['a', 'b']);
    events.emit(event('now')); // outside a transaction: at once
    expect(seen).toEqual(['a', 'b', 'now']);
  });

  it('drops the events of a transaction that rolled back, and keeps working afterwards', () => {
    const { db, events, seen, rows } = setUp();
    expect(() =>
      events.tx(() => {
        db.prepare("INSERT INTO t VALUES ('x')").run();
        events.emit(event('x'));
        throw new Error('constraint');
      }),
    ).toThrow('constraint');
    expect(seen).toEqual([]);
    expect(rows()).toEqual([]);
    events.tx(() => events.emit(event('y')));
    expect(seen).toEqual(['y']);
  });

  it("a listener's failure reaches onListenerError; the change stays and later events still go out", () => {
    let calls = 0;
    const delivered: string[] = [];
    const { db, events, errors, rows } = setUp((e) => {
      calls++;
      if (calls === 1) throw new Error('listener broke');
      if (e.type === 'document') delivered.push(e.documentId);
    });
    const result = events.tx(() => {
      db.prepare("INSERT INTO t VALUES ('kept')").run();
      events.emit(event('first'));
      events.emit(event('second'));
      return 42;
    });
    expect(result).toBe(42);
    expect(rows()).toEqual(['kept']);
    expect(delivered).toEqual(['second']);
    expect(errors).toEqual([new Error('listener broke')]);
  });
});
