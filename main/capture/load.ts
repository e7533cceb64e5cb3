// The file readers (pdf.js, @napi-rs/canvas, tesseract.js) load on the first capture, not at start: together they
// cost a start about a second, and many days no invoice is read.
let readers: Promise<CaptureReaders> | null = null;

async function importReaders() {
  const [propose, readFile, create] = await Promise.all([
    import('./propose.js'),
    import('./read-file.js'),
    import('./create-from-capture.js'),
  ]);
  return {
    proposeFromFile: propose.proposeFromFile,
    renderPreviews: readFile.renderPreviews,
    createFromCapture: create.createFromCapture,
  };
}
type CaptureReaders = Awaited<ReturnType<typeof importReaders>>;

export function loadCaptureReaders(): Promise<CaptureReaders> {
  return (readers ??= importReaders().catch((error: unknown) => {
    readers = null;
    throw error;
  }));
}

/** Ends the capture worker thread (and the OCR engine in it) if the readers were ever loaded (on close). */
export async function stopCaptureReaders(): Promise<void> {
  if (!readers) return;
  await readers.catch(() => undefined);
  const { stopCaptureThread } = await import('./capture-thread.js');
  await stopCaptureThread();
}
