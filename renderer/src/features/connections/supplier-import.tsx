// "Import suppliers" on a connection's card: the accounting system's whole supplier list read page by page into
// Suppliers, with a progress bar (suppliers read of the total the system told, pages done) while it runs and the
// outcome afterwards. An import that a restart or a failure stopped shows where it stopped and continues from there.
import { useEffect, useState } from 'react';
import type { ConnectionT, MethodOutput } from '../../../../preload/contract';
import { label } from '../../lib/labels';
import { request, useApp } from '../../state/app';
import { useAppEvents } from '../../state/events';

export type SupplierImportRunT = NonNullable<MethodOutput<'suppliers.importStatus'>>;

interface Live {
  done: number;
  total: number | null;
  message: string;
}

/** The sentence for a run not running here now: finished, failed, stopped by a restart, or mid-session (QBD). */
export function describeRun(
  run: SupplierImportRunT,
  system: string,
  /** QuickBooks Desktop: its Web Connector session sends the pages. */
  session = false,
): { tone: 'success' | 'warning'; text: string } {
  if (run.status === 'finished') return { tone: 'success', text: run.message ?? 'Suppliers imported.' };
  if (run.status === 'failed')
    return { tone: 'warning', text: run.message ?? 'The last supplier import stopped. Continue it.' };
  const of = run.total !== null ? ` of ${run.total.toLocaleString('en-US')}` : '';
  if (session)
    return {
      tone: 'warning',
      text: `${system} has sent ${run.entriesRead.toLocaleString('en-US')}${of} vendors in ${run.pagesDone} page(s) so far; the Web Connector's next session sends the rest.`,
    };
  return {
    tone: 'warning',
    text: `The last supplier import from ${system} stopped after page ${run.pagesDone} (${run.entriesRead.toLocaleString('en-US')}${of} suppliers read) when Ledgerbridge closed. Continue the import to read the rest; nothing is imported twice.`,
  };
}

/**
 * What Import suppliers does on this connection, as its settings make it. QuickBooks Desktop's vendors come in the
 * next Web Connector session, and only with "Add QuickBooks vendors …" on are the unmatched ones added: off, the
 * import pairs the vendors named like a supplier here and adds nothing.
 */
export function importDescription(
  connection: Pick<ConnectionT, 'system' | 'settings'>,
  system: string,
): string {
  if (connection.system !== 'quickbooks_desktop')
    return `Reads every supplier ${system} keeps into Suppliers, page by page: new ones are added, ones already here are paired by name, and an import that stops continues where it left off.`;
  if (connection.settings['importVendors'] === true)
    return `Reads every vendor ${system} keeps at the next Web Connector session: new ones are added to Suppliers, ones already here are paired by name.`;
  return `Reads every vendor ${system} keeps at the next Web Connector session and pairs those named like a supplier here; the others are not added. To add them to Suppliers too, turn on "Add QuickBooks vendors that match none of our suppliers as suppliers" in the settings below.`;
}

export function SupplierImport({ connection, canAsk }: { connection: ConnectionT; canAsk: boolean }) {
  const connected = canAsk;
  const system = connection.name || label(connection.system);
  const [run, setRun] = useState<SupplierImportRunT | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<string | null>(null);

  useEffect(() => {
    request('suppliers.importStatus', { connectionId: connection.id }).then(setRun, () => undefined);
  }, [connection.id]);

  useAppEvents((event) => {
    if (event.type !== 'progress' || event.task !== `suppliers.import:${connection.id}`) return;
    setLive({ done: event.done, total: event.total, message: event.message });
    // Pages read while no import runs from here come from a Web Connector session (QuickBooks Desktop): the card
    // shows where that read stands, and what it did once it is through, without leaving the page.
    if (!busy) {
      request('suppliers.importStatus', { connectionId: connection.id }).then(
        (latest) => {
          setRun(latest);
          if (latest?.status === 'finished') setQueued(null);
        },
        () => undefined,
      );
    }
  });

  async function start() {
    setBusy(true);
    setQueued(null);
    setLive(null);
    try {
      const answer = await request('suppliers.import', { connectionId: connection.id });
      if (answer.queued)
        setQueued(
          `${system} sends its vendors at the next Web Connector session; they then appear under Suppliers.`,
        );
      if (answer.run) setRun(answer.run);
    } catch {
      // The banner says what went wrong; the run says where it stopped.
      await request('suppliers.importStatus', { connectionId: connection.id }).then(setRun, () => undefined);
    } finally {
      setBusy(false);
      setLive(null);
      // The page-wide progress list shows a task until done reaches the total; a stopped import never does.
      useApp.getState().clearProgress(`suppliers.import:${connection.id}`);
    }
  }

  const unfinished = run !== null && run.status !== 'finished';
  const shown = !busy && run ? describeRun(run, system, connection.system === 'quickbooks_desktop') : null;
  return (
    <section
      className="supplier-import"
      aria-labelledby={`supplier-import-${connection.id}`}
      data-testid="supplier-import"
    >
      <div className="inline">
        <h3 id={`supplier-import-${connection.id}`}>Supplier list</h3>
        <button
          type="button"
          className={`button${unfinished ? ' button--primary' : ''}`}
          onClick={() => void start()}
          disabled={busy || !connected}
          title={connected ? undefined : `Connect ${system} first.`}
          data-testid="supplier-import-start"
        >
          {busy ? 'Importing…' : unfinished ? 'Continue import' : 'Import suppliers'}
        </button>
      </div>
      <p className="muted" data-testid="supplier-import-description">
        {importDescription(connection, system)}
      </p>
      {busy && (
        <div role="status" aria-live="polite" data-testid="supplier-import-progress">
          {live && live.total !== null && live.total > 0 ? (
            <progress max={live.total} value={live.done} aria-label="Suppliers read" />
          ) : (
            <progress aria-label="Suppliers read" />
          )}
          <p className="muted" data-testid="supplier-import-progress-text">
            {live?.message ?? `Reading suppliers from ${system}…`}
          </p>
        </div>
      )}
      {queued && (
        <div className="banner banner--success" role="status" data-testid="supplier-import-queued">
          <span className="banner__message">{queued}</span>
        </div>
      )}
      {shown && (
        <div
          className={`banner banner--${shown.tone}`}
          role="status"
          data-testid="supplier-import-result"
          data-status={run?.status}
        >
          <span className="banner__message">{shown.text}</span>
        </div>
      )}
    </section>
  );
}
