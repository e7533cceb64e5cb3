// A phone photo of paper taken at an angle: the sheet lies on a table, seen from one side, so its rectangle is a
// quadrilateral in the photo. `findPaper` finds that quadrilateral; `warpGray` maps it back onto a rectangle (a
// projective transform, bilinear sampling), so that lines of text are level and straight and columns line up
// again. Pure functions over grey pixels (preprocess.ts's Gray), tested on synthetic images. No npm library: the
// well-kept ones (OpenCV's wasm builds, jscanify on top of them) weigh megabytes for the two small steps needed here.
import type { Gray } from './preprocess.js';

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top left, top right, bottom right, bottom left. */
export type Quad = [Point, Point, Point, Point];

/** A 3 × 3 projective transform, row by row (h[8] = 1). */
export type Homography = Float64Array;

/** Solves A·x = b (n × n, row by row) by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    }
    const top = m[pivot];
    if (!top || Math.abs(top[c] ?? 0) < 1e-12) return null;
    [m[c], m[pivot]] = [top, m[c] ?? top];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r];
      if (!row) continue;
      const f = (row[c] ?? 0) / (top[c] ?? 1);
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (top[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** The projective transform taking each point of `from` to the same corner of `to`; null when degenerate. */
export function homography(from: Quad, to: Quad): Homography | null {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  return h ? Float64Array.from([...h, 1]) : null;
}

export function applyHomography(h: Homography, x: number, y: number): Point {
  const w = (h[6] ?? 0) * x + (h[7] ?? 0) * y + (h[8] ?? 1);
  return {
    x: ((h[0] ?? 0) * x + (h[1] ?? 0) * y + (h[2] ?? 0)) / w,
    y: ((h[3] ?? 0) * x + (h[4] ?? 0) * y + (h[5] ?? 0)) / w,
  };
}

/** a · b (apply b first, then a). */
export function compose(a: Homography, b: Homography): Homography {
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += (a[r * 3 + k] ?? 0) * (b[k * 3 + c] ?? 0);
      out[r * 3 + c] = sum;
    }
  }
  const s = out[8] ?? 1;
  for (let i = 0; i < 9; i++) out[i] = (out[i] ?? 0) / s;
  return out;
}

/** Turning by `angle` radians about (cx, cy), as a transform. */
export function rotation(angle: number, cx: number, cy: number): Homography {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return Float64Array.from([
    cos,
    -sin,
    cx - cos * cx + sin * cy,
    sin,
    cos,
    cy - sin * cx - cos * cy,
    0,
    0,
    1,
  ]);
}

/**
 * A `width` × `height` image whose pixel (u, v) is the source's at `toSource(u, v)` (bilinear; white outside the
 * source). With `toSource` = homography(rectangle → quad), the quadrilateral comes out as the rectangle.
 */
