// A PDF page's text layer glyph by glyph, as it is drawn: pdf.js's operator list (what its renderer paints) is
// followed through the text state — matrices, character and word spacing (Tc, Tw), horizontal scaling, rise, render
// mode — so that each glyph has its place, its width and the spacing it was set with. pdf.js's own text content
// has already merged glyphs into strings by its own rules (a letter-spaced heading's word gaps are lost, a bold
// drawn twice glyph by glyph reads "Miillll", invisible text is not told apart from visible text); the words are
// built here instead, from the glyphs turned upright (layerWords).
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

/**
 * Pages are drawn and read with their annotations' appearances, a fillable form's filled-in values among them
 * (pdf.js leaves form fields to an HTML layer by default, drawing nothing of them): they are on the page a person
 * sees. Every reading of a page asks for its operators with this mode, so pdf.js builds them once.
 */
export const ANNOTATIONS = pdfjs.AnnotationMode.ENABLE;

export interface Glyph {
  /** The characters the glyph stands for ('' when its font maps it to nothing). */
  text: string;
  /** Start of the glyph on its baseline, on the page as shown (points, y down). */
  x: number;
  y: number;
  /** End of the glyph's own advance (without character or word spacing). */
  x1: number;
  y1: number;
  /** Unit vector along the baseline; and the font's height (points). */
  dx: number;
  dy: number;
  size: number;
  /** The character spacing (Tc) set after the glyph, in points along the baseline. */
  spacing: number;
  /** A space (or other white space) character. */
  space: boolean;
  /** Drawn invisible (render mode 3 or 7): an OCR layer, or text meant not to be seen. */
  invisible: boolean;
  /** The font (pdf.js's loaded name) and its size in text space, to tell runs of one font apart. */
  font: string;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_MATRIX: Matrix = [0.001, 0, 0, 0.001, 0, 0];

interface TextState {
  ctm: Matrix;
  font: string;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  render: number;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

interface GlyphArg {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

interface FontInfo {
  fontMatrix?: number[];
  isType3Font?: boolean;
  bbox?: number[];
}

const mul = (m: readonly number[], n: readonly number[]): Matrix =>
  pdfjs.Util.transform(m as number[], n as number[]) as Matrix;

function matrixOf(value: unknown): Matrix | null {
  if (!value || typeof value !== 'object') return null;
  const list = Array.from(value as ArrayLike<number>);
  return list.length === 6 && list.every((n) => Number.isFinite(n)) ? (list as Matrix) : null;
}

const WHITE = /^\s+$/u;

/**
 * Every glyph the page draws — its content and its annotations' appearances (a fillable form's values: pdf.js's own
 * text content leaves them out) — in the order drawn, placed on the page as shown (its /Rotate and crop box
 * applied: pdf.js's viewport at scale 1).
 */
export async function pageGlyphs(page: PDFPageProxy): Promise<Glyph[]> {
  const viewport = page.getViewport({ scale: 1 });
  const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: ANNOTATIONS });
  const OPS = pdfjs.OPS;
  const fonts = new Map<string, FontInfo | null>();
  const fontOf = (name: string): FontInfo | null => {
    if (!fonts.has(name)) {
      let info: FontInfo | null;
      try {
        info = page.commonObjs.has(name) ? (page.commonObjs.get(name) as FontInfo) : null;
      } catch {
        info = null;
      }
      fonts.set(name, info);
    }
    return fonts.get(name) ?? null;
  };
  const FRESH: TextState = {
    ctm: [...IDENTITY] as Matrix,
    font: '',
    fontSize: 0,
    fontDirection: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    render: 0,
    textMatrix: [...IDENTITY] as Matrix,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
  };
  let st: TextState = { ...FRESH };
  const stack: TextState[] = [];
  const glyphs: Glyph[] = [];
  const setFont = (name: unknown, size: unknown) => {
    let n = typeof size === 'number' ? size : 0;
    st.fontDirection = n < 0 ? -1 : 1;
    n = Math.abs(n);
    st.font = typeof name === 'string' ? name : '';
    st.fontSize = n;
  };
  const moveText = (x: number, y: number) => {
    st.x = st.lineX += x;
    st.y = st.lineY += y;
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = (argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.beginAnnotation: {
        // An annotation's appearance (a filled-in form field's value, a stamp) is drawn from a fresh state, placed
        // by its transform and matrix (as pdf.js's renderer does).
        stack.push(st);
        const transform = matrixOf(args[2]) ?? IDENTITY;
        const matrix = matrixOf(args[3]) ?? IDENTITY;
        st = { ...FRESH, ctm: mul(transform, matrix) };
        break;
      }
      case OPS.endAnnotation:
        st = stack.pop() ?? st;
        break;
      case OPS.save:
      case OPS.beginGroup:
        stack.push({ ...st });
        break;
      case OPS.restore:
      case OPS.endGroup:
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.transform: {
        const m = matrixOf(args);
        if (m) st.ctm = mul(st.ctm, m);
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...st });
        const m = matrixOf(args[0]);
        if (m) st.ctm = mul(st.ctm, m);
        break;
      }
      case OPS.beginText:
        st.textMatrix = [...IDENTITY] as Matrix;
        st.x = st.y = st.lineX = st.lineY = 0;
        break;
      case OPS.setFont:
        setFont(args[0], args[1]);
        break;
      case OPS.setGState:
        for (const entry of (args[0] ?? []) as unknown[][]) {
          if (entry[0] === 'Font' && Array.isArray(entry[1])) setFont(entry[1][0], entry[1][1]);
        }
        break;
      case OPS.setCharSpacing:
        st.charSpacing = Number(args[0]) || 0;
        break;
      case OPS.setWordSpacing:
        st.wordSpacing = Number(args[0]) || 0;
        break;
      case OPS.setHScale:
        st.hScale = (Number(args[0]) || 0) / 100;
        break;
      case OPS.setLeading:
        st.leading = -(Number(args[0]) || 0);
        break;
      case OPS.setTextRise:
        st.rise = Number(args[0]) || 0;
        break;
      case OPS.setTextRenderingMode:
        st.render = Number(args[0]) || 0;
        break;
      case OPS.moveText:
        moveText(Number(args[0]) || 0, Number(args[1]) || 0);
        break;
      case OPS.setLeadingMoveText:
        st.leading = Number(args[1]) || 0;
        moveText(Number(args[0]) || 0, Number(args[1]) || 0);
        break;
      case OPS.nextLine:
        moveText(0, st.leading);
        break;
      case OPS.setTextMatrix: {
        const m = matrixOf(args[0]) ?? matrixOf(args);
        if (m) st.textMatrix = m;
        st.x = st.y = st.lineX = st.lineY = 0;
        break;
      }
      case OPS.showText:
        showText((args[0] ?? []) as (GlyphArg | number)[]);
        break;
      default:
        break;
    }
  }
  return glyphs;

  function showText(list: (GlyphArg | number)[]): void {
    const size = st.fontSize;
    if (size === 0) return;
    const font = fontOf(st.font);
    const fm = (matrixOf(font?.fontMatrix) ?? FONT_MATRIX) as Matrix;
    const hs = st.hScale * st.fontDirection;
    const base = mul(mul(viewport.transform, st.ctm), st.textMatrix);
    const along = Math.hypot(base[0], base[1]);
    // The font's height: its size (a Type 3 font drawn at size 1 measures by its glyphs' box, as pdf.js does).
    let height = size;
    const box = font?.bbox;
    if (font?.isType3Font && size <= 1 && Array.isArray(box) && box.length === 4) {
      const boxHeight = Math.abs(((box[3] ?? 0) - (box[1] ?? 0)) * fm[3]);
      if (boxHeight > 0) height = size * boxHeight;
    }
    const up = Math.hypot(base[2], base[3]) * height;
    const dirX = base[0] * Math.sign(hs || 1);
    const dirY = base[1] * Math.sign(hs || 1);
    const unit = Math.hypot(dirX, dirY);
    const at = (tx: number): [number, number] => {
      const px = st.x + tx * hs;
      const py = st.y + st.rise;
      return [base[0] * px + base[2] * py + base[4], base[1] * px + base[3] * py + base[5]];
    };
    const invisible = (st.render & 3) === 3;
    let x = 0;
    for (const g of list) {
      if (typeof g === 'number') {
        x -= (g * size) / 1000;
        continue;
      }
      const width = (g.width ?? 0) * fm[0] * size;
      const spacing = (g.isSpace ? st.wordSpacing : 0) + st.charSpacing;
      const text = g.unicode ?? '';
      if (text !== '' && unit > 0 && up > 0) {
        const [x0, y0] = at(x);
        const [x1, y1] = at(x + width);
        glyphs.push({
          text,
          x: x0,
          y: y0,
          x1,
          y1,
          dx: dirX / unit,
          dy: dirY / unit,
          size: up,
          spacing: spacing * Math.abs(hs) * along,
          space: WHITE.test(text),
          invisible,
          font: `${st.font}@${size}`,
        });
      }
      x += width + spacing;
    }
    st.x += x * hs;
  }
}

