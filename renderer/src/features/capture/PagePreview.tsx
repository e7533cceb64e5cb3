// The invoice as received: each page's image with a box where every field and line was read; the box of the
// field being edited is filled, fields the reader was unsure of are outlined in orange.
import type { CSSProperties } from 'react';
import type { Box, Highlight } from './model';
import type { Proposal } from './store';

function highlightStyle(box: Box, active: boolean, low: boolean): CSSProperties {
  return {
    position: 'absolute',
    left: `${box.x * 100}%`,
    top: `${box.y * 100}%`,
    width: `${box.w * 100}%`,
    height: `${box.h * 100}%`,
    outline: `2px solid ${low ? '#d97706' : '#2563eb'}`,
    background: active
      ? 'rgba(37, 99, 235, 0.25)'
      : low
        ? 'rgba(217, 119, 6, 0.15)'
        : 'rgba(37, 99, 235, 0.08)',
    pointerEvents: 'none',
  };
}

export function PagePreview({
  pages,
  fileName,
  highlights,
  focus,
}: {
  pages: Proposal['pages'];
  fileName: string;
  highlights: Highlight[];
  /** The field being edited ("date", "line-2"), or null. */
  focus: string | null;
}) {
  return (
    <section className="card" aria-label="The invoice as received" data-testid="capture-pages">
      {pages.map((page) => (
        <div key={page.number} style={{ position: 'relative', marginBottom: '1rem' }}>
          {page.imageBase64 ? (
            <img
              src={`data:image/png;base64,${page.imageBase64}`}
              alt={`Page ${page.number} of ${fileName}`}
              style={{ width: '100%', display: 'block', border: '1px solid #ddd' }}
            />
          ) : (
            <p className="muted">No preview of page {page.number}.</p>
          )}
          {highlights
            .filter((h) => h.where.page === page.number)
            .map((h) => (
              <div
                key={h.field}
                style={highlightStyle(h.where.box, focus === h.field, h.low)}
                data-testid={`highlight-${h.field}`}
                data-low={h.low ? 'true' : undefined}
                title={h.title}
              />
            ))}
        </div>
      ))}
    </section>
  );
}
