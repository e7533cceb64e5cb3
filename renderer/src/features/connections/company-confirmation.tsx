// The company a connection reaches, for the bookkeeper to check and confirm before anything is sent to it: a
// QuickBooks Online company after each sign-in to a new one, a Xero organisation or a NetSuite account when the
// connection was pointed at another than the one it sent to. Confirming a switch retires what belonged to the old
// one (connections.confirmCompany); until then documents wait.
import type { ReactNode } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { formatDateTime } from '../../components/ui';
import { useAction } from '../../lib/useAction';
import { request } from '../../state/app';

/** What the banner shows of a connection's company, as each system's settings say it. */
export interface CompanyView {
  name: string;
  /** The id shown beside the name and sent back with the confirmation (realm id, tenant id, account id). */
  id: string;
  /** Who confirmed this company, and when; null while it waits. */
  confirmed: { by: string; at: string } | null;
  /** The company confirmed before, when the connection now reaches another: confirming switches away from it. */
  switchingFrom: string | null;
}

/** From one system's pair of settings: the company reached, and the one confirmed (each by id and name). */
export function companyView(
  reached: { id: string; name: string } | null,
  confirmed: { id: string; name: string; by: string; at: string } | null,
): CompanyView | null {
  if (!reached) return null;
  const same = confirmed !== null && confirmed.id === reached.id;
  return {
    ...reached,
    confirmed: same ? { by: confirmed.by, at: confirmed.at } : null,
    switchingFrom: confirmed !== null && !same ? confirmed.name : null,
  };
}

export interface CompanyConfirmationProps {
  connection: ConnectionT;
  company: CompanyView | null;
  /** One company of the system after "the": "QuickBooks company", "Xero organisation", "NetSuite account". */
  noun: string;
  /** What the id is called there: "realm id", "tenant id", "account id". */
  idLabel: string;
  /** Where in the other system the bookkeeper can check the name and id. */
  check: ReactNode;
  /** Whether the first company waits too (QuickBooks Online); else the banner shows only for a switch. */
  askFirst: boolean;
  /** data-testid prefix: "qbo", "xero", "netsuite". */
  testIdPrefix: string;
  onSaved(): void;
}

/**
 * The confirmation banner: the company reached, by name and id, what a switch retires, and Confirm company. Once
 * confirmed, QuickBooks Online's line says who confirmed it; the others show nothing.
 */
export function CompanyConfirmation(props: CompanyConfirmationProps) {
  const { connection, company, noun, idLabel, check, askFirst, testIdPrefix: p, onSaved } = props;
  const { busy, run } = useAction();
  if (!company) return null;
  if (company.confirmed || (!askFirst && !company.switchingFrom)) {
    if (!askFirst || !company.confirmed) return null;
    return (
      <p className="muted" data-testid={`${p}-company-confirmed`}>
        Sends to {company.name} ({idLabel} {company.id}), confirmed by {company.confirmed.by} on{' '}
        {formatDateTime(company.confirmed.at)}.
      </p>
    );
  }
  // A refusal (say, a sign-in to another company meanwhile) goes to the banner.
  const confirm = () =>
    run('confirm', async () => {
      await request('connections.confirmCompany', { connectionId: connection.id, id: company.id });
      onSaved();
    });
  return (
    <div className="banner banner--warning" role="alert" data-testid={`${p}-confirm-company`}>
      <span className="banner__message">
        Confirm the {noun} before anything is sent. This connection now reaches{' '}
        <strong data-testid={`${p}-company-name`}>{company.name}</strong>, {idLabel}{' '}
        <strong data-testid={`${p}-company-id`}>{company.id}</strong>. Check that it is the {noun} these
        documents belong to: {check} Documents wait until you confirm.
        {company.switchingFrom && (
          <span data-testid={`${p}-company-switch`}>
            {' '}
            This connection sent to {company.switchingFrom} before. Confirming switches it to {company.name}:
            the pairings, imported lists, mapped tax codes and default accounts of {company.switchingFrom} are
            retired, and documents already sent to {company.switchingFrom} stay there and are not updated into{' '}
            {company.name}.
          </span>
        )}
      </span>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void confirm()}
          disabled={busy !== null || connection.status !== 'connected'}
          data-testid={`${p}-confirm-company-button`}
        >
          {busy ? 'Confirming…' : 'Confirm company'}
        </button>
      </div>
    </div>
  );
}
