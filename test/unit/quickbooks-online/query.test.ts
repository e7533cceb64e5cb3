import { describe, expect, it } from 'vitest';
import { matches, parseQuery, QueryError } from '../../../test/simulators/quickbooks-online/query.js';

describe('the simulator query language', () => {
  it('parses WHERE, ORDERBY, paging and escaped quotes', () => {
    const q = parseQuery(
      "select * from Vendor where DisplayName = 'Acme\\'s' AND Active IN (true, false) ORDERBY Id DESC STARTPOSITION 1001 MAXRESULTS 1000",
    );
    expect(q).toMatchObject({
      entity: 'Vendor',
      startPosition: 1001,
      maxResults: 1000,
      orderBy: { field: 'Id', desc: true },
    });
    expect(q.where).toEqual([
      { field: 'DisplayName', op: '=', value: "Acme's" },
      { field: 'Active', op: 'IN', value: [true, false] },
    ]);
    expect(matches({ DisplayName: "Acme's" }, q.where[0]!)).toBe(true);
  });
  it('matches refs by value, dotted fields case-insensitively and LIKE', () => {
    expect(matches({ VendorRef: { value: '5' } }, { field: 'VendorRef', op: '=', value: '5' })).toBe(true);
    expect(
      matches(
        { MetaData: { LastUpdatedTime: '2026-11-02T00:00:00Z' } },
        { field: 'Metadata.LastUpdatedTime', op: '>', value: '2026-11-01' },
      ),
    ).toBe(true);
    expect(matches({ Name: 'Air filter' }, { field: 'Name', op: 'LIKE', value: '%FILT%' })).toBe(true);
  });
  it('refuses OR and more than 1000 rows, as QuickBooks does', () => {
    expect(() => parseQuery("select * from Bill where DocNumber = 'a' OR DocNumber = 'b'")).toThrow(
      QueryError,
    );
    expect(() => parseQuery('select * from Bill MAXRESULTS 1001')).toThrow(QueryError);
    expect(parseQuery('select count(*) from PurchaseOrder').count).toBe(true);
  });
});
