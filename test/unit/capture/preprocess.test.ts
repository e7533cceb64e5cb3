// Cleaning a scan before OCR: the skew of a turned page is measured, a shadow is taken off the paper while the
// text stays dark, specks go; and a page's language is told from the words a first OCR pass read.
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import UTIF from 'utif';
import {
  despeckleGray,
  lightIsUneven,
  measureSkew,
  normaliseBackground,
  removeRuleLines,
  speckLimits,
  toGray,
  toTiff,
  whitenPaper,
  type Gray,
} from '../../../main/capture/preprocess.js';
import { numberSign, type OcrLine } from '../../../main/capture/ocr.js';
import { ocrScale, pageLanguage } from '../../../main/capture/scan-page.js';

/** A page of text lines, turned by `degrees`, as grey pixels. */
function page(degrees: number, width = 700, height = 990): Gray {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#000000';
  ctx.font = '14px DejaVu Sans';
  for (let i = 0; i < 30; i++) {
    ctx.fillText('Rechnungsnummer RE-2026-0042   Datum 12.03.2026   Betrag 1.234,56 EUR', 60, 90 + i * 26);
  }
  const data = ctx.getImageData(0, 0, width, height).data;
  return toGray(data, width, height);
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

describe('deskew', () => {
  it.each([0, 2.5, -3.2, 6])('measures a page turned by %s° to a tenth of a degree', (turn) => {
    expect(Math.abs(degrees(measureSkew(page(turn))) - turn)).toBeLessThan(0.15);
  });

  it('is not pulled off by the dark table a phone photo shows around the paper', () => {
    const g = page(3);
    // A dark band 60 px wide all around, as the table under the paper.
    for (let y = 0; y < g.height; y++) {
      for (let x = 0; x < g.width; x++) {
        if (x < 60 || y < 60 || x >= g.width - 60 || y >= g.height - 60) g.data[y * g.width + x] = 70;
      }
    }
    expect(Math.abs(degrees(measureSkew(normaliseBackground(g))) - 3)).toBeLessThan(0.2);
  });

  it('says 0 for a blank page', () => {
    const blank: Gray = { width: 300, height: 400, data: new Uint8Array(300 * 400).fill(255) };
    expect(measureSkew(blank)).toBe(0);
  });
});

describe('background normalisation', () => {
  it('makes a shadowed page evenly white and keeps the text dark', () => {
    const g = page(0);
    // A shadow: brightness falling from 100 % at the top left to 50 % at the bottom right.
    for (let y = 0; y < g.height; y++) {
      for (let x = 0; x < g.width; x++) {
        const shade = 1 - 0.5 * ((x / g.width + y / g.height) / 2);
        const p = y * g.width + x;
        g.data[p] = Math.round((g.data[p] ?? 255) * shade);
      }
    }
    const cornerBefore = g.data[(g.height - 5) * g.width + g.width - 5] ?? 0;
    expect(cornerBefore).toBeLessThan(140);
    normaliseBackground(g);
    // Paper in the dark corner and in the bright one is white now.
    expect(g.data[(g.height - 5) * g.width + g.width - 5]).toBe(255);
    expect(g.data[5 * g.width + 5]).toBe(255);
    // Text in the shadowed half is still ink: the darkest pixels of a text row there are near black.
    const row = 90 + 25 * 26 - 5;
    let darkest = 255;
    for (let x = 60; x < g.width - 60; x++) darkest = Math.min(darkest, g.data[row * g.width + x] ?? 255);
    expect(darkest).toBeLessThan(80);
  });
});

describe('despeckle', () => {
  it('removes a lone dark pixel and keeps a stroke', () => {
    const g: Gray = { width: 20, height: 20, data: new Uint8Array(400).fill(255) };
    g.data[5 * 20 + 5] = 0; // a speck
    for (let x = 10; x < 15; x++) g.data[10 * 20 + x] = 0; // a short stroke
    despeckleGray(g);
    expect(g.data[5 * 20 + 5]).toBe(255);
    expect(g.data[10 * 20 + 12]).toBe(0);
  });

  /** A blank page. */
  const blank = (width: number, height: number) => ({
    width,
    height,
    data: new Uint8Array(width * height).fill(255),
  });

  it('at 300 dpi takes dust of up to 2 × 2 pixels and keeps strokes one pixel thin', () => {
    const g: Gray = blank(120, 120);
    const set = (x: number, y: number) => (g.data[y * 120 + x] = 0);
    // Dust: a pixel, a pair, a 2 × 2 blot, each alone on the paper.
    set(10, 10);
    set(30, 10);
    set(31, 10);
    for (const [x, y] of [
      [50, 10],
      [51, 10],
      [50, 11],
      [51, 11],
    ] as const)
      set(x, y);
    // Strokes one pixel thin: a hyphen of 5, a date's slash (diagonal), a rule down.
    for (let x = 10; x < 15; x++) set(x, 60);
    for (let i = 0; i < 9; i++) set(40 + i, 70 - i);
    for (let y = 50; y < 80; y++) set(90, y);
    // A full stop (2 × 2) just after a figure (a 3-pixel-wide stem): text, not dust.
    for (let y = 95; y < 110; y++) for (let x = 20; x < 23; x++) set(x, y);
    for (const [x, y] of [
      [25, 108],
      [26, 108],
      [25, 109],
      [26, 109],
    ] as const)
      set(x, y);
    despeckleGray(g, { dpi: 300 });
    const at = (x: number, y: number) => g.data[y * 120 + x];
    expect([at(10, 10), at(30, 10), at(31, 10), at(50, 10), at(51, 11)]).toEqual([255, 255, 255, 255, 255]);
    expect([10, 11, 12, 13, 14].map((x) => at(x, 60))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from({ length: 9 }, (_, i) => at(40 + i, 70 - i))).toEqual(Array(9).fill(0));
    expect(at(90, 50)).toBe(0);
    expect(at(90, 79)).toBe(0);
    expect([at(25, 108), at(26, 109)]).toEqual([0, 0]);
  });

  it('at 150 dpi takes only a lone pixel: a two-pixel hyphen or a stroke’s end is text there', () => {
    const g: Gray = blank(60, 60);
    g.data[5 * 60 + 5] = 0;
    g.data[20 * 60 + 20] = 0; // a hyphen of two pixels
    g.data[20 * 60 + 21] = 0;
    for (let i = 0; i < 6; i++) g.data[(40 - i) * 60 + 30 + i] = 0; // a slash: its ends have one neighbour
    despeckleGray(g, { dpi: 150 });
    expect(g.data[5 * 60 + 5]).toBe(255);
    expect([g.data[20 * 60 + 20], g.data[20 * 60 + 21]]).toEqual([0, 0]);
    expect([g.data[40 * 60 + 30], g.data[35 * 60 + 35]]).toEqual([0, 0]);
  });

  it('sizes specks by the resolution', () => {
    expect(speckLimits(300)).toEqual({ side: 2, clearance: 4 });
    expect(speckLimits(150).side).toBe(1);
    expect(speckLimits(600).side).toBeGreaterThan(speckLimits(300).side);
  });

  it('writes an uncompressed grey TIFF that another reader decodes to the same pixels', () => {
    const g: Gray = { width: 3, height: 2, data: new Uint8Array([0, 128, 255, 255, 128, 0]) };
    const tiff = toTiff(g);
    expect(tiff.subarray(0, 4).toString('latin1')).toBe('II*\0');
    const [ifd] = UTIF.decode(tiff);
    expect(ifd).toBeDefined();
    if (!ifd) return;
    UTIF.decodeImage(tiff, ifd);
    expect([ifd.width, ifd.height]).toEqual([3, 2]);
    const rgba = UTIF.toRGBA8(ifd);
    expect([...rgba].filter((_, i) => i % 4 === 0)).toEqual([0, 128, 255, 255, 128, 0]);
  });
});

describe('resolution for OCR', () => {
  it('brings a 600 dpi A4 scan down to about 300 dpi, and a 150 dpi one up to it', () => {
    expect(4960 * ocrScale(4960, 7016, 40_000_000)).toBeCloseTo(2490, -1);
    expect(ocrScale(2490, 3508, 40_000_000)).toBe(1);
    // Small print at 150 dpi: slashes and the raised o of "Nº" are a pixel wide; at 300 dpi tesseract reads them.
    expect(1240 * ocrScale(1240, 1754, 40_000_000)).toBeCloseTo(2480, -1);
    // Never more than twice (a 72 dpi screenshot is not made into 300 dpi), nor over the pixel limit.
    expect(ocrScale(600, 848, 40_000_000)).toBe(2);
    expect(ocrScale(1240, 1754, 4_000_000)).toBeCloseTo(Math.sqrt(4_000_000 / (1240 * 1754)), 5);
  });
});

describe('OCR words', () => {
  it('puts back the "Nº" tesseract reads as N and a sign', () => {
    expect(['N*', 'N®', 'n?', 'N"', 'Nº', 'No', 'Ne', 'N', 'N**'].map(numberSign)).toEqual([
      'Nº',
      'Nº',
      'nº',
      'Nº',
      'Nº',
      'No',
      'Ne',
      'N',
      'N**',
    ]);
  });
});

/** OCR lines holding `texts`, as a first pass would give them. */
function lines(texts: string[]): OcrLine[] {
  return texts.map((text, i) => ({
    slope: null,
    words: text.split(' ').map((word, j) => ({
      text: word,
      x0: j * 100,
      x1: j * 100 + 90,
      y0: i * 30,
      y1: i * 30 + 20,
      confidence: 0.9,
    })),
  }));
}

describe('the language of a page, from its words', () => {
  const pages: [string, string[]][] = [
    ['en', ['Invoice number INV-1001', 'Invoice date 12 March 2026', 'Amount due 1,234.56', 'Bill to']],
    ['de', ['Rechnung Nr. RE-1001', 'Rechnungsdatum 12.03.2026', 'Gesamtbetrag 1.234,56 €', 'zzgl. MwSt.']],
    ['fr', ['Facture N° F-1001', 'Date de facture 12/03/2026', 'Total TTC 1 234,56 €', 'Montant HT']],
    ['nl', ['Factuurnummer 1001', 'Factuurdatum 12-03-2026', 'Totaal te betalen € 1.234,56', 'BTW 21%']],
    ['es', ['Factura nº 1001', 'Fecha de factura 12/03/2026', 'Importe total 1.234,56 €', 'Base imponible']],
    ['it', ['Fattura n. 1001', 'Data fattura 12/03/2026', 'Totale documento € 1.234,56', 'Imponibile']],
    [
      'pt',
      ['Fatura n.º 1001', 'Data da fatura 12/03/2026', 'Total a pagar 1.234,56 €', 'Morada de faturação'],
    ],
  ];
  it.each(pages)('tells a %s page', (language, texts) => {
    expect(pageLanguage(lines(texts))).toBe(language);
  });

  it('says nothing when the words do not tell', () => {
    expect(pageLanguage(lines(['1001', '12/03/2026', '1.234,56']))).toBeNull();
  });
});

describe('uneven light', () => {
  it('tells a shadowed page from an evenly lit one, noise and grey haze included', () => {
    const even = page(0);
    // Sensor noise and a grey JPEG haze over the whole page: still evenly lit.
    for (let i = 0; i < even.data.length; i++) {
      even.data[i] = Math.max(0, Math.min(255, (even.data[i] ?? 255) - 18 + ((i * 7919) % 23) - 11));
    }
    expect(lightIsUneven(even)).toBe(false);
    // A shadow falling across: brightness from 100 % at the top left to 55 % at the bottom right.
    const shadowed = page(0);
    for (let y = 0; y < shadowed.height; y++) {
      for (let x = 0; x < shadowed.width; x++) {
        const k = 1 - 0.45 * ((x / shadowed.width + y / shadowed.height) / 2);
        const p = y * shadowed.width + x;
        shadowed.data[p] = Math.round((shadowed.data[p] ?? 255) * k);
      }
    }
    expect(lightIsUneven(shadowed)).toBe(true);
  });
});

describe('an evenly lit page', () => {
  it('gets white paper while its print keeps its shade', () => {
    const g = page(0);
    // A grey haze: paper at 236, print at most 40 lighter than before.
    for (let i = 0; i < g.data.length; i++) g.data[i] = Math.round(40 + ((g.data[i] ?? 255) * 196) / 255);
    const darkest = (data: Uint8Array) => {
      let min = 255;
      for (const v of data) min = Math.min(min, v);
      return min;
    };
    const inkBefore = darkest(g.data);
    whitenPaper(g);
    const paper = [...g.data].sort((a, b) => a - b)[Math.floor(g.data.length / 2)];
    expect(paper).toBe(255);
    // Print stays dark (the stretch is mild: a few percent of the paper's brightness).
    expect(darkest(g.data)).toBeLessThan(inkBefore + 10);
  });
});

describe('ruled lines', () => {
  /** A 200 dpi-like strip: an invoice number in a box whose bottom border touches the glyphs, beside a filled band. */
  function boxed(): { g: Gray } {
    const width = 1000;
    const height = 300;
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#000000';
    ctx.font = '28px DejaVu Sans';
    ctx.fillText('INV-2041', 60, 98);
    // The box: 1.5 px grey border, its bottom a pixel under the text's baseline.
    ctx.strokeStyle = 'rgb(110,110,110)';
    ctx.lineWidth = 2;
    ctx.strokeRect(50, 50, 260, 50);
    // A dark filled band (a table header) 30 px high: not a rule.
    ctx.fillStyle = '#202020';
    ctx.fillRect(400, 60, 500, 30);
    // A thick bar (a logo): not a rule either.
    ctx.fillRect(400, 180, 300, 14);
    const data = ctx.getImageData(0, 0, width, height).data;
    return { g: toGray(data, width, height) };
  }
  const inkIn = (g: Gray, x0: number, y0: number, x1: number, y1: number) => {
    let n = 0;
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) if ((g.data[y * g.width + x] ?? 255) < 170) n++;
    return n;
  };

  it("takes a box's frame off and keeps the number inside it", () => {
    const { g } = boxed();
    const textBefore = inkIn(g, 58, 70, 300, 97);
    expect(inkIn(g, 48, 48, 312, 52)).toBeGreaterThan(400); // the top border is there
    const removed = removeRuleLines(g);
    expect(removed.shapes).toBe(1);
    expect(removed.pixels).toBeGreaterThan(600);
    // Top, left and right borders are gone, fringe included.
    expect(inkIn(g, 48, 45, 312, 55)).toBe(0);
    expect(inkIn(g, 46, 45, 54, 105)).toBe(0);
    expect(inkIn(g, 306, 45, 315, 105)).toBe(0);
    // The bottom border is gone apart from where glyph strokes cross it.
    expect(inkIn(g, 48, 99, 312, 102)).toBeLessThan(60);
    // The number's ink is all but untouched.
    expect(inkIn(g, 58, 70, 300, 97)).toBeGreaterThan(textBefore * 0.95);
  });

  it('leaves a filled band, a thick bar and plain text alone', () => {
    const { g } = boxed();
    const band = inkIn(g, 400, 60, 900, 90);
    const bar = inkIn(g, 400, 180, 700, 194);
    removeRuleLines(g);
    expect(inkIn(g, 400, 60, 900, 90)).toBe(band);
    expect(inkIn(g, 400, 180, 700, 194)).toBe(bar);
    // A long word whose letters run together at 150 dpi (an e-mail address at 10 pt) is text, not a rule.
    const canvas = createCanvas(700, 60);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 700, 60);
    ctx.fillStyle = '#000000';
    ctx.font = 'bold 21px DejaVu Sans';
    ctx.fillText('administratie@vandijkinstallatie.nl', 10, 35);
    const word = toGray(ctx.getImageData(0, 0, 700, 60).data, 700, 60);
    expect(removeRuleLines(word, { minLength: 35, minHeight: 21, maxThickness: 3 })).toEqual({
      shapes: 0,
      pixels: 0,
    });
    // A page of text lines has nothing to remove.
    const text = page(0);
    const before = Buffer.from(text.data);
    expect(removeRuleLines(text)).toEqual({ shapes: 0, pixels: 0 });
    expect(Buffer.from(text.data).equals(before)).toBe(true);
  });

  it('finds a rule that drifts a pixel over its length (a page levelled to a twentieth of a degree)', () => {
    const g: Gray = { width: 600, height: 60, data: new Uint8Array(600 * 60).fill(255) };
    for (let x = 20; x < 580; x++) {
      const y = 30 + Math.floor(x / 300); // one pixel lower from x = 300 on
      g.data[y * 600 + x] = 40;
    }
    removeRuleLines(g);
    expect(inkIn(g, 0, 0, 600, 60)).toBe(0);
  });
});
