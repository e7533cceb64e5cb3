// The files on a document: a preview of each (an image's thumbnail, a PDF's first page and its pages on request),
// where each went, and — on a draft or a revision — a drop zone and a file picker that say the limits first and refuse
// a file that breaks them before any of its bytes are sent.
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { DocumentT, MethodOutput } from '../../../../../preload/contract';
import {
  FILE_ACCEPT,
  FILE_LIMITS,
  FILE_LIMITS_SENTENCE,
  refuseFile,
} from '../../../../../preload/contracts/files';
import { toApiCallError } from '../../../api/errors';
import { base64ToBytes, bytesToBase64 } from '../../../lib/base64';
import { connectionNamer, useConnections } from '../../../lib/connections';
import { label } from '../../../lib/labels';
import { saveFile } from '../../../lib/save-file';
import { useAction } from '../../../lib/useAction';
import { useQuery } from '../../../lib/useQuery';
import { request, requestQuiet, useApp } from '../../../state/app';
import { concernsDocument } from '../../../state/events';
import './files.css';

type FileT = MethodOutput<'attachments.list'>[number];

export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function FilesPanel({ doc, children }: { doc: DocumentT; children?: ReactNode }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const files = useQuery(
    ['attachments.list', doc.id, doc.status, doc.revision],
    () => request('attachments.list', { documentId: doc.id }),
    { refreshOn: (event) => concernsDocument(event, doc.id) },
  );
  const { connections } = useConnections(companyId);
  const connectionName = connectionNamer(connections, () => 'a removed connection');
  const items = files.data ?? [];
  const editable = doc.status === 'draft' || doc.status === 'in_revision';
  const noun = label(doc.type).toLowerCase();

  return (
    <section className="card" aria-labelledby="h-files" data-testid="attachments">
      <FilesCardHead count={items.length} />
      {children}
      {items.length === 0 && !editable && (
        <p className="muted" data-testid="files-empty">
          No files on this {noun}.
        </p>
      )}
      {items.length > 0 && (
        <ul className="files" data-testid="files">
          {items.map((f) => (
            <FileRow
              key={f.id}
              file={f}
              doc={doc}
              connectionName={connectionName}
              onRemoved={() => files.reload()}
            />
          ))}
        </ul>
      )}
      {editable ? (
        <DropZone
          count={items.length}
          note={doc.status === 'in_revision' ? ' Files added now go with the revision’s update.' : ''}
          onAdd={(file) => uploadFile(doc.id, file)}
          onDone={() => files.reload()}
        />
      ) : (
        doc.status === 'approved' && (
          <p className="muted" data-testid="files-locked">
            To add or remove files, choose Revise: a file added in the revision goes with its update.
          </p>
        )
      )}
    </section>
  );
}

function FileRow({
  file,
  doc,
  connectionName,
  onRemoved,
}: {
  file: FileT;
  doc: DocumentT;
  connectionName: (id: string | null) => string;
  onRemoved(): void;
}) {
  const { busy, run } = useAction();
  const [pages, setPages] = useState<string[] | null>(null);
  const image = file.mimeType.startsWith('image/');
  const thumb = useQuery(image ? ['attachments.get', file.id] : null, () =>
    request('attachments.get', { id: file.id }),
  );
  const download = () =>
    run('download', async () => {
      const content = thumb.data ?? (await request('attachments.get', { id: file.id }));
      saveFile(file.fileName, base64ToBytes(content.contentBase64), file.mimeType);
    });
  const show = () =>
    run('pages', async () => {
      const result = await request('attachments.pages', { id: file.id });
      setPages(result.pages.map((p) => p.imageBase64));
    });
  const remove = () =>
    run('remove', () => request('attachments.remove', { id: file.id }), {
      notice: () => {
        onRemoved();
        return null;
      },
    });
  const origin = file.isNew
    ? doc.status === 'in_revision'
      ? 'New in this revision'
      : `New in revision ${file.addedInRevision}`
    : file.addedInRevision > 0
      ? `From revision ${file.addedInRevision}`
      : doc.revision > 0
        ? 'From the original'
        : null;
  return (
    <li className="file" data-testid="attachment" data-file-name={file.fileName} data-new={file.isNew}>
      <div className="file__preview" aria-hidden="true">
        {image && thumb.data ? (
          <img src={`data:${file.mimeType};base64,${thumb.data.contentBase64}`} alt="" />
        ) : image ? (
          <span className="file__icon">…</span>
        ) : (
          <FirstPage file={file} />
        )}
      </div>
      <div className="file__body">
        <div className="file__name">
          <strong>{file.fileName}</strong> <span className="muted">{sizeText(file.size)}</span>{' '}
          {origin && (
            <span
              className={`badge ${file.isNew ? 'badge--info' : 'badge--muted'}`}
              data-testid="file-origin"
            >
              {origin}
            </span>
          )}
        </div>
        <ul className="file__where" data-testid="file-deliveries">
          {file.deliveries.length === 0 ? (
            <li className="muted">Not sent yet: it goes with the next send.</li>
          ) : (
            file.deliveries.map((d) => (
              <li key={d.connectionId} data-testid="file-delivery" data-status={d.status}>
                {d.status === 'sent'
                  ? `Sent to ${connectionName(d.connectionId)}`
                  : `${connectionName(d.connectionId)} takes no files: it stays here`}
              </li>
            ))
          )}
        </ul>
        <div className="file__actions">
          <button type="button" className="button button--small" onClick={() => void download()}>
            {busy === 'download' ? 'Downloading…' : 'Download'}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => void (pages ? setPages(null) : show())}
            disabled={busy === 'pages'}
            data-testid="attachment-show"
          >
            {busy === 'pages' ? 'Rendering…' : pages ? 'Hide pages' : 'Show pages'}
          </button>
          {file.keptBecause === null ? (
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => void remove()}
              disabled={busy === 'remove'}
              aria-label={`Remove ${file.fileName}`}
              data-testid="file-remove"
            >
              {busy === 'remove' ? 'Removing…' : 'Remove'}
            </button>
          ) : (
            (doc.status === 'draft' || doc.status === 'in_revision') && (
              <span className="muted file__kept" data-testid="file-kept">
                {file.keptBecause}
              </span>
            )
          )}
        </div>
        {pages?.map((img, i) => (
          <img key={i} className="file__page" src={`data:image/png;base64,${img}`} alt={`Page ${i + 1}`} />
        ))}
      </div>
    </li>
  );
}

