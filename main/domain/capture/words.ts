// What the readers (pdf text layer, OCR) hand to extraction: words with their place on the page. Boxes are
// fractions of the page (0–1, origin top-left) so that text PDFs and scans of any resolution look the same to
// extraction, and the review screen can draw highlights with percentages.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Word {
  text: string;
  /** 1-based page number. */
  page: number;
  box: Box;
  /**
   * A phone photo flattened before OCR (its paper seen at an angle, warped back to a rectangle): the word's box on
   * the flattened page, in fractions of PageText's width and height, where lines are straight and columns line up.
   * Extraction places words by it; `box` stays where the word is on the photo (the review screen draws it there).
   */
  flat?: Box;
  /** How sure the reader is of the text: 1 for a text layer, the OCR engine's word confidence (0–1) for scans. */
  confidence: number;
  /**
   * A text layer's word that continues the phrase of the word left of it however wide the gap between them: a
   * justified line (its spaces widened alike, or all its word gaps equal). Layout does not cut a cell there.
   */
  joined?: boolean;
}

export interface PageText {
  number: number;
  /**
   * The page's size in points (PDF) or pixels (images; a flattened photo's: see Word.flat); only the ratio matters
   * to extraction.
   */
  width: number;
  height: number;
  words: Word[];
  /**
   * How far the text is turned (radians, positive when lines run down to the right), as OCR measured it from the
   * baselines of a scan; extraction straightens word positions by it before rebuilding lines. 0 for a text layer.
   */
  skew?: number;
}

/** The smallest box holding all the given boxes. */
export function unionBox(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
