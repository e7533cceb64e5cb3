import { describe, expect, it } from 'vitest';
import { href, parseRoute, sectionOf, type Route } from '../../../renderer/src/lib/route';

describe('parseRoute', () => {
  it('reads each page of the app', () => {
    expect(parseRoute('#/documents')).toEqual({ page: 'documents' });
    expect(parseRoute('#/documents/new')).toEqual({ page: 'document-new' });
    expect(parseRoute('#/documents/abc')).toEqual({ page: 'document', id: 'abc' });
    expect(parseRoute('#/documents/abc/edit')).toEqual({ page: 'document-edit', id: 'abc' });
    expect(parseRoute('#/suppliers')).toEqual({ page: 'suppliers' });
    expect(parseRoute('#/suppliers/new')).toEqual({ page: 'supplier-new' });
    expect(parseRoute('#/suppliers/s1')).toEqual({ page: 'supplier-edit', id: 's1' });
    expect(parseRoute('#/import')).toEqual({ page: 'import' });
    expect(parseRoute('#/connections')).toEqual({ page: 'connections' });
    expect(parseRoute('#/activity')).toEqual({ page: 'activity' });
    expect(parseRoute('#/company')).toEqual({ page: 'company' });
    expect(parseRoute('#/company/tax-rates')).toEqual({ page: 'company', card: 'tax-rates' });
    expect(parseRoute('#/company/elsewhere')).toEqual({ page: 'company' });
  });

  it('falls back to the documents list for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ page: 'documents' });
    expect(parseRoute('#')).toEqual({ page: 'documents' });
    expect(parseRoute('#/')).toEqual({ page: 'documents' });
    expect(parseRoute('#/nowhere/x')).toEqual({ page: 'documents' });
  });

  it('does not need the leading # and ignores empty segments, a query and an unknown action', () => {
    expect(parseRoute('/documents/abc')).toEqual({ page: 'document', id: 'abc' });
    expect(parseRoute('#//documents//abc/')).toEqual({ page: 'document', id: 'abc' });
    expect(parseRoute('#/documents/abc?tab=log')).toEqual({ page: 'document', id: 'abc' });
    expect(parseRoute('#/documents?search=x')).toEqual({ page: 'documents' });
    expect(parseRoute('#/documents/abc/print')).toEqual({ page: 'document', id: 'abc' });
  });

  it('decodes each segment', () => {
    expect(parseRoute('#/documents/a%2Fb%20c/edit')).toEqual({ page: 'document-edit', id: 'a/b c' });
    expect(parseRoute('#/suppliers/%C3%A9t%C3%A9')).toEqual({ page: 'supplier-edit', id: 'été' });
  });
});

describe('href', () => {
  it('builds a hash route from its segments', () => {
    expect(href('documents')).toBe('#/documents');
    expect(href('documents', 'abc', 'edit')).toBe('#/documents/abc/edit');
    expect(href()).toBe('#/');
  });

  it('encodes each segment, so an id with a slash or space stays one segment', () => {
    expect(href('documents', 'a/b c')).toBe('#/documents/a%2Fb%20c');
  });

  it('round-trips through parseRoute', () => {
    const ids = ['abc', 'a/b c', 'été', '100%', '?#&'];
    for (const id of ids) {
      expect(parseRoute(href('documents', id))).toEqual({ page: 'document', id });
      expect(parseRoute(href('documents', id, 'edit'))).toEqual({ page: 'document-edit', id });
      expect(parseRoute(href('suppliers', id))).toEqual({ page: 'supplier-edit', id });
    }
  });
});

describe('sectionOf', () => {
  it('puts each route under its sidebar section', () => {
    const cases: [Route, ReturnType<typeof sectionOf>][] = [
      [{ page: 'documents' }, 'documents'],
      [{ page: 'document', id: 'x' }, 'documents'],
      [{ page: 'document-new' }, 'documents'],
      [{ page: 'document-edit', id: 'x' }, 'documents'],
      [{ page: 'suppliers' }, 'suppliers'],
      [{ page: 'supplier-new' }, 'suppliers'],
      [{ page: 'supplier-edit', id: 'x' }, 'suppliers'],
      [{ page: 'import' }, 'import'],
      [{ page: 'connections' }, 'connections'],
      [{ page: 'activity' }, 'activity'],
      [{ page: 'company' }, 'company'],
    ];
    for (const [route, section] of cases) expect(sectionOf(route)).toBe(section);
  });

  it('takes a badly encoded segment as it is instead of throwing', () => {
    expect(parseRoute('#/documents/%')).toEqual({ page: 'document', id: '%' });
  });
});
