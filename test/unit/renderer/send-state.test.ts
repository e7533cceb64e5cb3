// The document page's Send button for the connection chosen: Send the first time, Send again once the document
// reached it (or failed or waits there), and the sending state, not a button to click, while a send is on its way.
import { describe, expect, it } from 'vitest';
import type { DocumentT } from '../../../preload/contract';
import { sendState } from '../../../renderer/src/features/documents/view/model';

type SyncStatus = DocumentT['sync'][number]['status'];

const doc = (...entries: [string, SyncStatus][]): Pick<DocumentT, 'sync'> => ({
  sync: entries.map(([connectionId, status]) => ({
    connectionId,
    status,
    externalId: null,
    lastMessage: null,
    updatedAt: '2026-11-20T10:00:00.000Z',
  })),
});

describe('sendState', () => {
  it('offers Send when nothing went to the connection yet, or only queued or historical', () => {
    expect(sendState(doc(), 'qbo')).toBe('send');
    expect(sendState(doc(['qbo', 'not_sent']), 'qbo')).toBe('send');
    expect(sendState(doc(['qbo', 'historical']), 'qbo')).toBe('send');
    // Queued (a retry later, or the next Web Connector run): a click sends it now.
    expect(sendState(doc(['qbo', 'queued']), 'qbo')).toBe('send');
  });

  it('offers Send again once it was sent, failed or waits there', () => {
    expect(sendState(doc(['qbo', 'sent']), 'qbo')).toBe('again');
    expect(sendState(doc(['qbo', 'failed']), 'qbo')).toBe('again');
    expect(sendState(doc(['qbo', 'waiting']), 'qbo')).toBe('again');
  });

  it('shows the sending state while a send is on its way to that connection, and only that one', () => {
    expect(sendState(doc(['qbo', 'sending']), 'qbo')).toBe('sending');
    expect(sendState(doc(['qbo', 'sending'], ['ns', 'sent']), 'ns')).toBe('again');
    expect(sendState(doc(['qbo', 'sent'], ['ns', 'sending']), 'qbo')).toBe('again');
  });
});
