// Image sizes are read from file headers, and anything over ~40 megapixels is refused before it is decoded.
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import UTIF from 'utif';
import { describe, expect, it } from 'vitest';
import {
  cappedScale,
  checkImageSize,
  imageSizes,
  jpegSize,
  MAX_PIXELS,
} from '../../../main/capture/image-size.js';
import { closePdf, openPdf, renderPage } from '../../../main/capture/pdf.js';
import { checkFile } from '../../../main/capture/read-file.js';
import { AppError } from '../../../main/domain/errors.js';
import { blankPng, jpegHeader, tiffBomb, tiffPage, tiffWithPages } from '../../fixtures/capture/hostile.js';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('image size from the header', () => {
  it('reads the size of real PNG, JPEG and TIFF files', async () => {
    const canvas = createCanvas(321, 123);
    expect(imageSizes(await canvas.encode('png'), 'png')).toEqual([{ width: 321, height: 123 }]);
    expect(imageSizes(await canvas.encode('jpeg'), 'jpeg')).toEqual([{ width: 321, height: 123 }]);
    const tiff = new Uint8Array(UTIF.encodeImage(new Uint8Array(321 * 123 * 4), 321, 123));
    expect(imageSizes(tiff, 'tiff')).toEqual([{ width: 321, height: 123 }]);
    // Every page of a multi-page TIFF.
    expect(imageSizes(tiffWithPages([tiffPage(100, 200), tiffPage(300, 400)]), 'tiff')).toEqual([
      { width: 100, height: 200 },
      { width: 300, height: 400 },
    ]);
  });

  it('refuses the tiny TIFF that claims 100,000 × 100,000 pixels, with a message for the bookkeeper', () => {
    const bomb = tiffBomb();
    expect(bomb.length).toBeLessThan(200);
    const error = refusal(() => checkFile(bomb, 'scan.tiff'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'scan.tiff is 100,000 × 100,000 pixels; Ledgerbridge reads images up to about 40 megapixels. Scan it at 300 dpi or less and try again.',
    );
  });

  it('refuses a TIFF whose later page is too large', () => {
    const file = tiffWithPages([tiffPage(2480, 3508), tiffPage(20_000, 20_000)]);
    expect(refusal(() => checkFile(file, 'two.tiff')).message).toMatch(
      /^two\.tiff is 20,000 × 20,000 pixels/,
    );
  });

  it('refuses, as damaged, TIFF structures the decoder would loop on or read past the end of', () => {
    // The last page points back to the first: the decoder's IFD loop never ends.
    const loop = tiffWithPages([tiffPage(100, 100), tiffPage(100, 100)], { next: 8 });
    expect(refusal(() => checkFile(loop, 'loop.tiff')).message).toMatch(
      /could not be decoded: it may be damaged/,
    );
    // A tag claiming four billion values.
    const page = tiffPage(100, 100).map((e) => (e.tag === 273 ? { ...e, count: 0xffffffff } : e));
    expect(refusal(() => checkFile(tiffWithPages([page]), 'long.tiff')).message).toMatch(/may be damaged/);
    // An IFD offset past the end of the file.
    const bad = tiffWithPages([tiffPage(100, 100)], { next: 1_000_000 });
    expect(refusal(() => checkFile(bad, 'past.tiff')).message).toMatch(/may be damaged/);
  });

  it('refuses a 16,000 × 16,000 PNG that is only a few kilobytes on disk', () => {
    const png = blankPng(16_000, 16_000);
    expect(png.length).toBeLessThan(100_000);
    expect(refusal(() => checkFile(png, 'blank.png')).message).toMatch(
      /^blank\.png is 16,000 × 16,000 pixels; Ledgerbridge reads images up to about 40 megapixels/,
    );
    // One a little under the limit passes.
    expect(checkFile(blankPng(6000, 6000), 'ok.png')).toBe('png');
  });

  it('refuses a JPEG whose frame header claims 65,535 × 65,535, and one without a frame header', () => {
    expect(jpegSize(jpegHeader(65_535, 65_535))).toEqual({ width: 65_535, height: 65_535 });
    expect(refusal(() => checkFile(jpegHeader(65_535, 65_535), 'big.jpg')).message).toMatch(
      /^big\.jpg is 65,535 × 65,535 pixels/,
    );
    const noFrame = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    expect(refusal(() => checkImageSize(noFrame, 'jpeg', 'x.jpg')).message).toMatch(/may be damaged/);
  });
});

describe('PDF pages render within the pixel limit', () => {
  it('caps the render scale by the page box', () => {
    expect(cappedScale(595, 842, 200)).toBeCloseTo(200 / 72);
    const scale = cappedScale(14_400, 14_400, 200);
    expect(14_400 * scale * 14_400 * scale).toBeLessThanOrEqual(MAX_PIXELS * 1.0001);
  });

  it('renders a 200-inch page scaled down instead of at 200 dpi', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([14_400, 14_400]);
    page.drawText('Invoice', {
      x: 100,
      y: 14_000,
      size: 400,
      font: await doc.embedFont(StandardFonts.Helvetica),
    });
    const pdf = await openPdf(await doc.save(), 'huge.pdf');
    try {
      const canvas = await renderPage(await pdf.getPage(1), 200);
      expect(canvas.width * canvas.height).toBeLessThanOrEqual(MAX_PIXELS);
      expect(canvas.width).toBeGreaterThan(5000);
    } finally {
      await closePdf(pdf);
    }
  });
});
