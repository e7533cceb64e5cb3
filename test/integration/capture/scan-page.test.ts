// A photographed German invoice — turned 3°, a shadow across it, JPEG — is turned level, cleaned, read, its
// language told from its words (no setting), and its fields extracted; the word boxes stay on the image as it was.
// The same page photographed at an angle on a table is flattened first.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { stopOcr } from '../../../main/capture/ocr.js';
import { applyHomography, homography, warpGray, type Quad } from '../../../main/capture/perspective.js';
import { toGray } from '../../../main/capture/preprocess.js';
import { readScanPage } from '../../../main/capture/scan-page.js';
import { extractInvoice } from '../../../main/domain/capture/extract.js';

afterAll(async () => {
  await stopOcr();
});

const LINES: [string, number, number, number][] = [
  // text, x, y, size (at 200 dpi, A4 1654 × 2339)
  ['Bäckerei Müller GmbH', 140, 200, 48],
  ['Hauptstraße 12 · 80331 München', 140, 260, 28],
  ['Rechnungsnummer:', 140, 460, 30],
  ['RE-2026-0417', 560, 460, 30],
  ['Rechnungsdatum:', 140, 510, 30],
  ['14.03.2026', 560, 510, 30],
  ['Fälligkeitsdatum:', 140, 560, 30],
  ['28.03.2026', 560, 560, 30],
  ['Nettobetrag', 900, 1100, 30],
  ['1.250,00 €', 1250, 1100, 30],
  ['zzgl. 19 % MwSt.', 900, 1150, 30],
  ['237,50 €', 1250, 1150, 30],
  ['Gesamtbetrag', 900, 1200, 30],
  ['1.487,50 €', 1250, 1200, 30],
  ['Zahlbar innerhalb von 14 Tagen ohne Abzug.', 140, 1400, 28],
];