export function warpGray(g: Gray, toSource: Homography, width: number, height: number): Gray {
  const out = new Uint8Array(width * height).fill(255);
  const src = g.data;
  const sw = g.width;
  const sh = g.height;
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0, h8 = 1] = toSource;
  // Along a row the three sums are linear in u: each steps by a constant, one division per pixel (no matrix).
  for (let v = 0; v < height; v++) {
    const cy = v + 0.5;
    let nx = h0 * 0.5 + h1 * cy + h2;
    let ny = h3 * 0.5 + h4 * cy + h5;
    let nw = h6 * 0.5 + h7 * cy + h8;
    const row = v * width;
    for (let u = 0; u < width; u++, nx += h0, ny += h3, nw += h6) {
      const k = 1 / nw;
      const x = nx * k - 0.5;
      const y = ny * k - 0.5;
      // Outside the source (or a NaN from the horizon): left white.
      if (!(x >= 0 && y >= 0 && x < sw - 1 && y < sh - 1)) continue;
      const x0 = x | 0;
      const y0 = y | 0;
      const fx = x - x0;
      const fy = y - y0;
      const p = y0 * sw + x0;
      const a = src[p] ?? 255;
      const b = src[p + 1] ?? 255;
      const c = src[p + sw] ?? 255;
      const d = src[p + sw + 1] ?? 255;
      const top = a + (b - a) * fx;
      const bottom = c + (d - c) * fx;
      out[row + u] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return { width, height, data: out };
}

/** The transform that maps a `width` × `height` rectangle onto `quad` (for warpGray). */
export function rectangleToQuad(quad: Quad, width: number, height: number): Homography | null {
  return homography(
    [
      { x: 0, y: 0 },
      { x: width, y: 0 },
      { x: width, y: height },
      { x: 0, y: height },
    ],
    quad,
  );
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** The paper's size as the quadrilateral shows it: the longer of each pair of opposite sides. */
export function quadSize(quad: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  return {
    width: Math.max(distance(tl, tr), distance(bl, br)),
    height: Math.max(distance(tl, bl), distance(tr, br)),
  };
}

/** A line x = a·t + b fitted to (t, x) points, or null. */
interface Line {
  a: number;
  b: number;
}

/**
 * The straight line most of `points` (t → x) lie on, within `tolerance` pixels: a fit through pairs of points far
 * apart, the one with most points near it kept and refitted by least squares on those. Null when fewer than
 * `minSupport` points agree.
 */
function robustLine(points: [number, number][], tolerance: number, minSupport: number): Line | null {
  if (points.length < Math.max(2, minSupport)) return null;
  const n = points.length;
  let best: { line: Line; support: number } | null = null;
  const step = Math.max(1, Math.floor(n / 60));
  for (let i = 0; i < n; i += step) {
    for (const offset of [Math.floor(n / 2), Math.floor(n / 3), Math.floor(n / 5)]) {
      const p = points[i];
      const q = points[(i + offset) % n];
      if (!p || !q || p[0] === q[0]) continue;
      const a = (q[1] - p[1]) / (q[0] - p[0]);
      const b = p[1] - a * p[0];
      let support = 0;
      for (const [t, x] of points) if (Math.abs(a * t + b - x) <= tolerance) support++;
      if (!best || support > best.support) best = { line: { a, b }, support };
    }
  }
  if (!best || best.support < minSupport) return null;
  // Least squares on the points near the best line.
  let st = 0;
  let sx = 0;
  let stt = 0;
  let stx = 0;
  let m = 0;
  for (const [t, x] of points) {
    if (Math.abs(best.line.a * t + best.line.b - x) > tolerance) continue;
    st += t;
    sx += x;
    stt += t * t;
    stx += t * x;
    m++;
  }
  const det = m * stt - st * st;
  if (m < 2 || Math.abs(det) < 1e-9) return best.line;
  const a = (m * stx - st * sx) / det;
  return { a, b: (sx - a * st) / m };
}

/**
 * Following one row or column of log-brightness inwards from the frame (`at`, from the frame's edge, `length`
 * long): the first step up by `step` into ground that stays bright for a while, from the ground just before it
 * (the last `near` pixels), with everything before it, all the way from the frame's edge, darker than that bright
 * ground by `weak` at least; where the paper's edge is (see findPaper), or null.
 *
 * The step is measured from the ground just before it, not from the brightest ground anywhere before it: a sheet
 * may lie on a dark mat or a desk pad on a lighter table, or half in a shadow, and then the brightest ground near
 * the frame's edge is nearly as bright as the sheet's darker corner (TUNE photo raw-courier-erp-5023-photo2: the
 * table 102 of 255, the dark mat 55, the sheet's shadowed corner 128 — a step of 2.3 from the mat, 1.25 from the
 * table). The weak condition keeps what the whole way in must hold: no part of the ground is as bright as the
 * sheet, so that a dark band inside a scan's paper (a table's heading, a bar) is never taken for its edge.
 */
function stepInto(at: Float32Array, length: number, step: number, weak: number): number | null {
  const limit = Math.floor(length * 0.45);
  const near = Math.max(4, Math.round(length * 0.02));
  let brightest = -Infinity;
  for (let i = 0; i < limit; i++) {
    const outside = at[i] ?? 0;
    if (outside > brightest) brightest = outside;
    if (i < 2 || i + 8 >= length) continue;
    const inside = Math.min(at[i + 2] ?? 0, at[i + 4] ?? 0, at[i + 6] ?? 0, at[i + 8] ?? 0);
    if (inside - brightest < weak) continue;
    let before = -Infinity;
    for (let j = Math.max(0, i - near + 1); j <= i; j++) before = Math.max(before, at[j] ?? 0);
    if (inside - before >= step) {
      // The step itself: the largest rise around here.
      let bestRise = -Infinity;
      let where = i;
      for (let j = Math.max(1, i - 1); j <= i + 3 && j + 1 < length; j++) {
        const rise = (at[j + 1] ?? 0) - (at[j - 1] ?? 0);
        if (rise > bestRise) [bestRise, where] = [rise, j];
      }
      // The max filter spread the paper two pixels out over the table: the edge is that much further in.
      return where + 0.5 + 2;
    }
  }
  return null;
}

/** How much brighter than all the ground before it the sheet must be (see stepInto). */
const WEAK_RATIO = 1.1;

/**
 * Where the paper of a photo is: the quadrilateral of the sheet lying on a darker surface (a table, a desk), on a
 * small copy of the photo (~500–900 px). Null when the image shows no such sheet — a scan, whose paper fills the
 * frame, or a photo whose sheet runs off the frame along a whole side — and the page is then read as it is. A sheet
 * with a corner or two cut off by the frame (its four sides seen in part) is found, its corners outside the frame.
 *
 * How: the text is taken off by a max filter (light spreads over thin dark strokes) and the brightness is taken as
 * a logarithm, so that a shadow or a falloff of the light, which multiplies table and paper alike, leaves their
 * ratio as it is. From each side of the image, every row (or column) is followed inwards to the first place where
 * it steps up by `ratio` from the ground just before it into brighter ground, all of the way to it from the frame's
 * edge being darker (by a little at least: a dark mat on a lighter table, a shadow over the table, see stepInto).
 * Each side's points are fitted with a straight line (most of them must lie on it, within a pixel or two), and the
 * corners are where the lines meet. The quadrilateral must be convex, cover at least a third of the photo, and have
 * corners near right angles (a sheet is not photographed at more than ~30° off square).
 */
export function findPaper(small: Gray, ratio = 1.45): Quad | null {
  const { width, height } = small;
  if (width < 64 || height < 64) return null;
  const src = small.data;
  // A 3 × 3 mean (noise): sums along rows, then down columns (whole numbers, so the same sums as a 3 × 3 loop).
  const rowSum = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      let sum = src[p] ?? 255;
      if (x > 0) sum += src[p - 1] ?? 255;
      if (x + 1 < width) sum += src[p + 1] ?? 255;
      rowSum[p] = sum;
    }
  }
  const mean = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const ny = 1 + (y > 0 ? 1 : 0) + (y + 1 < height ? 1 : 0);
    for (let x = 0; x < width; x++) {
      const p = row + x;
      let sum = rowSum[p] ?? 0;
      if (y > 0) sum += rowSum[p - width] ?? 0;
      if (y + 1 < height) sum += rowSum[p + width] ?? 0;
      const nx = 1 + (x > 0 ? 1 : 0) + (x + 1 < width ? 1 : 0);
      mean[p] = sum / (nx * ny);
    }
  }
  // The brightest of each 5 × 5 neighbourhood (text strokes gone): along rows, then down columns.
  const rowMax = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let best = 0;
      const from = Math.max(0, x - 2);
      const to = Math.min(width - 1, x + 2);
      for (let xx = from; xx <= to; xx++) {
        const v = mean[row + xx] ?? 0;
        if (v > best) best = v;
      }
      rowMax[row + x] = best;
    }
  }
  const L = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = Math.max(0, y - 2);
    const to = Math.min(height - 1, y + 2);
    for (let x = 0; x < width; x++) {
      let best = 0;
      for (let yy = from; yy <= to; yy++) {
        const v = rowMax[yy * width + x] ?? 0;
        if (v > best) best = v;
      }
      L[y * width + x] = Math.log(best + 8);
    }
  }
  const step = Math.log(ratio);
  const weak = Math.log(WEAK_RATIO);
  // Each row and column read from each end into `line`, then followed inwards (stepInto).
  const line = new Float32Array(Math.max(width, height));
  const read = (start: number, stride: number, length: number): Float32Array => {
    for (let i = 0, p = start; i < length; i++, p += stride) line[i] = L[p] ?? 0;
    return line;
  };
  const left: [number, number][] = [];
  const right: [number, number][] = [];
  const top: [number, number][] = [];
  const bottom: [number, number][] = [];
  for (let y = 0; y < height; y++) {
    const l = stepInto(read(y * width, 1, width), width, step, weak);
    if (l !== null) left.push([y, l]);
    const r = stepInto(read(y * width + width - 1, -1, width), width, step, weak);
    if (r !== null) right.push([y, width - r]);
  }
  for (let x = 0; x < width; x++) {
    const t = stepInto(read(x, width, height), height, step, weak);
    if (t !== null) top.push([x, t]);
    const b = stepInto(read((height - 1) * width + x, -width, height), height, step, weak);
    if (b !== null) bottom.push([x, height - b]);
  }
  const tolerance = Math.max(1.5, width / 400);
  const lineLeft = robustLine(left, tolerance, height * 0.3);
  const lineRight = robustLine(right, tolerance, height * 0.3);
  const lineTop = robustLine(top, tolerance, width * 0.3);
  const lineBottom = robustLine(bottom, tolerance, width * 0.3);
  if (!lineLeft || !lineRight || !lineTop || !lineBottom) return null;
  // x = a·y + b (left, right) meets y = c·x + d (top, bottom).
  const meet = (v: Line, h: Line): Point => {
    const y = (h.a * v.b + h.b) / (1 - h.a * v.a);
    return { x: v.a * y + v.b, y };
  };
  const quad: Quad = [
    meet(lineLeft, lineTop),
    meet(lineRight, lineTop),
    meet(lineRight, lineBottom),
    meet(lineLeft, lineBottom),
  ];
  return plausiblePaper(quad, width, height) ? quad : null;
}

