import { describe, expect, it } from 'vitest';
import { renewAt } from '../../../main/connectors/servicetrade/client.js';
import { ServiceTradeSettings } from '../../../main/connectors/servicetrade/schemas.js';

describe('renewAt', () => {
  it('renews an hour-long token five minutes before it expires', () => {
    expect(renewAt(3_600_000, 0)).toBe(3_300_000);
  });
  it('renews a short-lived token halfway through its life, not before every request', () => {
    expect(renewAt(120_000, 0)).toBe(60_000);
    expect(renewAt(1_000, 0)).toBe(500);
  });
  it('an expired token is due now', () => {
    expect(renewAt(1_000, 5_000)).toBe(1_000);
  });
});

describe('ServiceTradeSettings', () => {
  it('a source never sends documents, whatever the common defaults say', () => {
    const parsed = ServiceTradeSettings.parse({
      documentsToSend: ['purchase_order', 'invoice'],
      importPayments: true,
    });
    expect(parsed.documentsToSend).toEqual([]);
    expect(parsed.importPayments).toBe(false);
    expect(parsed.baseUrl).toBe('https://api.servicetrade.com/api');
    expect(parsed.refreshMinutes).toBe(15);
  });
  it('refuses a base URL that is not a URL', () => {
    expect(ServiceTradeSettings.safeParse({ baseUrl: 'servicetrade' }).success).toBe(false);
  });
});