/**
 * First pages drawn this session, by file content: a file on several documents, or a card opened again, is not asked
 * for twice. A failed drawing is forgotten, so a later look tries again.
 */
const firstPages = new Map<string, Promise<string>>();

function firstPageOf(file: FileT): Promise<string> {
  let drawn = firstPages.get(file.sha256);
  if (!drawn) {
    drawn = requestQuiet('attachments.thumbnail', { id: file.id }).then(
      (t) => `data:${t.mimeType};base64,${t.imageBase64}`,
    );
    drawn.catch(() => firstPages.delete(file.sha256));
    firstPages.set(file.sha256, drawn);
  }
  return drawn;
}

/**
 * A PDF's first page, asked for only once its box is on screen (a long list of files draws what is looked at); the
 * PDF mark stands in until it comes, and stays if the page cannot be drawn.
 */
function FirstPage({ file }: { file: FileT }) {
  const box = useRef<HTMLSpanElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let live = true;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      firstPageOf(file).then(
        (url) => live && setSrc(url),
        () => undefined,
      );
    });
    observer.observe(element);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [file]);
  return src ? (
    <img src={src} alt="" className="file__first-page" data-testid="attachment-thumbnail" />
  ) : (
    <span ref={box} className="file__icon" data-testid="attachment-mark">
      PDF
    </span>
  );
}

/** Reads the first bytes of a file, so its kind is known before the whole of it is read or sent. */
async function headOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, 16).arrayBuffer());
}

/** Adds a chosen file to the saved document (the core checks it again, with its bytes). */
export async function uploadFile(documentId: string, file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  await requestQuiet('attachments.add', {
    documentId,
    fileName: file.name,
    contentBase64: bytesToBase64(bytes),
  });
}

/**
 * The drop zone and the file picker: each chosen file is checked against the limits before any of its bytes are
 * read (`count`: files the document holds, or will hold, already), then given to `onAdd`; what is refused, here or
 * by `onAdd`, is listed under it. `note` follows the limits.
 */
export function DropZone({
  count,
  note,
  onAdd,
  onDone,
}: {
  count: number;
  note: string;
  onAdd(file: File): Promise<void>;
  onDone(): void;
}) {
  const [over, setOver] = useState(false);
  const [working, setWorking] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  async function add(chosen: File[]) {
    const refused: string[] = [];
    let onDocument = count;
    for (const file of chosen) {
      const refusal = refuseFile({
        fileName: file.name,
        size: file.size,
        head: await headOf(file),
        filesOnDocument: onDocument,
      });
      if (refusal) {
        refused.push(refusal);
        continue;
      }
      setWorking(`Adding ${file.name}…`);
      try {
        await onAdd(file);
        onDocument += 1;
      } catch (error) {
        refused.push(toApiCallError(error).message);
      }
    }
    setWorking(null);
    setProblems(refused);
    onDone();
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) void add(Array.from(e.dataTransfer.files));
  };
  return (
    <div>
      <div
        className={`dropzone${over ? ' dropzone--over' : ''}`}
        onDragOver={(e) => {
          if (Array.from(e.dataTransfer.types).includes('Files')) {
            e.preventDefault();
            setOver(true);
          }
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="file-dropzone"
      >
        <p>
          Drop files here, or{' '}
          <label className="button button--small">
            choose files
            <input
              type="file"
              multiple
              hidden
              accept={FILE_ACCEPT}
              aria-label="Add files"
              onChange={(e) => {
                const list = e.target.files ? Array.from(e.target.files) : [];
                e.target.value = '';
                if (list.length > 0) void add(list);
              }}
              data-testid="file-input"
            />
          </label>
        </p>
        <p className="muted" data-testid="file-limits">
          {FILE_LIMITS_SENTENCE}
          {note}
        </p>
        {working && (
          <p role="status" data-testid="file-working">
            {working}
          </p>
        )}
      </div>
      <FileProblems problems={problems} testId="file-problems" />
    </div>
  );
}

/** Why files were not added, one a line; nothing when all were. */
export function FileProblems({ problems, testId }: { problems: string[]; testId: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field__error" role="alert" data-testid={testId}>
      {problems.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}

/** The Files card's heading with how many files it holds of the most a document may have. */
export function FilesCardHead({ count }: { count: number }) {
  return (
    <div className="card__head">
      <h2 id="h-files">Files</h2>
      <span className="muted">
        {count} of {FILE_LIMITS.maxFiles}
      </span>
    </div>
  );
}
