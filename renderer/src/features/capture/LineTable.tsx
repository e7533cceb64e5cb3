// The proposed invoice's lines: description, quantity and unit price editable, the amount as printed; lines the
// reader was unsure of are marked.
import type { CSSProperties } from 'react';
import { useSideScroll } from '../../lib/useSideScroll';
import { emptyLine, LOW_CONFIDENCE, type LineForm } from './model';

export function LineTable({
  lines,
  onChange,
  onFocus,
}: {
  lines: LineForm[];
  onChange(lines: LineForm[]): void;
  /** The line being edited ("line-2"), or null when none is. */
  onFocus(field: string | null): void;
}) {
  const sideScroll = useSideScroll();
  const setLine = (index: number, change: Partial<LineForm>) =>
    onChange(lines.map((l, i) => (i === index ? { ...l, ...change } : l)));
  return (
    <>
      <h3>Lines</h3>
      {/* Wider than the review's column at a 1024 px window: it scrolls sideways inside the card, the description
          kept in view, as a document's lines do (tables.css). */}
      <div className="table-wrap lines-wrap" data-testid="cap-lines-wrap" {...sideScroll}>
        <table className="grid grid--compact grid--lines cap-lines" data-testid="cap-lines">
          <colgroup>
            <col />
            <col className="cap-lines__quantity" />
            <col className="cap-lines__price" />
            <col className="cap-lines__amount" />
            <col className="cap-lines__remove" />
          </colgroup>
          <thead>
            <tr>
              <th className="lines__description">Description</th>
              <th className="num">Quantity</th>
              <th className="num">Unit price</th>
              <th className="num">Printed amount</th>
              <th>
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => {
              const low = line.confidence < LOW_CONFIDENCE;
              const style: CSSProperties = {
                width: '100%',
                minWidth: 0,
                boxSizing: 'border-box',
                ...(low ? { borderColor: '#d97706', background: '#fff7ed' } : {}),
              };
              const focusLine = { onFocus: () => onFocus(`line-${i}`), onBlur: () => onFocus(null) };
              return (
                <tr key={i} data-testid="cap-line" data-low={low ? 'true' : undefined}>
                  <td className="lines__description">
                    <input
                      aria-label={`Line ${i + 1} description`}
                      value={line.description}
                      onChange={(e) => setLine(i, { description: e.target.value })}
                      style={style}
                      {...focusLine}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${i + 1} quantity`}
                      className="num"
                      value={line.quantity}
                      onChange={(e) => setLine(i, { quantity: e.target.value })}
                      style={style}
                      {...focusLine}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Line ${i + 1} unit price`}
                      className="num"
                      value={line.unitPrice}
                      onChange={(e) => setLine(i, { unitPrice: e.target.value })}
                      style={style}
                      {...focusLine}
                    />
                  </td>
                  <td className="num">{line.amount}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Remove line ${i + 1}`}
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button"
        onClick={() => onChange([...lines, emptyLine(lines[0]?.taxRateId ?? null)])}
      >
        Add line
      </button>
    </>
  );
}
