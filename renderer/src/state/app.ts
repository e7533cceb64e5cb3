// App-wide state: companies and the chosen one, error banners, progress of long work.
import { create } from 'zustand';
import type { AppEvent, CompanyT, MethodInput, MethodName, MethodOutput } from '../../../preload/contract';
import { api } from '../api/client';
import { toApiCallError, type ApiCallError, type FieldProblem } from '../api/errors';

export type ProgressEvent = Extract<AppEvent, { type: 'progress' }>;

export interface Banner {
  id: number;
  message: string;
  code: string;
}

interface AppState {
  companies: CompanyT[] | null;
  companyId: string | null;
  userName: string | null;
  banners: Banner[];
  progress: Record<string, ProgressEvent>;
  unauthorized: boolean;
  setCompanies(companies: CompanyT[]): void;
  selectCompany(id: string): void;
  pushError(error: unknown): ApiCallError;
  dismiss(id: number): void;
  clearBanners(): void;
  onProgress(event: ProgressEvent): void;
  clearProgress(task: string): void;
  setUnauthorized(): void;
  setUserName(name: string): void;
}

const COMPANY_KEY = 'ledgerbridge.companyId';
let nextBannerId = 1;

function storedCompany(): string | null {
  try {
    return localStorage.getItem(COMPANY_KEY);
  } catch {
    return null;
  }
}

export const useApp = create<AppState>((set, get) => ({
  companies: null,
  companyId: null,
  userName: null,
  banners: [],
  progress: {},
  unauthorized: false,
  setCompanies(companies) {
    const current = get().companyId ?? storedCompany();
    const chosen = companies.find((c) => c.id === current) ?? companies[0] ?? null;
    set({ companies, companyId: chosen?.id ?? null });
  },
  selectCompany(id) {
    try {
      localStorage.setItem(COMPANY_KEY, id);
    } catch {
      // not remembered across restarts; harmless
    }
    set({ companyId: id });
  },
  pushError(error) {
    const e = toApiCallError(error);
    set((s) => {
      // The same message twice in a row (a retry, a refresh) is one banner.
      if (s.banners.some((b) => b.message === e.message)) return s;
      return { banners: [...s.banners, { id: nextBannerId++, message: e.message, code: e.code }].slice(-5) };
    });
    return e;
  },
  dismiss(id) {
    set((s) => ({ banners: s.banners.filter((b) => b.id !== id) }));
  },
  clearBanners() {
    if (get().banners.length > 0) set({ banners: [] });
  },
  onProgress(event) {
    set((s) => {
      const progress = { ...s.progress };
      if (event.total !== null && event.done >= event.total) delete progress[event.task];
      else progress[event.task] = event;
      return { progress };
    });
  },
  clearProgress(task) {
    set((s) => {
      if (!(task in s.progress)) return s;
      const progress = { ...s.progress };
      delete progress[task];
      return { progress };
    });
  },
  setUnauthorized() {
    set({ unauthorized: true });
  },
  setUserName(name) {
    set({ userName: name });
  },
}));

/** Calls the API; a failure is turned into an ApiCallError by `toError` and rethrown. */
async function callApi<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  toError: (error: unknown) => ApiCallError,
): Promise<MethodOutput<M>> {
  try {
    return await api().call(method, input);
  } catch (error) {
    throw toError(error);
  }
}

/** Calls the API; a failure shows its message in a banner and is rethrown as an ApiCallError. */
export function request<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return callApi(method, input, (error) => useApp.getState().pushError(error));
}

/** Like request(), but a failure is only returned, for callers that show it in place (forms). */
export function requestQuiet<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  return callApi(method, input, toApiCallError);
}

/**
 * The field problems of a failed form save, for the form to show in place; a failure without any (the server
 * is unreachable, say) goes to the banner instead.
 */
export function formProblems(error: unknown): FieldProblem[] {
  const problems = (error as ApiCallError).problems ?? [];
  if (problems.length === 0) useApp.getState().pushError(error);
  return problems;
}

export function useCompany(): CompanyT | null {
  return useApp((s) => s.companies?.find((c) => c.id === s.companyId) ?? null);
}
