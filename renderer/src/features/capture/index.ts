// The invoice-capture feature's only public door: capture buttons, drop zone and queue for the Documents page,
// the review page, the match and attachment panels a document shows, and the export of what was learned (also on
// the Suppliers page).
export { CaptureButtons, useCaptureDrop } from './CaptureButtons';
export { CaptureQueue } from './CaptureQueue';
export { CaptureReview } from './CaptureReview';
export { ExportLearned } from './ExportLearned';
export { LearnedNote } from './LearnedNote';
export { MatchPanel } from './MatchPanel';
