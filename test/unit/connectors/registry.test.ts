// The connector registry answers what each system is (accounting or source), how it delivers, and what it can do,
// without loading the cloud connectors; extensions are asked for by capability, never by class.
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry, defaultConnectors } from '../../../main/connectors/registry.js';
import { servicetradeConnector } from '../../../main/connectors/servicetrade/connector.js';
import { TestConnector } from '../../simulators/test-connector.js';

describe('connector registry', () => {
  const registry = new ConnectorRegistry(defaultConnectors);

  it('knows every system’s role and delivery', () => {
    const summaries = registry.summaries();
    const by = Object.fromEntries(summaries.map((s) => [s.system, [s.role, s.delivery]]));
    expect(by).toEqual({
      quickbooks_desktop: ['accounting', 'session'],
      servicetrade: ['source', 'none'],
      quickbooks_online: ['accounting', 'push'],
      netsuite: ['accounting', 'push'],
      xero: ['accounting', 'push'],
    });
    expect(registry.isAccounting('xero')).toBe(true);
    expect(registry.isSource('servicetrade')).toBe(true);
    expect(registry.roleOf('no_such_system')).toBeNull();
    expect(registry.isAccounting('no_such_system')).toBe(false);
  });

  it('hands the worker push systems only', () => {
    expect(registry.push('quickbooks_online')?.system).toBe('quickbooks_online');
    expect(registry.push('quickbooks_desktop')).toBeNull();
    expect(registry.push('servicetrade')).toBeNull();
  });

  it('states capabilities from the descriptors, without loading a connector', () => {
    const qbo = registry.summaries().find((s) => s.system === 'quickbooks_online')!;
    expect(qbo.capabilities).toEqual(expect.arrayContaining(['importPayments', 'createTaxCodes']));
    const nsCaps = registry.summaries().find((s) => s.system === 'netsuite')!.capabilities;
    expect(nsCaps).not.toContain('createTaxCodes');
    expect(registry.summaries().find((s) => s.system === 'quickbooks_desktop')!.capabilities).toEqual([]);
  });

  it('states what Needs pairing can create in each system: vendors at the next run where it calls us, nothing in a source', () => {
    const creates = Object.fromEntries(registry.summaries().map((s) => [s.system, s.createsReferenceKinds]));
    expect(creates).toEqual({
      quickbooks_desktop: ['supplier'],
      servicetrade: [],
      quickbooks_online: ['supplier', 'class', 'customer'],
      netsuite: ['supplier'],
      xero: ['supplier'],
    });
  });

  it('answers extension questions by capability, loading the connector that has them', async () => {
    expect(await registry.capable('netsuite', ['subsidiaries'])).not.toBeNull();
    expect(await registry.capable('xero', ['subsidiaries'])).toBeNull();
    const xero = await registry.capable('xero', ['tenants', 'tenantId', 'supplierPage']);
    expect(typeof xero?.tenants).toBe('function');
    expect(await registry.capable('servicetrade', ['tenants'])).toBeNull();
    expect(await registry.capable('no_such_system', ['tenants'])).toBeNull();
  });

  it('refuses two connectors for one system, and a source that would deliver', () => {
    expect(() => new ConnectorRegistry([new TestConnector(), new TestConnector()])).toThrow(/Two connectors/);
    expect(() => new ConnectorRegistry([{ ...servicetradeConnector, delivery: 'push' } as never])).toThrow(
      /must not deliver/,
    );
  });

  it('takes a system it has never heard of as an accounting push system', () => {
    const own = new ConnectorRegistry([new TestConnector({ system: 'test_ledger' })]);
    expect(own.isAccounting('test_ledger')).toBe(true);
    expect(own.push('test_ledger')).not.toBeNull();
  });
});
