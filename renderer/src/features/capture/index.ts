// The invoice-capture feature's only public door: capture buttons, drop zone and queue for the Documents page,
// the review page, and the match and attachment panels a document shows.
export {
  AttachmentsPanel,
  CaptureButtons,
  CaptureQueue,
  CaptureReview,
  MatchPanel,
  useCaptureDrop,
} from '../../pages/CaptureReview';
