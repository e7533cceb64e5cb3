// QuickBooks as the engine tests see it: the QuickBooks Desktop simulator (test/simulators/quickbooks-desktop),
// which validates every message with xmllint, set up and inspected through its own "QuickBooks user" methods.
import {
  QbdHresultError,
  QbdLostResponseError,
  QbdSimulator,
} from '../../../simulators/quickbooks-desktop/simulator.js';
import { money } from '../../../simulators/quickbooks-desktop/company.js';
import { HresultFault, type QuickBooksLike } from './harness.js';

export interface Qb extends QuickBooksLike {
  sim: QbdSimulator;
  vendorNames(): string[];
  itemNames(): string[];
  purchaseOrders(refNumber: string): { txnId: string; total: string }[];
  bills(refNumber: string): { txnId: string; total: string; linkedTo: string[]; voided: boolean }[];
  itemReceipts(): { txnId: string; total: string; linkedTo: string[] }[];
}

export function qbFor(
  options: { closingDate?: string; supportedVersions?: string[]; companyName?: string } = {},
): Qb {
  const sim = new QbdSimulator({
    companyName: options.companyName ?? 'Northwind Facilities',
    closingDate: options.closingDate,
    supportedVersions: options.supportedVersions,
  });
  const { company } = sim;
  return {
    sim,
    hostResponse: () => sim.hostResponse(),
    handle(xml) {
      try {
        return sim.handle(xml);
      } catch (error) {
        // The Web Connector hands QuickBooks' failure (or the loss of its answer) to receiveResponseXML as an HRESULT.
        if (error instanceof QbdHresultError) throw new HresultFault(error.hresult, error.message);
        if (error instanceof QbdLostResponseError)
          throw new HresultFault('0x80040402', 'The answer from QuickBooks never reached the Web Connector.');
        throw error;
      }
    },
    vendorNames: () => [...company.vendors.values()].map((v) => v.Name),
    itemNames: () => [...company.items.values()].map((i) => i.FullName),
    purchaseOrders: (refNumber) =>
      sim
        .purchaseOrdersByRef(refNumber)
        .map((p) => ({ txnId: p.TxnID, total: money(p.lines.reduce((s, l) => s + l.Amount, 0)) })),
    bills: (refNumber) =>
      sim.billsByRef(refNumber).map((b) => ({
        txnId: b.TxnID,
        total: money(b.AmountDue),
        linkedTo: [...new Set(b.linked.map((l) => l.TxnID))],
        voided: b.voided,
      })),
    itemReceipts: () =>
      [...company.itemReceipts.values()].map((r) => ({
        txnId: r.TxnID,
        total: money(r.TotalAmount),
        linkedTo: [...new Set(r.linked.map((l) => l.TxnID))],
      })),
  };
}
