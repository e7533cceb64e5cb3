// The invoice-capture feature's only public door: capture buttons, drop zone and queue for the Documents page,
// the review page, and the match and attachment panels a document shows.
export { CaptureButtons, useCaptureDrop } from './CaptureButtons';
export { CaptureQueue } from './CaptureQueue';
export { CaptureReview } from './CaptureReview';
export { LearnedNote } from './LearnedNote';
export { MatchPanel } from './MatchPanel';
