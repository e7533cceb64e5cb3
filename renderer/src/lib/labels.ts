// Plain-language names for the contract's enum values.

const SPECIAL: Record<string, string> = {
  purchase_order: 'Purchase order',
  service_order: 'Service order',
  invoice: 'Supplier invoice',
  receipt: 'Receipt',
  pending_approval: 'Pending approval',
  in_revision: 'In revision',
  not_sent: 'Not sent',
  partly_paid: 'Partly paid',
  quickbooks_online: 'QuickBooks Online',
  quickbooks_desktop: 'QuickBooks Desktop',
  xero: 'Xero',
  netsuite: 'NetSuite',
  servicetrade: 'ServiceTrade',
  not_connected: 'Not connected',
  needs_reconnect: 'Needs reconnect',
  bill_payment: 'Bill payment',
  bill_payment_check: 'Bill payment (cheque)',
  bill_payment_credit_card: 'Bill payment (credit card)',
  check: 'Cheque',
  supplier_credit: 'Supplier credit',
  // Integration log actions of ServiceTrade jobs and invoices.
  send_job: 'Send job',
  send_invoice: 'Send invoice',
  invoice_writeback: 'QuickBooks number written back to ServiceTrade',
  job_changed: 'Job changed in ServiceTrade',
  invoice_changed: 'Invoice changed in ServiceTrade',
  job_missing: 'Job deleted in ServiceTrade',
};

/** "pending_approval" → "Pending approval"; unknown values are humanised the same way. */
export function label(value: string | null | undefined): string {
  if (!value) return '';
  const special = SPECIAL[value];
  if (special) return special;
  const words = value.replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The tone of a status badge: one of a few CSS modifier names. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted';

const TONES: Record<string, Tone> = {
  draft: 'neutral',
  pending_approval: 'warning',
  approved: 'success',
  in_revision: 'info',
  canceled: 'muted',
  not_sent: 'neutral',
  queued: 'info',
  sending: 'info',
  waiting: 'warning',
  sent: 'success',
  failed: 'danger',
  historical: 'muted',
  success: 'success',
  failure: 'danger',
  retry: 'warning',
  info: 'info',
  connected: 'success',
  connecting: 'info',
  waiting_first_run: 'info',
  not_connected: 'neutral',
  needs_reconnect: 'warning',
  needs_access: 'warning',
  error: 'danger',
  unpaid: 'neutral',
  partly_paid: 'warning',
  paid: 'success',
};

export function tone(value: string): Tone {
  return TONES[value] ?? 'neutral';
}
