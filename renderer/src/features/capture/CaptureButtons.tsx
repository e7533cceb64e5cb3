// The Documents page's entry points: "New invoice from file", "Invoices from a folder", and files dropped on it.
import type { DragEvent } from 'react';
import { useApp } from '../../state/app';
import { captureFiles } from './store';

export function CaptureButtons() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const pick = (files: FileList | null) => {
    if (files && files.length > 0) void captureFiles(companyId, Array.from(files));
  };
  return (
    <>
      <label className="button" data-testid="capture-file-label">
        New invoice from file
        <input
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff"
          multiple
          hidden
          onChange={(e) => {
            pick(e.target.files);
            e.target.value = '';
          }}
          data-testid="capture-file"
        />
      </label>
      <label className="button" data-testid="capture-folder-label">
        Invoices from a folder
        <input
          type="file"
          hidden
          // Chromium and Electron read a whole folder with this (non-standard) attribute.
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => {
            pick(e.target.files);
            e.target.value = '';
          }}
          data-testid="capture-folder"
        />
      </label>
    </>
  );
}

/** Drop handlers for a page: invoice files dropped on it are read like chosen ones. */
export function useCaptureDrop(): { onDragOver(e: DragEvent): void; onDrop(e: DragEvent): void } {
  const companyId = useApp((s) => s.companyId) ?? '';
  return {
    onDragOver: (e) => {
      if (Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
    },
    onDrop: (e) => {
      if (e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      void captureFiles(companyId, Array.from(e.dataTransfer.files));
    },
  };
}
