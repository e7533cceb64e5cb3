// Import documents or suppliers from a CSV or JSON file: a dry run first shows every record and its problems,
// then the user imports all (only when all are valid) or only the valid ones.
import { useState, type ChangeEvent } from 'react';
import type { ImportResultT } from '../../../../preload/contract';
import { Badge, Empty, Field, PageHeader } from '../../components/ui';
import { bytesToBase64 } from '../../lib/base64';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { request, useApp } from '../../state/app';
import { useAppEvents } from '../../state/events';

type Kind = 'documents' | 'suppliers';
type Format = 'csv' | 'json';
type ChosenFile = { name: string; base64: string; format: Format };
type Busy = 'reading' | 'checking' | 'importing';

const KINDS: Record<Kind, string> = { documents: 'Documents', suppliers: 'Suppliers' };
const FORMATS: Record<Format, string> = { csv: 'CSV', json: 'JSON' };

function formatOf(name: string): Format | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

function problemText(p: { row: number | null; column: string | null; message: string }): string {
  const where = [p.row !== null ? `row ${p.row}` : null, p.column ? `column “${p.column}”` : null].filter(
    Boolean,
  );
  return where.length > 0 ? `${where.join(', ')}: ${p.message}` : p.message;
}

/** documents.import of a chosen file: a dry run only checks it; otherwise it imports all, or only the valid. */
function importFile(
  companyId: string,
  kind: Kind,
  file: ChosenFile,
  run: { dryRun: true } | { dryRun: false; onlyValid: boolean },
): Promise<ImportResultT> {
  return request('documents.import', {
    companyId,
    kind,
    format: file.format,
    contentBase64: file.base64,
    fileName: file.name,
    ...run,
  });
}

