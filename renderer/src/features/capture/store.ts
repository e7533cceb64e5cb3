// The files read this session, and reading them: one, dropped ones, or a whole folder, one after another (OCR is
// heavy; one at a time keeps the app responsive). Kept while the app runs so the bookkeeper can review them one
// after another.
import { create } from 'zustand';
import type { MethodOutput } from '../../../../preload/contract';
import { bytesToBase64 } from '../../lib/base64';
import { href } from '../../lib/route';
import { requestQuiet } from '../../state/app';
import { navigate } from '../../state/router';

export type Proposal = MethodOutput<'documents.capture'>['proposal'];
export type CaptureFieldName = Proposal['learned'][number];

const ACCEPTED = /\.(pdf|png|jpe?g|tiff?)$/i;

export interface CaptureItem {
  key: string;
  fileName: string;
  contentBase64: string;
  status: 'waiting' | 'reading' | 'ready' | 'failed' | 'saved';
  proposal?: Proposal;
  error?: string;
  documentId?: string;
  /** Once saved: the corrected fields learned for the supplier's next invoice. */
  learned?: CaptureFieldName[];
  /** Once saved: why the corrections could not be learned (the invoice is saved all the same). */
  learningProblem?: string | null;
}

interface CaptureState {
  items: CaptureItem[];
  update(key: string, change: Partial<CaptureItem>): void;
  add(items: CaptureItem[]): void;
  clear(): void;
}

export const useCaptures = create<CaptureState>((set) => ({
  items: [],
  update: (key, change) =>
    set((s) => ({ items: s.items.map((i) => (i.key === key ? { ...i, ...change } : i)) })),
  add: (items) => set((s) => ({ items: [...s.items, ...items] })),
  clear: () => set({ items: [] }),
}));

let counter = 0;

/** Whether a file (by name) is one capture can read. */
export function isCapturable(file: { name: string }): boolean {
  return ACCEPTED.test(file.name);
}

/** Reads the files one after another and opens the review of a single one. Returns the keys of the queued files. */
export async function captureFiles(companyId: string, files: readonly File[]): Promise<string[]> {
  const accepted = files.filter(isCapturable);
  const { add, update } = useCaptures.getState();
  const items: CaptureItem[] = [];
  for (const file of accepted) {
    items.push({
      key: `c${Date.now().toString(36)}${(counter++).toString(36)}`,
      fileName: file.name,
      contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
      status: 'waiting',
    });
  }
  add(items);
  let opened = false;
  for (const item of items) {
    update(item.key, { status: 'reading' });
    try {
      const { proposal } = await requestQuiet('documents.capture', {
        companyId,
        fileName: item.fileName,
        contentBase64: item.contentBase64,
        previews: true,
      });
      update(item.key, { status: 'ready', proposal });
      if (!opened && items.length === 1) {
        opened = true;
        navigate(href('capture', item.key));
      }
    } catch (error) {
      update(item.key, { status: 'failed', error: (error as Error).message });
    }
  }
  return items.map((i) => i.key);
}
