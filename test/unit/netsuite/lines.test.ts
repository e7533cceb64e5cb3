// Which order line each line of a bill transformed from its purchase order refers to: same item (or expense account),
// an order line with enough still unbilled first, else one with anything open, each order line once; a line that
// matches none stays a line of its own; orderLine typed as NetSuite's metadata types it (integer / string).
import { describe, expect, it } from 'vitest';
import { billLines, type MappedLine } from '../../../main/connectors/netsuite/mapping.js';

const item = (id: string, quantity: number): MappedLine => ({
  sublist: 'item',
  key: id,
  measure: quantity,
  body: { item: { id }, quantity },
});
const expense = (account: string, amount: number): MappedLine => ({
  sublist: 'expense',
  key: account,
  measure: amount,
  body: { account: { id: account }, amount },
});
const orderLineOf = (l: MappedLine) => l.body.orderLine;

describe('NetSuite: bill lines from the order', () => {
  it('prefers the order line with enough unbilled, then any open one, and uses each order line once', () => {
    const order = {
      item: [
        { line: 1, key: '10', open: 2 },
        { line: 2, key: '10', open: 8 },
        { line: 3, key: '20', open: 0 },
      ],
      expense: [],
    };
    expect(billLines([item('10', 5), item('10', 1)], order).map(orderLineOf)).toEqual([2, 1]);
    // Nothing open for item 20 and no third line for item 10: lines of their own.
    expect(
      billLines([item('20', 1), item('10', 1), item('10', 1), item('10', 1)], order).map(orderLineOf),
    ).toEqual([undefined, 1, 2, undefined]);
  });

  it('matches expense lines by account, with orderLine as a string; a surcharge on the same account is its own line', () => {
    const order = { item: [], expense: [{ line: 1, key: '600', open: 15 }] };
    const lines = billLines([expense('600', 15), expense('600', 5), expense('700', 3)], order);
    expect(lines.map(orderLineOf)).toEqual(['1', undefined, undefined]);
    expect(lines[0]!.body).toEqual({ account: { id: '600' }, amount: 15, orderLine: '1' });
  });
});
