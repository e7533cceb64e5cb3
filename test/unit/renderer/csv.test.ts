import { describe, expect, it } from 'vitest';
import { csvCell, logEntriesToCsv, toCsv } from '../../../renderer/src/lib/csv';

describe('csv', () => {
  it('quotes only what needs quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-12.50')).toBe('-12.50');
  });

  it('joins rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('exports log entries', () => {
    const csv = logEntriesToCsv(
      [
        {
          id: '1',
          at: '2025-01-02T03:04:05Z',
          companyId: 'c',
          documentId: 'd',
          documentNumber: 'PO-1',
          connectionId: 'k',
          entityType: null,
          entityId: null,
          action: 'send',
          result: 'failure',
          message: 'Closed period, reopen it',
          detail: null,
        },
      ],
      new Map([['k', 'Xero']]),
    );
    expect(csv).toBe(
      'Time,Document,Connection,Action,Result,Message,Detail\r\n' +
        '2025-01-02T03:04:05Z,PO-1,Xero,send,failure,"Closed period, reopen it",\r\n',
    );
  });
});
