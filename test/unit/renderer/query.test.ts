// QueryCell, the state under useQuery: only the newest fetch's answer is taken, so a slow answer for a key that is
// no longer current (the company was switched, a filter changed) never replaces the newer one.
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../renderer/src/api/errors';
import { QueryCell, viewOf } from '../../../renderer/src/lib/query';

/** A promise settled from outside, to answer fetches in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('QueryCell', () => {
  it('drops the answer for a stale key that arrives after the current one', async () => {
    const cell = new QueryCell<string[]>();
    const companyA = deferred<string[]>();
    const companyB = deferred<string[]>();
    const a = cell.fetch('["connections.list","A"]', () => companyA.promise);
    const b = cell.fetch('["connections.list","B"]', () => companyB.promise);
    companyB.resolve(['B connection']);
    await b;
    companyA.resolve(['A connection']);
    await a;
    expect(cell.getSnapshot()).toMatchObject({
      key: '["connections.list","B"]',
      data: ['B connection'],
      loading: false,
    });
  });

  it('drops a stale answer that arrives first, and shows nothing of the old key meanwhile', async () => {
    const cell = new QueryCell<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    await cell.fetch('"old"', () => Promise.resolve('old data'));
    void cell.fetch('"A"', () => first.promise);
    const b = cell.fetch('"B"', () => second.promise);
    expect(cell.getSnapshot()).toMatchObject({ key: '"B"', data: undefined, loading: true });
    first.resolve('A data');
    await first.promise;
    expect(cell.getSnapshot()).toMatchObject({ key: '"B"', data: undefined, loading: true });
    second.resolve('B data');
    await b;
    expect(cell.getSnapshot()).toMatchObject({ key: '"B"', data: 'B data', loading: false });
  });

  it('keeps the data while the same key is fetched again, and the previous data when asked to', async () => {
    const cell = new QueryCell<number>();
    await cell.fetch('"k"', () => Promise.resolve(1));
    const again = deferred<number>();
    const refresh = cell.fetch('"k"', () => again.promise);
    expect(cell.getSnapshot()).toMatchObject({ data: 1, loading: true });
    again.resolve(2);
    await refresh;
    expect(cell.getSnapshot().data).toBe(2);

    const next = deferred<number>();
    const search = cell.fetch('"k2"', () => next.promise, true);
    expect(cell.getSnapshot()).toMatchObject({ key: '"k2"', data: 2, loading: true });
    next.resolve(3);
    await search;
    expect(cell.getSnapshot()).toMatchObject({ key: '"k2"', data: 3 });
  });

  it('keeps a failure as an ApiCallError, and drops a stale failure', async () => {
    const cell = new QueryCell<number>();
    await cell.fetch('"a"', () => Promise.reject({ code: 'not_found', message: 'No such document.' }));
    expect(cell.getSnapshot().error).toBeInstanceOf(ApiCallError);
    expect(cell.getSnapshot().error?.code).toBe('not_found');

    const late = deferred<number>();
    const stale = cell.fetch('"b"', () => late.promise);
    await cell.fetch('"c"', () => Promise.resolve(7));
    late.reject(new Error('the server went away'));
    await stale;
    expect(cell.getSnapshot()).toMatchObject({ key: '"c"', data: 7, error: null });
  });

  it('drops what is on its way once canceled (the component went away) or replaced by setData', async () => {
    const cell = new QueryCell<string>();
    const pending = deferred<string>();
    const fetching = cell.fetch('"doc"', () => pending.promise);
    cell.setData('saved by an action');
    pending.resolve('older answer');
    await fetching;
    expect(cell.getSnapshot()).toMatchObject({ data: 'saved by an action', loading: false });

    const after = deferred<string>();
    const gone = cell.fetch('"doc"', () => after.promise);
    cell.cancel();
    after.resolve('after unmount');
    await gone;
    expect(cell.getSnapshot().data).toBe('saved by an action');
  });

  it('tells subscribers of every change', async () => {
    const cell = new QueryCell<number>();
    let calls = 0;
    const unsubscribe = cell.subscribe(() => calls++);
    await cell.fetch('"x"', () => Promise.resolve(1));
    expect(calls).toBe(2); // loading, then the answer
    unsubscribe();
    cell.setData(2);
    expect(calls).toBe(2);
  });
});

describe('viewOf (what a component shows)', () => {
  it("shows nothing of the company before a switch until the new company's answer comes", async () => {
    const cell = new QueryCell<string[]>();
    const companyA = '["connections.list","A"]';
    const companyB = '["connections.list","B"]';
    await cell.fetch(companyA, () => Promise.resolve(['A connection']));
    // The render right after the switch: the fetch for B has not started yet, the snapshot still holds A.
    expect(viewOf(cell.getSnapshot(), companyB)).toEqual({ data: undefined, error: null, loading: true });
    const b = deferred<string[]>();
    const fetching = cell.fetch(companyB, () => b.promise);
    expect(viewOf(cell.getSnapshot(), companyB)).toEqual({ data: undefined, error: null, loading: true });
    b.resolve(['B connection']);
    await fetching;
    expect(viewOf(cell.getSnapshot(), companyB)).toEqual({
      data: ['B connection'],
      error: null,
      loading: false,
    });
  });

  it("keeps the other key's data only when asked, and never its error", async () => {
    const cell = new QueryCell<number>();
    await cell.fetch('"search a"', () => Promise.reject(new ApiCallError('internal', 'no')));
    expect(viewOf(cell.getSnapshot(), '"search b"', true).error).toBeNull();
    await cell.fetch('"search a"', () => Promise.resolve(1));
    expect(viewOf(cell.getSnapshot(), '"search b"', true)).toEqual({ data: 1, error: null, loading: true });
    expect(viewOf(cell.getSnapshot(), null)).toEqual({ data: undefined, error: null, loading: false });
  });
});
