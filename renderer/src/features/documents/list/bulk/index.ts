export { BulkBar } from './BulkBar';
export { BulkSummary } from './BulkSummary';
export { useBulk } from './store';
