// One document: header, lines, totals, status actions, sync status per connection, payments, history and the
// integration log as a timeline. Refreshes itself when an event concerns it.
import type { AppEvent, ConnectionT, DocumentT, LogEntryT } from '../../../../../preload/contract';
import { LogTimeline } from '../../../components/LogTimeline';
import { Badge, Empty, PageHeader } from '../../../components/ui';
import { connectionLabel, connectionNamer, useConnections, useSystems } from '../../../lib/connections';
import { label } from '../../../lib/labels';
import { href } from '../../../lib/route';
import { useQuery } from '../../../lib/useQuery';
import { request, useApp } from '../../../state/app';
import { concernsDocument } from '../../../state/events';
import { LearnedNote, MatchPanel } from '../../capture';
import { FilesPanel } from '../files/FilesPanel';
import {
  DocumentActionBar,
  DocumentActionPrompts,
  notTakenSentence,
  useDocumentActions,
} from './DocumentActions';
import { DocumentDetails } from './DocumentDetails';
import { HistoryCard, PaymentsCard, SyncCard } from './DocumentSide';

export function DocumentView({ id }: { id: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const followsDocument = { refreshOn: (event: AppEvent) => concernsDocument(event, id) };
  const docQuery = useQuery(['documents.get', id], () => request('documents.get', { id }), followsDocument);
  const logQuery = useQuery(
    ['log.list', id],
    () => request('log.list', { documentId: id, limit: 200 }),
    followsDocument,
  );
  const { connections } = useConnections(companyId, { live: true });
  const doc = docQuery.data;
  const linkedId = doc?.linkedDocumentId ?? null;
  const linked = useQuery(linkedId ? ['documents.get', linkedId] : null, () =>
    request('documents.get', { id: linkedId ?? '' }),
  );

  if (!doc) {
    return docQuery.error ? (
      <div className="page">
        <Empty title="This document could not be opened">
          It may have been deleted. <a href={href('documents')}>Back to documents</a>
        </Empty>
      </div>
    ) : (
      <div className="page muted">Loading…</div>
    );
  }
  return (
    <DocumentPage
      doc={doc}
      onChanged={(updated) => {
        docQuery.setData(updated);
        logQuery.reload();
      }}
      log={logQuery.data?.items ?? null}
      connections={connections}
      linkedNumber={linked.data ? `${label(linked.data.type)} ${linked.data.number}` : null}
    />
  );
}

function DocumentPage({
  doc,
  onChanged,
  log,
  connections,
  linkedNumber,
}: {
  doc: DocumentT;
  onChanged(doc: DocumentT): void;
  log: LogEntryT[] | null;
  connections: ConnectionT[];
  linkedNumber: string | null;
}) {
  const actions = useDocumentActions(doc, onChanged);
  const systems = useSystems();
  // Only the systems with a record for this type: QuickBooks Online and Xero have no receipts, so a receipt gets
  // no Send button there, and the page says why.
  const accounting = connections.filter(systems.isAccounting);
  const targets = accounting.filter((c) => systems.takesType(c.system, doc.type));
  const notTakenBy = systems.loaded
    ? accounting.filter((c) => !systems.takesType(c.system, doc.type)).map(connectionLabel)
    : [];
  const notSent = notTakenSentence(doc, notTakenBy, targets.length);
  const connectionName = connectionNamer(connections);
  return (
    <div className="page" data-testid="document-view" data-document-id={doc.id} data-status={doc.status}>
      <p>
        <a href={href('documents')}>← Documents</a>
      </p>
      <PageHeader
        title={
          <>
            {label(doc.type)} <span data-testid="document-number">{doc.number}</span>
          </>
        }
        actions={
          <DocumentActionBar
            doc={doc}
            targets={targets}
            notTakenBy={notTakenBy}
            actions={actions}
            connectionName={connectionName}
          />
        }
      >
        <div className="inline">
          <Badge value={doc.status} testId="document-status" />
          {doc.paymentStatus && <Badge value={doc.paymentStatus} testId="document-payment-status" />}
          {doc.revision > 0 && <span className="muted">Revision {doc.revision}</span>}
        </div>
        {notSent && (
          <p className="muted" data-testid="send-not-offered">
            {notSent}
          </p>
        )}
      </PageHeader>

      <DocumentActionPrompts actions={actions} />

      {doc.type === 'invoice' && doc.linkedDocumentId && (
        <MatchPanel key={doc.updatedAt} documentId={doc.id} />
      )}
      <FilesPanel doc={doc}>
        <LearnedNote documentId={doc.id} />
      </FilesPanel>

      <DocumentDetails doc={doc} linkedNumber={linkedNumber} />

      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="h-log">
            <h2 id="h-log">Integration log</h2>
            {log && log.length > 0 ? (
              <LogTimeline entries={log} connectionName={connectionName} />
            ) : (
              <p className="muted" data-testid="log-empty">
                Nothing has been sent for this document yet.
              </p>
            )}
          </section>
        </div>
        <div>
          <SyncCard
            doc={doc}
            hasTargets={targets.length > 0}
            notSent={notSent}
            connectionName={connectionName}
          />
          <PaymentsCard doc={doc} />
          <HistoryCard doc={doc} />
        </div>
      </div>
    </div>
  );
}
