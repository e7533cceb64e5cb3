import { useEffect, useRef } from 'react';
import type { AppEvent } from '../../../preload/contract';
import { api } from '../api/client';

/** Subscribes to push events for the component's life; the latest listener is always the one called. */
export function useAppEvents(listener: (event: AppEvent) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => api().onEvent((event) => ref.current(event)), []);
}

/** Whether an event may change what is shown for one document. */
export function concernsDocument(event: AppEvent, documentId: string): boolean {
  switch (event.type) {
    case 'sync':
    case 'document':
      return event.documentId === documentId;
    case 'log':
      return event.entry.documentId === documentId;
    default:
      return false;
  }
}
