// The document page's Send button for the connection chosen: Send the first time, Send again once the document
// reached it (or failed or waits there), and the sending state, not a button to click, while a send is on its way.
import { describe, expect, it } from 'vitest';
import type { DocumentT } from '../../../preload/contract';
import { sendNotice, sendState } from '../../../renderer/src/features/documents/view/model';

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

describe('sendNotice', () => {
  const queued = {
    connectionId: 'qbo',
    text: 'Queued for QuickBooks Online. The log below shows how it goes.',
  };

  it('says the send was queued while it is on its way to the connection', () => {
    expect(sendNotice(doc(['qbo', 'queued']), queued)).toBe(queued.text);
    expect(sendNotice(doc(['qbo', 'sending']), queued)).toBe(queued.text);
    // The only connection ('' asked): any queued row is the send.
    expect(sendNotice(doc(['qbo', 'queued']), { ...queued, connectionId: '' })).toBe(queued.text);
  });

  it('goes once the send finished there, whatever the outcome', () => {
    expect(sendNotice(doc(['qbo', 'sent']), queued)).toBeNull();
    expect(sendNotice(doc(['qbo', 'failed']), queued)).toBeNull();
    expect(sendNotice(doc(['qbo', 'waiting']), queued)).toBeNull();
    // Another connection still busy does not keep this one's notice.
    expect(sendNotice(doc(['qbo', 'sent'], ['xero', 'queued']), queued)).toBeNull();
    expect(sendNotice(doc(['qbo', 'queued']), null)).toBeNull();
  });
});