/** How far beyond the frame a corner of the sheet may be, as a share of the frame's longer side. */
const OFF_FRAME = 0.15;

/**
 * Convex, a third of the frame or more, corners within ~30° of square. A corner may lie outside the frame — the
 * sheet runs off the photo there, and the corner is where its two sides, fitted on the parts that are seen, meet —
 * but at most two corners, each within `OFF_FRAME` of the frame's longer side beyond its edge: further out the
 * sides are extrapolated too far to trust. (A side that runs off the frame altogether has no line, and no quad is
 * found: the page is then read as it is, turned level.)
 */
function plausiblePaper(quad: Quad, width: number, height: number): boolean {
  if (quad.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) return false;
  const slack = 0.02 * Math.max(width, height);
  const outside = (p: Point, by: number) => p.x < -by || p.y < -by || p.x > width + by || p.y > height + by;
  if (quad.some((p) => outside(p, OFF_FRAME * Math.max(width, height)))) return false;
  if (quad.filter((p) => outside(p, slack)).length > 2) return false;
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const a = quad[i] as Point;
    const b = quad[(i + 1) % 4] as Point;
    const c = quad[(i + 2) % 4] as Point;
    area += a.x * b.y - b.x * a.y;
    // Each corner's angle, from the two sides meeting there.
    const ux = a.x - b.x;
    const uy = a.y - b.y;
    const vx = c.x - b.x;
    const vy = c.y - b.y;
    const cos = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
    if (!(Math.abs(cos) < 0.5)) return false;
    const cross = ux * vy - uy * vx;
    if (cross >= 0) return false; // clockwise on screen (y down) for every corner: convex
  }
  return Math.abs(area / 2) >= (width * height) / 3;
}

/** Whether the quadrilateral is the whole frame anyway (within `margin` of each corner): nothing to correct. */
export function fillsFrame(quad: Quad, width: number, height: number, margin = 0.015): boolean {
  const corners: Point[] = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const tolerance = margin * Math.max(width, height);
  return quad.every((p, i) => distance(p, corners[i] as Point) <= tolerance);
}