/** A glyph on the page turned upright: its baseline runs left to right at `y` (points, y down). */
export interface UprightGlyph {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  spacing: number;
  space: boolean;
  invisible: boolean;
  font: string;
}

/** A word of the text layer, on the page turned upright. */
export interface LayerWord {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /**
   * The word continues the phrase of the word drawn before it on its line, however wide the gap: set one space
   * apart in one run of one font (a justified line's word spacing, Tw), or a line whose word gaps are all equal
   * (justified by placing the words).
   */
  joined: boolean;
  invisible: boolean;
}

/** Gap (in font heights) beyond which two glyphs are two words: pdf.js's own threshold for a space. */
const WORD_GAP = 0.102;
/** Letter-spaced text: a word gap is at least this much (font heights) wider than the spacing of its letters. */
const LETTER_WORD_GAP = 0.15;
/** Gaps beyond this (font heights) end a run of text: the next text is another cell, however it is spaced. */
const RUN_GAP = 3;

/**
 * A fake bold's copies: the same glyph drawn again within a fraction of a point of where it was drawn — less than
 * half its width and a sixth of its height away, at the same size — as report generators and old printer drivers
 * make bold, line by line or glyph by glyph ("Miillll"), or of a copy of it. Only the first is kept.
 */
export function withoutCopies(glyphs: readonly UprightGlyph[]): UprightGlyph[] {
  const kept: UprightGlyph[] = [];
  const byText = new Map<string, UprightGlyph[]>();
  for (const g of glyphs) {
    if (g.space) {
      kept.push(g);
      continue;
    }
    const near = Math.min(g.size * 0.25, Math.max(0.05, (g.x1 - g.x0) * 0.45));
    const same = byText.get(g.text) ?? [];
    const copy = same.some(
      (k) =>
        k.invisible === g.invisible &&
        Math.abs(k.x0 - g.x0) <= near &&
        Math.abs(k.y - g.y) <= g.size / 6 &&
        Math.abs(k.size - g.size) <= g.size * 0.05,
    );
    // A copy is compared with as well: each copy of a bold drawn four times is near the one before it.
    same.push(g);
    byText.set(g.text, same);
    if (!copy) kept.push(g);
  }
  return kept;
}

