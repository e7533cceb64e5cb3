import { describe, expect, it, vi } from 'vitest';
import { whileCurrent } from '../../../renderer/src/lib/current';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('whileCurrent', () => {
  it('hands over the value while the effect is current', async () => {
    const onValue = vi.fn();
    whileCurrent(Promise.resolve(42), onValue);
    await settle();
    expect(onValue).toHaveBeenCalledWith(42);
  });

  it('drops a value that arrives after the cleanup ran', async () => {
    const onValue = vi.fn();
    const cleanup = whileCurrent(Promise.resolve(42), onValue);
    cleanup();
    await settle();
    expect(onValue).not.toHaveBeenCalled();
  });

  it('hands a failure to onError only while current, and swallows it by default', async () => {
    const onError = vi.fn();
    const failure = new Error('offline');
    whileCurrent(Promise.reject(failure), vi.fn(), onError);
    whileCurrent(Promise.reject(failure), vi.fn(), onError)();
    whileCurrent(Promise.reject(failure), vi.fn()); // no unhandled rejection
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(failure);
  });
});
