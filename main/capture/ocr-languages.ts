// The OCR languages the app ships models for, and the check of a caller's list. Apart from ocr.ts so that the
// main thread can check a list without loading tesseract.js.
import { AppError } from '../domain/errors.js';

/**
 * The Tesseract languages whose models ship with the app (npm packages `@tesseract.js-data/<code>`): English,
 * German, French, Dutch, Spanish, Italian, Portuguese. Codes are Tesseract's (ISO 639-2/T).
 */
export const OCR_LANGUAGES = ['eng', 'deu', 'fra', 'nld', 'spa', 'ita', 'por'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];
export const DEFAULT_OCR_LANGUAGES: readonly OcrLanguage[] = ['eng'];

export interface OcrOptions {
  /**
   * The languages the page is read in, in order of preference (Tesseract reads with all of them at once:
   * ['deu', 'eng'] is "deu+eng"). Default ['eng']. More languages read a little slower; each one costs its model's
   * memory (1–3 MB compressed) in the OCR worker once it has been used.
   */
  languages?: readonly string[];
}

function isOcrLanguage(code: string): code is OcrLanguage {
  return (OCR_LANGUAGES as readonly string[]).includes(code);
}

/** Checks and de-duplicates a language list; refuses codes whose model is not shipped. */
export function ocrLanguages(languages: readonly string[] | undefined): OcrLanguage[] {
  const list = languages && languages.length > 0 ? languages : DEFAULT_OCR_LANGUAGES;
  const out: OcrLanguage[] = [];
  for (const code of list) {
    if (!isOcrLanguage(code)) {
      throw new AppError(
        'invalid_input',
        `Scans cannot be read in the language "${code}": Ledgerbridge reads ${OCR_LANGUAGES.join(', ')}.`,
      );
    }
    if (!out.includes(code)) out.push(code);
  }
  return out;
}
