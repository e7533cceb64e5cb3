// The OCR module reads in any of the languages whose models ship with the app, chosen per call, offline.
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import { OCR_LANGUAGES, ocrImage, ocrLanguages, stopOcr } from '../../../main/capture/ocr.js';

afterAll(async () => {
  await stopOcr();
});

/** A page of printed lines as a PNG, at about 200 dpi text size. */
async function page(lines: string[]): Promise<{ png: Buffer; width: number; height: number }> {
  const width = 1400;
  const height = 120 + lines.length * 70;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.font = '40px DejaVu Sans';
  lines.forEach((line, i) => ctx.fillText(line, 60, 100 + i * 70));
  return { png: await canvas.encode('png'), width, height };
}

describe('OCR languages', () => {
  it('defaults to English, drops repeats and refuses a language whose model is not shipped', () => {
    expect(ocrLanguages(undefined)).toEqual(['eng']);
    expect(ocrLanguages([])).toEqual(['eng']);
    expect(ocrLanguages(['deu', 'eng', 'deu'])).toEqual(['deu', 'eng']);
    expect(() => ocrLanguages(['jpn'])).toThrow(AppError);
    expect(() => ocrLanguages(['jpn'])).toThrow(/"jpn".*eng, deu, fra, nld, spa, ita, por/);
    expect(OCR_LANGUAGES).toEqual(['eng', 'deu', 'fra', 'nld', 'spa', 'ita', 'por']);
  });

  it('reads German and French words with their accents, switching languages between calls', async () => {
    const german = await page([
      'Rechnungsnummer: RE-2026-0042',
      'Gesamtbetrag für März: 1.234,56 €',
      'Größe Übersicht',
    ]);
    const de = await ocrImage(german.png, german, 1, { languages: ['deu'] });
    const deWords = de.words.map((w) => w.text);
    expect(deWords).toContain('Rechnungsnummer:');
    expect(deWords).toContain('März:');
    expect(deWords).toContain('Größe');

    const french = await page([
      'Numéro de facture : F-2026/117',
      'Montant TTC : 1 234,56 €',
      'Échéance réglée',
    ]);
    const fr = await ocrImage(french.png, french, 1, { languages: ['fra', 'eng'] });
    const frWords = fr.words.map((w) => w.text);
    expect(frWords).toContain('Numéro');
    expect(frWords).toContain('Échéance');
    expect(frWords).toContain('réglée');
  }, 120_000);
});
