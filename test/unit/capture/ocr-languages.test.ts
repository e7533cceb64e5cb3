// The OCR module reads in any of the languages whose models ship with the app, chosen per call, offline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import {
  OCR_LANGUAGES,
  ocrImage,
  ocrLanguages,
  stopOcr,
  userWordsSuffix,
} from '../../../main/capture/ocr.js';

const require = createRequire(import.meta.url);
function model(code: string): Buffer {
  const dir = path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
  return gunzipSync(readFileSync(path.join(dir, '4.0.0_best_int', `${code}.traineddata.gz`)));
}

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

  it('gives a model the word list its config names, so tesseract prints no load error', async () => {
    // ita.traineddata's config says "user_words_suffix special-words" and ships no such list; the others none.
    expect(Object.fromEntries(OCR_LANGUAGES.map((c) => [c, userWordsSuffix(model(c))]))).toEqual({
      eng: null,
      deu: null,
      fra: null,
      nld: null,
      spa: null,
      ita: 'special-words',
      por: null,
    });
    const printed: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        printed.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write;
      return () => {
        stream.write = write;
      };
    });
    try {
      const italian = await page(['Fattura n. 2024/0456', 'Totale documento: 1.220,00 €']);
      const it = await ocrImage(italian.png, italian, 1, { languages: ['ita'] });
      expect(it.words.map((w) => w.text)).toContain('Fattura');
      // The worker's output reaches this thread a moment later.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      spies.forEach((restore) => restore());
    }
    expect(printed.join('')).not.toMatch(/special-words|failed to load/i);
  }, 120_000);
});