/** A Field with a <select> of a few fixed choices, given as value → text. */
function ChoiceField<T extends string>({
  label,
  id,
  value,
  choices,
  onChange,
}: {
  label: string;
  id: string;
  value: T;
  choices: Record<T, string>;
  onChange(value: T): void;
}) {
  return (
    <Field label={label} htmlFor={id}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={id}>
        {(Object.entries(choices) as [T, string][]).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ImportPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [kind, setKind] = useState<Kind>('documents');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [format, setFormat] = useState<Format>('csv');
  const [preview, setPreview] = useState<ImportResultT | null>(null);
  const [result, setResult] = useState<ImportResultT | null>(null);
  // Which stage runs (a Busy); a failure goes to the banner.
  const action = useAction();
  const busy = action.busy as Busy | null;

  // This page shows its own "Importing…" and result card. The server's import progress event counts created
  // records against all records, so with skipped rows it ends at "2 of 3" and the app-wide bar would stay up
  // on every page; drop it here, after the shell's own listener has added it (listeners run child first).
  useAppEvents((event) => {
    if (event.type === 'progress' && event.task === 'import') {
      queueMicrotask(() => useApp.getState().clearProgress('import'));
    }
  });

  async function check(next: ChosenFile, k: Kind) {
    setPreview(null);
    setResult(null);
    await action.run('checking', async () => {
      setPreview(await importFile(companyId, k, next, { dryRun: true }));
    });
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (!f) return;
    const buffer = await action.run('reading', () => f.arrayBuffer());
    if (!buffer) return;
    const fmt = formatOf(f.name) ?? format;
    setFormat(fmt);
    const next = { name: f.name, base64: bytesToBase64(new Uint8Array(buffer)), format: fmt };
    setFile(next);
    await check(next, kind);
  }

  async function runImport(onlyValid: boolean) {
    if (!file) return;
    await action.run('importing', async () => {
      const r = await importFile(companyId, kind, file, { dryRun: false, onlyValid });
      setResult(r);
      setPreview(null);
      useApp.getState().clearProgress('import');
    });
  }

  const valid = preview?.validCount ?? 0;
  const invalidCount = preview ? preview.invalidCount + preview.fileProblems.length : 0;

  return (
    <div className="page">
      <PageHeader title="Import" />
      <section className="card">
        <div className="form-grid">
          <ChoiceField
            label="What the file holds"
            id="import-kind"
            value={kind}
            choices={KINDS}
            onChange={(k) => {
              setKind(k);
              if (file) void check(file, k);
            }}
          />
          <ChoiceField
            label="Format"
            id="import-format"
            value={format}
            choices={FORMATS}
            onChange={(fmt) => {
              setFormat(fmt);
              if (file) {
                const next = { ...file, format: fmt };
                setFile(next);
                void check(next, kind);
              }
            }}
          />
          <Field
            label="File"
            htmlFor="import-file"
            className="field--wide"
            hint="CSV with a header row, or JSON. Nothing is saved until you choose to import after the check."
          >
            <input
              id="import-file"
              type="file"
              accept=".csv,.json,.txt,text/csv,application/json"
              onChange={(e) => void onFile(e)}
              data-testid="import-file"
            />
          </Field>
        </div>
        {busy && (
          <p className="muted" role="status" data-testid="import-busy">
            {busy === 'reading'
              ? 'Reading the file…'
              : busy === 'checking'
                ? 'Checking the file…'
                : 'Importing…'}
          </p>
        )}
      </section>

      {preview && (
        <section className="card" aria-labelledby="h-preview" data-testid="import-preview">
          <div className="card__head">
            <h2 id="h-preview">
              {file?.name}: {preview.records.length} record{preview.records.length === 1 ? '' : 's'},{' '}
              <span data-testid="import-valid-count">{preview.validCount}</span> valid,{' '}
              <span data-testid="import-invalid-count">{preview.invalidCount}</span> with problems
            </h2>
            <div className="actions">
              <button
                type="button"
                className={`button${invalidCount > 0 ? '' : ' button--primary'}`}
                disabled={busy !== null || invalidCount > 0 || valid === 0}
                onClick={() => void runImport(false)}
                data-testid="import-all"
              >
                Import all
              </button>
              <button
                type="button"
                className={`button${invalidCount > 0 ? ' button--primary' : ''}`}
                disabled={busy !== null || valid === 0 || preview.fileProblems.length > 0}
                onClick={() => void runImport(true)}
                data-testid="import-valid"
              >
                Import only the valid {valid}
              </button>
            </div>
          </div>
          {preview.fileProblems.length > 0 && (
            <div className="banner banner--error" role="alert" data-testid="import-file-problems">
              <div className="banner__message">
                <strong>The file itself has problems:</strong>
                <ul className="summary">
                  {preview.fileProblems.map((p, i) => (
                    <li key={i}>{problemText(p)}</li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          <ul className="records">
            {preview.records.map((r) => (
              <li key={r.key} data-testid="import-record" data-valid={r.valid}>
                <div className="record__head">
                  <Badge value={r.valid ? 'success' : 'failure'} text={r.valid ? 'Valid' : 'Invalid'} />
                  <strong>{r.label}</strong>
                  <span className="muted">
                    {r.rows.length > 0 && `row${r.rows.length > 1 ? 's' : ''} ${r.rows.join(', ')}`}
                  </span>
                </div>
                <div className="muted">{r.summary}</div>
                {r.problems.length > 0 && (
                  <ul className="problems" data-testid="import-record-problems">
                    {r.problems.map((p, i) => (
                      <li key={i}>{problemText(p)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {result && (
        <section className="card" data-testid="import-result">
          <h2>
            Imported {result.createdIds.length} {kind === 'documents' ? 'document' : 'supplier'}
            {result.createdIds.length === 1 ? '' : 's'}
          </h2>
          {result.invalidCount > 0 && (
            <p className="muted">
              {result.invalidCount === 1
                ? '1 record with problems was skipped.'
                : `${result.invalidCount} records with problems were skipped.`}
            </p>
          )}
          <p>
            <a href={href(kind)} data-testid="import-result-link">
              Go to {kind}
            </a>
            {kind === 'documents' && result.createdIds.length > 0 && result.createdIds.length <= 10 && (
              <>
                {' · '}
                {result.createdIds.map((cid, i) => (
                  <span key={cid}>
                    {i > 0 && ', '}
                    <a href={href('documents', cid)}>open #{i + 1}</a>
                  </span>
                ))}
              </>
            )}
          </p>
        </section>
      )}

      {!preview && !result && !busy && (
        <Empty title="Bring in documents or suppliers from a file">
          Choose a CSV or JSON file above. Ledgerbridge checks every record first and shows what it would
          import.
        </Empty>
      )}
    </div>
  );
}
