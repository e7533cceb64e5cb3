// The files attached to a document: download one, or see its pages beside the document.
import { useState } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import { base64ToBytes } from '../../lib/base64';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request } from '../../state/app';
import { saveFile } from './download';
import { LearnedNote } from './LearnedNote';

type AttachmentT = MethodOutput<'attachments.list'>[number];

export function AttachmentsPanel({ documentId }: { documentId: string }) {
  const { data: items = [] } = useQuery(['attachments.list', documentId], () =>
    request('attachments.list', { documentId }),
  );
  const [pages, setPages] = useState<{ id: string; images: string[] } | null>(null);
  const { busy, run } = useAction();
  if (items.length === 0) return null;
  const download = (a: AttachmentT) =>
    run(`download-${a.id}`, async () => {
      const file = await request('attachments.get', { id: a.id });
      saveFile(a.fileName, base64ToBytes(file.contentBase64), a.mimeType);
    });
  const show = (a: AttachmentT) =>
    run(`pages-${a.id}`, async () => {
      const result = await request('attachments.pages', { id: a.id });
      setPages({ id: a.id, images: result.pages.map((p) => p.imageBase64) });
    });
  return (
    <section className="card" aria-labelledby="h-attachments" data-testid="attachments">
      <h2 id="h-attachments">Attached files</h2>
      <LearnedNote documentId={documentId} />
      <ul className="plain-list">
        {items.map((a) => (
          <li key={a.id} data-testid="attachment">
            {a.fileName} <span className="muted">({Math.ceil(a.size / 1024)} KB)</span>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void download(a)}
              disabled={busy === `download-${a.id}`}
            >
              Download
            </button>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void (pages?.id === a.id ? setPages(null) : show(a))}
              disabled={busy === `pages-${a.id}`}
              data-testid="attachment-show"
            >
              {busy === `pages-${a.id}` ? 'Rendering…' : pages?.id === a.id ? 'Hide pages' : 'Show pages'}
            </button>
          </li>
        ))}
      </ul>
      {pages?.images.map((img, i) => (
        <img
          key={i}
          src={`data:image/png;base64,${img}`}
          alt={`Page ${i + 1}`}
          style={{ width: '100%', maxWidth: 800, border: '1px solid #ddd', marginTop: '0.5rem' }}
        />
      ))}
    </section>
  );
}
