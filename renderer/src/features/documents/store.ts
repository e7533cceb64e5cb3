// The documents list's filters live outside the page so they survive opening a document and coming back.
import { create } from 'zustand';
import type { MethodInput } from '../../../../preload/contract';
import { href } from '../../lib/route';
import { navigate } from '../../state/router';

type ListInput = MethodInput<'documents.list'>;

export interface DocumentFilters {
  type: NonNullable<ListInput['type']> | '';
  status: NonNullable<ListInput['status']> | '';
  syncStatus: NonNullable<ListInput['syncStatus']> | '';
  paymentStatus: NonNullable<ListInput['paymentStatus']> | '';
  supplierId: string;
  dateFrom: string;
  dateTo: string;
  search: string;
  sort: NonNullable<ListInput['sort']>;
}

export const EMPTY_FILTERS: DocumentFilters = {
  type: '',
  status: '',
  syncStatus: '',
  paymentStatus: '',
  supplierId: '',
  dateFrom: '',
  dateTo: '',
  search: '',
  sort: 'date_desc',
};

export const useDocumentFilters = create<{
  filters: DocumentFilters;
  set(patch: Partial<DocumentFilters>): void;
  reset(): void;
}>((set) => ({
  filters: EMPTY_FILTERS,
  set: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  reset: () => set({ filters: EMPTY_FILTERS }),
}));

/** The filters as a documents.list input: empty values are left out. */
export function toListInput(companyId: string, f: DocumentFilters): Omit<ListInput, 'offset' | 'limit'> {
  const input: Omit<ListInput, 'offset' | 'limit'> = { companyId, sort: f.sort };
  if (f.type) input.type = f.type;
  if (f.status) input.status = f.status;
  if (f.syncStatus) input.syncStatus = f.syncStatus;
  if (f.paymentStatus) input.paymentStatus = f.paymentStatus;
  if (f.supplierId) input.supplierId = f.supplierId;
  if (f.dateFrom) input.dateFrom = f.dateFrom;
  if (f.dateTo) input.dateTo = f.dateTo;
  const search = f.search.trim();
  if (search) input.search = search;
  return input;
}

/** Opens the Documents page on one supplier's documents (the other filters as they were). */
export function openSupplierDocuments(supplierId: string): void {
  useDocumentFilters.getState().set({ supplierId });
  navigate(href('documents'));
}
