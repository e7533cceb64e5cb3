import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../renderer/src/lib/sse';

describe('SseParser', () => {
  it('assembles events across chunks', () => {
    const p = new SseParser();
    expect(p.push('data: {"type":')).toEqual([]);
    expect(p.push('"document"}\n')).toEqual([]);
    expect(p.push('\ndata: 2\n\n')).toEqual(['{"type":"document"}', '2']);
  });

  it('joins multi-line data, skips comments, handles CRLF split across chunks', () => {
    const p = new SseParser();
    expect(p.push(': ping\r\n\r\ndata: a\r')).toEqual([]);
    expect(p.push('\ndata:b\r\n\r\n')).toEqual(['a\nb']);
  });
});
