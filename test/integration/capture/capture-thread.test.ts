// Hostile and huge files through the capture API: refused from their header without any decoding, or decoded in
// the capture worker thread while the API keeps answering; a worker that runs out of memory or time gives a plain
// error, nothing is created, and the next file is read by a fresh worker.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  captureThreadStats,
  setCaptureThreadLimits,
  stopCaptureThread,
  type CaptureThreadLimits,
} from '../../../main/capture/capture-thread.js';
import { AppError } from '../../../main/domain/errors.js';
import { startCore, seedCompany, type TestCore } from '../../fixtures/core.js';
import { blankPng, tiffBomb } from '../../fixtures/capture/hostile.js';

let core: TestCore;
let companyId: string;
let supplierId: string;
let defaults: CaptureThreadLimits;

beforeAll(async () => {
  core = await startCore();
  const seeded = await seedCompany(core);
  companyId = seeded.company.id;
  supplierId = seeded.supplier.id;
  defaults = setCaptureThreadLimits({});
});

afterEach(async () => {
  await stopCaptureThread();
  setCaptureThreadLimits(defaults);
});

afterAll(async () => {
  await core.close();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function thrown(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an AppError');
}

function capture(bytes: Uint8Array, fileName: string, previews = false) {
  return core.call('documents.capture', { companyId, fileName, contentBase64: b64(bytes), previews });
}

function saveFromCapture(bytes: Uint8Array, fileName: string) {
  return core.call('documents.createFromCapture', {
    companyId,
    fileName,
    contentBase64: b64(bytes),
    supplierId,
    date: '2026-03-01',
    lines: [{ description: 'Scanned invoice', quantity: '1', unitPrice: '10.00' }],
  });
}

async function documentCount(): Promise<number> {
  return (await core.call('documents.list', { companyId })).total;
}

function attachmentFiles(): string[] {
  const dir = path.join(core.dataDir, 'attachments');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('refused from the header', () => {
  it('refuses the tiny TIFF claiming 100,000 × 100,000 pixels without decoding it', async () => {
    const before = captureThreadStats();
    const error = await thrown(capture(tiffBomb(), 'bomb.tiff'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'bomb.tiff is 100,000 × 100,000 pixels; Ledgerbridge reads images up to about 40 megapixels. Scan it at 300 dpi or less and try again.',
    );
    const saved = await thrown(saveFromCapture(tiffBomb(), 'bomb.tiff'));
    expect(saved.message).toMatch(/100,000 × 100,000 pixels/);
    // No worker was started and no job was sent: nothing was decoded.
    expect(captureThreadStats()).toEqual(before);
    expect(await core.call('app.info', {})).toMatchObject({ dataDir: core.dataDir });
  });

  it('refuses a 16,000 × 16,000 PNG before despeckle, without decoding it', async () => {
    const before = captureThreadStats();
    const error = await thrown(capture(blankPng(16_000, 16_000), 'huge.png', true));
    expect(error.message).toMatch(/^huge\.png is 16,000 × 16,000 pixels; .*40 megapixels/);
    expect(captureThreadStats()).toEqual(before);
  });
});

describe('decoding off the main thread', () => {
  it('answers app.info and keeps its event loop turning while a large scan is decoded', async () => {
    // 36 megapixels: under the limit, so decoded, scaled for OCR, despeckled and read — in the worker.
    const big = blankPng(6000, 6000);
    const jobs = captureThreadStats().jobs;
    let done = false;
    const reading = capture(big, 'big.png', true).finally(() => {
      done = true;
    });
    await until(() => captureThreadStats().jobs > jobs);
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 5);
    try {
      const info = await core.call('app.info', {});
      expect(info.dataDir).toBe(core.dataDir);
      await until(() => ticks >= 5 || done);
      // The timer ticked and the API answered while the file was still being read.
      expect(done).toBe(false);
      expect(ticks).toBeGreaterThanOrEqual(5);
    } finally {
      clearInterval(interval);
    }
    const { proposal } = await reading;
    expect(proposal.pages).toHaveLength(1);
    expect(proposal.pages[0]?.source).toBe('ocr');
    expect(proposal.pages[0]?.imageBase64).toBeTruthy();
  }, 180_000);

  it('stops a worker that runs out of time: a plain error, nothing saved, and the next file is read', async () => {
    await stopCaptureThread();
    setCaptureThreadLimits({ pageTimeoutMs: 300 });
    const big = blankPng(6000, 6000);
    const documents = await documentCount();
    const files = attachmentFiles().length;
    const error = await thrown(capture(big, 'slow.png'));
    expect(error.message).toMatch(
      /^Reading slow\.png took longer than .* and was stopped; nothing was saved\./,
    );
    const saved = await thrown(saveFromCapture(big, 'slow.png'));
    expect(saved.message).toMatch(/took longer than/);
    expect(await documentCount()).toBe(documents);
    expect(attachmentFiles()).toHaveLength(files);

    await stopCaptureThread();
    setCaptureThreadLimits(defaults);
    const spawned = captureThreadStats().spawned;
    expect(await core.call('app.info', {})).toMatchObject({ dataDir: core.dataDir });
    const created = await saveFromCapture(blankPng(800, 600), 'small.png');
    expect(created.attachment.fileName).toBe('small.png');
    expect(captureThreadStats().spawned).toBe(spawned + 1);
  }, 180_000);

  it('stops a worker whose decoding outgrows the memory allowed: a plain error, nothing saved', async () => {
    await stopCaptureThread();
    // The 36-megapixel page alone is 144 MB of pixels.
    setCaptureThreadLimits({ memoryMb: 64 });
    const documents = await documentCount();
    const files = attachmentFiles().length;
    const error = await thrown(saveFromCapture(blankPng(6000, 6000), 'big.png'));
    expect(error.message).toMatch(
      /^Reading big\.png needed more memory than Ledgerbridge allows for one file and was stopped; nothing was saved\./,
    );
    expect(await documentCount()).toBe(documents);
    expect(attachmentFiles()).toHaveLength(files);
    expect(await core.call('app.info', {})).toMatchObject({ dataDir: core.dataDir });
  }, 180_000);

  it('stops a worker that exceeds its heap limit: a plain error, and the app keeps serving', async () => {
    await stopCaptureThread();
    // Too small for the worker even to load its modules: V8 ends it with ERR_WORKER_OUT_OF_MEMORY.
    setCaptureThreadLimits({ heapMb: 16 });
    const error = await thrown(capture(blankPng(800, 600), 'page.png'));
    expect(error.message).toMatch(/^Reading page\.png needed more memory than Ledgerbridge allows/);
    expect(error.detail).toMatch(/heap limit/);
    expect(await core.call('app.info', {})).toMatchObject({ dataDir: core.dataDir });
  }, 180_000);
});
