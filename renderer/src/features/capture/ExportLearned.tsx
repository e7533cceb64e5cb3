// "Export learned layouts": what capture learned from the bookkeeper's corrections, per supplier, saved as one
// JSON file (capture.learned.export) to keep, to look at, or to send to support.
import { saveFile } from '../../lib/save-file';
import { useAction } from '../../lib/useAction';
import { request, useApp } from '../../state/app';
import { exportFileName, exportSummary } from './model';

export function ExportLearned() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const { busy, notice, run } = useAction();
  const exportNow = () =>
    run(
      'export',
      async () => {
        const data = await request('capture.learned.export', { companyId });
        const fileName = exportFileName(data.companyName, data.exportedAt);
        if (data.suppliers.length > 0) {
          saveFile(fileName, JSON.stringify(data, null, 2), 'application/json');
        }
        return { data, fileName };
      },
      {
        notice: ({ data, fileName }) =>
          data.suppliers.length > 0 ? `Saved ${fileName}: ${exportSummary(data)}.` : exportSummary(data),
      },
    );
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', flexWrap: 'wrap' }}>
      <button
        type="button"
        className="button button--small"
        onClick={() => void exportNow()}
        disabled={busy !== null}
        title="Save, as a JSON file, how capture reads each of your suppliers' invoices (learned from your corrections)"
        data-testid="capture-export-learned"
      >
        {busy === 'export' ? 'Exporting…' : 'Export learned layouts'}
      </button>
      {notice && (
        <span className="muted" role="status" data-testid="capture-export-notice">
          {notice}
        </span>
      )}
    </div>
  );
}