interface Building {
  glyphs: UprightGlyph[];
  /** Glyph-to-glyph gap before the word (font heights, character spacing taken off), and spaces drawn in it. */
  gap: number;
  spaces: number;
  /** The word starts where the space drawn before it ends (its width and word spacing): no move in between. */
  flows: boolean;
  joined: boolean;
}

const wordText = (w: Building) => w.glyphs.map((g) => g.text).join('');

/**
 * The text layer's words, from its glyphs in the order drawn. A run is text drawn on one baseline in one font
 * (a line of a paragraph, a cell); inside a run a word ends at a space, or at a gap wider than a space would be —
 * the character spacing (Tc) taken off, so a letter-spaced heading's letters stay together and its word gaps still
 * part words. Letters set apart one by one ("I N V O I C E   N O .") are joined by their spacing: three or more
 * single characters (two of them letters) one letter gap apart make a word; a gap wider than that still parts
 * words. A justified line's words — one space apart in their run however wide Tw makes it, or all gaps of the run
 * equal — are marked joined, so that layout keeps the line one cell.
 */
export function layerWords(glyphs: readonly UprightGlyph[]): LayerWord[] {
  const runs: UprightGlyph[][] = [];
  let run: UprightGlyph[] = [];
  let last: UprightGlyph | null = null;
  for (const g of glyphs) {
    // A mark drawn over the letter before it (an accent with no width of its own) belongs to that letter.
    if (last && !g.space && g.x1 - g.x0 < g.size * 0.01 && Math.abs(g.y - last.y) <= g.size * 0.5) {
      run.push(g);
      continue;
    }
    const gap = last ? (g.x0 - last.x1 - last.spacing) / g.size : 0;
    const sameRun =
      last !== null &&
      g.font === last.font &&
      g.invisible === last.invisible &&
      Math.abs(g.size - last.size) <= g.size * 0.05 &&
      Math.abs(g.y - last.y) <= g.size * 0.2 &&
      gap >= -0.2 &&
      gap <= RUN_GAP;
    if (!sameRun && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(g);
    last = g;
  }
  if (run.length > 0) runs.push(run);
  return runs.flatMap(runWords);
}

function runWords(run: UprightGlyph[]): LayerWord[] {
  let words: Building[] = [];
  let current: Building | null = null;
  let spaces = 0;
  let spaceEnd = 0;
  let previous: UprightGlyph | null = null;
  for (const g of run) {
    if (g.space) {
      spaces += 1;
      spaceEnd = g.x1 + g.spacing;
      continue;
    }
    const mark = previous !== null && g.x1 - g.x0 < g.size * 0.01;
    const gap = previous ? (g.x0 - previous.x1 - previous.spacing) / g.size : 0;
    if (!current || (!mark && (spaces > 0 || gap > WORD_GAP))) {
      const flows = spaces > 0 && Math.abs(g.x0 - spaceEnd) <= g.size * 0.05;
      current = { glyphs: [], gap, spaces, flows, joined: false };
      words.push(current);
    }
    current.glyphs.push(g);
    if (mark) continue;
    spaces = 0;
    previous = g;
  }
  words = joinLetters(words);
  markJustified(words);
  return words.map((w) => {
    const first = w.glyphs[0] as UprightGlyph;
    const end = w.glyphs[w.glyphs.length - 1] as UprightGlyph;
    return {
      text: wordText(w),
      x0: first.x0,
      x1: end.x1,
      y: first.y,
      size: first.size,
      joined: w.joined,
      invisible: first.invisible,
    };
  });
}

/** Letters set apart one by one joined into words, parted where the gap is wider than the letters' spacing. */
function joinLetters(words: Building[]): Building[] {
  const single = (w: Building) => [...wordText(w)].length === 1;
  const out: Building[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j < words.length && single(words[j] as Building)) j++;
    const stretch = words.slice(i, Math.max(j, i + 1));
    const letters = stretch.filter((w) => /\p{L}/u.test(wordText(w))).length;
    const spacing = Math.min(...stretch.slice(1).map((w) => w.gap));
    // Letters further apart than about a letter's width are not a word but cells (a row of single figures).
    if (stretch.length >= 3 && letters >= 2 && spacing <= 1.2) {
      let group: Building | null = null;
      for (const w of stretch) {
        if (group && w.gap <= spacing + LETTER_WORD_GAP) {
          group.glyphs.push(...w.glyphs);
        } else {
          group = { ...w, glyphs: [...w.glyphs] };
          out.push(group);
        }
      }
    } else {
      out.push(...stretch);
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

/**
 * A justified run's words marked joined: one space apart, the word starting where the space ends (Tw widens every
 * space of a run alike; a move to another place after the space is a cell of its own), or three or more words, two
 * of them words of letters, one space apart, whose gaps are all equal (a line justified by placing its words).
 */
function markJustified(words: Building[]): void {
  words.forEach((w, k) => {
    if (k > 0 && w.spaces === 1 && w.flows) w.joined = true;
  });
  const gaps = words.slice(1).map((w) => w.gap);
  // Items of a row set apart by a fixed gap (a flex box's, a grid's) are equally far apart too, but with no space
  // drawn between them.
  if (gaps.length < 2 || words.slice(1).some((w) => w.spaces !== 1)) return;
  const lettered = words.filter((w) => /\p{L}{2}/u.test(wordText(w))).length;
  if (lettered < 2 || Math.max(...gaps) - Math.min(...gaps) > 0.05) return;
  for (const w of words.slice(1)) w.joined = true;
}