async function photographedPage(degrees: number) {
  const width = 1654;
  const height = 2339;
  const paper = createCanvas(width, height);
  const ctx = paper.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#111111';
  for (const [text, x, y, size] of LINES) {
    ctx.font = `${size}px DejaVu Sans`;
    ctx.fillText(text, x, y);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  // A shadow across the page, darkest at the bottom right.
  const shadow = ctx.createLinearGradient(0, 0, width, height);
  shadow.addColorStop(0, 'rgba(0,0,0,0)');
  shadow.addColorStop(1, 'rgba(0,0,0,0.45)');
  ctx.fillStyle = shadow;
  ctx.fillRect(0, 0, width, height);
  const jpeg = await paper.encode('jpeg', 70);
  const image = await loadImage(jpeg);
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return canvas;
}

describe('a photographed page', () => {
  it('is turned level, read, its language told from its words, and its fields extracted', async () => {
    const canvas = await photographedPage(3);
    const { text, report } = await readScanPage(canvas, 1, { maxPixels: 16_000_000 });
    expect(report.language).toBe('de');
    expect(Math.abs(report.skewDegrees - 3)).toBeLessThan(0.3);
    const x = extractInvoice([text], { dateOrder: 'dmy', ownNames: ['Northwind Facilities'] });
    expect(x.invoiceNumber?.value).toBe('RE-2026-0417');
    expect(x.date?.value).toBe('2026-03-14');
    expect(x.dueDate?.value).toBe('2026-03-28');
    expect(x.subtotal?.value).toBe('1250.00');
    expect(x.tax?.value).toBe('237.50');
    expect(x.total?.value).toBe('1487.50');
    // The boxes are on the image as it was (turned): the number's box is where it was drawn, turned by 3°.
    const number = text.words.find((w) => w.text.includes('RE-2026-0417'));
    expect(number).toBeDefined();
    const angle = (3 * Math.PI) / 180;
    const [dx, dy] = [560 + 120 - 827, 450 - 1169.5];
    const expectedX = (827 + dx * Math.cos(angle) - dy * Math.sin(angle)) / 1654;
    const expectedY = (1169.5 + dx * Math.sin(angle) + dy * Math.cos(angle)) / 2339;
    expect(Math.abs((number?.box.x ?? 0) + (number?.box.w ?? 0) / 2 - expectedX)).toBeLessThan(0.03);
    expect(Math.abs((number?.box.y ?? 0) + (number?.box.h ?? 0) / 2 - expectedY)).toBeLessThan(0.01);
  }, 180_000);
});

/**
 * A 150 dpi scan of a header printed in boxes (label small at the top of each box, the value under it, a thin
 * grey frame close around), turned 0.6° and JPEG-compressed: what tesseract read as "|Frovesr2" and "07062024"
 * before the page was brought to 300 dpi and the frames were taken off.
 */
async function boxedScan() {
  const width = 1240;
  const height = 1754;
  const pt = 150 / 72;
  const paper = createCanvas(width, height);
  const ctx = paper.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((0.6 * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#1a1a1a';
  ctx.font = `bold ${11 * pt}px DejaVu Sans`;
  ctx.fillText('Van Dijk Installatie B.V.', 40 * pt, 110 * pt);
  ctx.font = `${9 * pt}px DejaVu Sans`;
  ctx.fillText('Kanaalweg 112, 3526 KM Utrecht', 40 * pt, 124 * pt);
  const boxes: [string, string][] = [
    ['Factuurnr.', 'FT 2024/672'],
    ['Datum', '07-06-2024'],
    ['Te betalen voor', '07-07-2024'],
    ['Order', 'PO-4014'],
  ];
  boxes.forEach(([label, value], i) => {
    const x = (40 + i * 130) * pt;
    const top = 180 * pt;
    ctx.strokeStyle = 'rgb(115,115,115)';
    ctx.lineWidth = 0.7 * pt;
    ctx.strokeRect(x, top, 122 * pt, 32 * pt);
    ctx.fillStyle = '#1a1a1a';
    // Labels of 8 pt: at 150 dpi the strokes of smaller print are partly taken for specks.
    ctx.font = `${8 * pt}px DejaVu Sans`;
    ctx.fillText(label, x + 5 * pt, top + 11 * pt);
    ctx.font = `${10 * pt}px DejaVu Sans`;
    ctx.fillText(value, x + 5 * pt, top + 27 * pt);
  });
  ctx.font = `${9 * pt}px DejaVu Sans`;
  ctx.fillText('Totaal te betalen', 330 * pt, 320 * pt);
  ctx.fillText('4.602,80 EUR', 480 * pt, 320 * pt);
  const image = await loadImage(await paper.encode('jpeg', 80));
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return canvas;
}

describe('a 150 dpi scan with the header in boxes', () => {
  it('reads the invoice number, the dates and the order in their boxes', async () => {
    const { text, report } = await readScanPage(await boxedScan(), 1, { maxPixels: 16_000_000 });
    expect(report.ruleShapes).toBeGreaterThanOrEqual(4);
    const x = extractInvoice([text], { dateOrder: 'dmy', ownNames: ['Northwind Facilities'] });
    expect(x.invoiceNumber?.value).toBe('FT 2024/672');
    expect(x.date?.value).toBe('2024-06-07');
    expect(x.dueDate?.value).toBe('2024-07-07');
    expect(x.orderNumber?.value).toBe('PO-4014');
  }, 180_000);
});

/**
 * The German page photographed at an angle as it lies on a table: its sheet a quadrilateral (the far, right edge
 * 6 % shorter, turned a little), the table around it, the light falling off to one corner. Made by warping the
 * page with a known transform; the capture must find the sheet itself.
 */
async function angledPhoto() {
  const page = await photographedPage(0);
  const flat = toGray(page.getContext('2d').getImageData(0, 0, 1654, 2339).data, 1654, 2339);
  const width = 1900;
  const height = 2600;
  const corners: Quad = [
    { x: 170, y: 150 },
    { x: 1690, y: 230 },
    { x: 1760, y: 2390 },
    { x: 120, y: 2470 },
  ];
  const toPage = homography(corners, [
    { x: 0, y: 0 },
    { x: 1654, y: 0 },
    { x: 1654, y: 2339 },
    { x: 0, y: 2339 },
  ]);
  if (!toPage) throw new Error('no transform');
  const photo = warpGray(flat, toPage, width, height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const s = applyHomography(toPage, x + 0.5, y + 0.5);
      const onSheet = s.x >= 0 && s.y >= 0 && s.x < 1654 && s.y < 2339;
      const light = 1 - 0.35 * (x / width) * (y / height);
      const v = Math.round((onSheet ? (photo.data[p] ?? 255) : 96) * light);
      image.data.set([v, v, v, 255], p * 4);
    }
  }
  ctx.putImageData(image, 0, 0);
  const jpeg = await loadImage(await canvas.encode('jpeg', 75));
  const out = createCanvas(width, height);
  out.getContext('2d').drawImage(jpeg, 0, 0);
  return {
    canvas: out,
    toPhoto: homography(
      [
        { x: 0, y: 0 },
        { x: 1654, y: 0 },
        { x: 1654, y: 2339 },
        { x: 0, y: 2339 },
      ],
      corners,
    ),
  };
}

describe('a page photographed at an angle on a table', () => {
  it('is flattened, read, and its word boxes put back on the photo', async () => {
    const { canvas, toPhoto } = await angledPhoto();
    const { text, report } = await readScanPage(canvas, 1, { maxPixels: 16_000_000 });
    expect(report.flattened).toBe(true);
    expect(report.language).toBe('de');
    const x = extractInvoice([text], { dateOrder: 'dmy', ownNames: ['Northwind Facilities'] });
    expect(x.invoiceNumber?.value).toBe('RE-2026-0417');
    expect(x.date?.value).toBe('2026-03-14');
    expect(x.dueDate?.value).toBe('2026-03-28');
    expect(x.subtotal?.value).toBe('1250.00');
    expect(x.tax?.value).toBe('237.50');
    expect(x.total?.value).toBe('1487.50');
    // The number's box on the photo is where the warp put the words drawn at (560…~800, 460) on the sheet; on the
    // flattened page it is where they were drawn.
    const number = text.words.find((w) => w.text.includes('RE-2026-0417'));
    expect(number?.flat).toBeDefined();
    if (!number?.flat || !toPhoto) return;
    const drawn = { x: 560 + 120, y: 450 };
    const onPhoto = applyHomography(toPhoto, drawn.x, drawn.y);
    expect(Math.abs(number.box.x + number.box.w / 2 - onPhoto.x / 1900)).toBeLessThan(0.03);
    expect(Math.abs(number.box.y + number.box.h / 2 - onPhoto.y / 2600)).toBeLessThan(0.01);
    expect(Math.abs(number.flat.x + number.flat.w / 2 - drawn.x / 1654)).toBeLessThan(0.03);
    expect(Math.abs(number.flat.y + number.flat.h / 2 - drawn.y / 2339)).toBeLessThan(0.01);
  }, 180_000);
});
