// Rebuilds reading order from positioned words: words side by side become a line (following a slight slope, as
// on a scan turned by a degree or two), and a line is cut into segments where the gap is wider than a space —
// the cells of a table, or a label and a value printed apart.
import { unionBox, type Box, type PageText, type Word } from './words.js';

export interface Segment {
  text: string;
  words: Word[];
  box: Box;
  /** The lowest word confidence in the segment: one misread word spoils a value. */
  confidence: number;
}

export interface TextLine {
  page: number;
  /** 0-based index of the line in reading order over the whole document. */
  index: number;
  words: Word[];
  segments: Segment[];
  box: Box;
  text: string;
  /** The line's height in page-height fractions (for "largest text" heuristics). */
  height: number;
}

function segmentOf(words: Word[], asRead: (list: Word[]) => Word[]): Segment {
  return {
    text: words.map((w) => w.text).join(' '),
    words: asRead(words),
    box: unionBox(words.map((w) => w.box)),
    confidence: Math.min(...words.map((w) => w.confidence)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The word's box turned back by the page's skew (about the page's centre), in page fractions: a scan turned by a
 * degree or two then has its lines level again. The word itself keeps its box as seen on the image. A word of a
 * flattened photo is placed by its box on the flattened page (Word.flat).
 */
function straighten(page: PageText, word: Word): Word {
  const angle = page.skew ?? 0;
  // A flattened photo's words are placed by their box on the flattened page.
  const box = word.flat ?? word.box;
  if (angle === 0) return box === word.box ? word : { ...word, box };
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = (box.x + box.w / 2 - 0.5) * page.width;
  const cy = (box.y + box.h / 2 - 0.5) * page.height;
  const x = (cx * cos + cy * sin) / page.width + 0.5;
  const y = (-cx * sin + cy * cos) / page.height + 0.5;
  return { ...word, box: { ...box, x: x - box.w / 2, y: y - box.h / 2 } };
}

/** Lines of one page, top to bottom. */
function pageLines(page: PageText): Omit<TextLine, 'index'>[] {
  const aspect = page.width / page.height; // converts x fractions into y fractions
  // Geometry is done on straightened boxes; segments and lines carry the words as read (for highlighting).
  const original = new Map<Word, Word>();
  const words = page.words
    .map((w) => {
      const straight = straighten(page, w);
      original.set(straight, w);
      return straight;
    })
    .sort((a, b) => a.box.x - b.box.x);
  const asRead = (list: Word[]): Word[] => list.map((w) => original.get(w) ?? w);
  interface Building {
    words: Word[];
    last: Word;
  }
  const building: Building[] = [];
  for (const word of words) {
    let best: Building | null = null;
    let bestOverlap = 0;
    for (const line of building) {
      const a = line.last.box;
      const b = word.box;
      // Only words after the line's end continue it; a far gap still may (a label and its value).
      if (b.x < a.x + a.w * 0.5) continue;
      const overlap = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      const ratio = overlap / Math.min(a.h, b.h);
      if (ratio > 0.5 && ratio > bestOverlap) {
        best = line;
        bestOverlap = ratio;
      }
    }
    if (best) {
      best.words.push(word);
      best.last = word;
    } else {
      building.push({ words: [word], last: word });
    }
  }
  const lines = building.map((line) => {
    const height = median(line.words.map((w) => w.box.h));
    const segments: Segment[] = [];
    let current: Word[] = [];
    for (const word of line.words) {
      const previous = current[current.length - 1];
      // A gap wider than about one text height (in the same units) separates cells — but not the gaps of a
      // justified line (Word.joined).
      const gap = previous ? (word.box.x - (previous.box.x + previous.box.w)) * aspect : 0;
      if (previous && gap > height * 0.9 && !word.joined) {
        segments.push(segmentOf(current, asRead));
        current = [];
      }
      current.push(word);
    }
    if (current.length > 0) segments.push(segmentOf(current, asRead));
    return {
      page: page.number,
      words: asRead(line.words),
      segments,
      box: unionBox(line.words.map((w) => w.box)),
      text: segments.map((s) => s.text).join('  '),
      height,
    };
  });
  return lines.sort((a, b) => a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2));
}

/** Every page's lines in reading order, numbered across the document. */
export function buildLines(pages: readonly PageText[]): TextLine[] {
  return pages
    .slice()
    .sort((a, b) => a.number - b.number)
    .flatMap((page) => pageLines(page))
    .map((line, index) => ({ ...line, index }));
}
