// Cleaning a scanned page before OCR, on grey pixels: the paper made evenly white (a phone photo's shadow, a
// scanner's uneven lamp, yellowed paper), light noise and JPEG haze whitened, isolated specks removed, and the
// page's skew measured so it can be turned level. Pure functions over a grey image, so they are tested without a
// canvas; decode.ts does the decoding, scaling and turning with the canvas library (native, fast).

export interface Gray {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  data: Uint8Array;
}

/** Grey from RGBA pixels (Rec. 601 luma). */
export function toGray(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < data.length; p++, i += 4) {
    data[p] = ((rgba[i] ?? 255) * 77 + (rgba[i + 1] ?? 255) * 150 + (rgba[i + 2] ?? 255) * 29) >> 8;
  }
  return { width, height, data };
}

/**
 * The paper's brightness around each pixel: the brightest pixels of blocks about 1/24 of the page wide, taken over
 * each block's neighbours too (so a dark table band or a bold title is never mistaken for paper), then smoothed.
 * Returned per block, with the block size.
 */
function background(g: Gray): { cols: number; rows: number; size: number; level: Float32Array } {
  const size = Math.max(16, Math.round(Math.max(g.width, g.height) / 32));
  const cols = Math.ceil(g.width / size);
  const rows = Math.ceil(g.height / size);
  // The 95th-percentile-like brightness of each block: the brightest value that at least 1/16 of a sampled
  // row set reaches, cheaply approximated by the max of each sampled row's median-of-three.
  const raw = new Float32Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const x0 = bx * size;
      const y0 = by * size;
      const x1 = Math.min(g.width, x0 + size);
      const y1 = Math.min(g.height, y0 + size);
      const histogram = new Uint32Array(256);
      let count = 0;
      for (let y = y0; y < y1; y += 2) {
        const row = y * g.width;
        for (let x = x0; x < x1; x += 2) {
          histogram[g.data[row + x] ?? 255]! += 1;
          count++;
        }
      }
      // The level that the brightest 10 % of the block reach: paper, not a stray white speck.
      let seen = 0;
      let level = 255;
      for (let v = 255; v >= 0; v--) {
        seen += histogram[v] ?? 0;
        if (seen >= count * 0.1) {
          level = v;
          break;
        }
      }
      raw[by * cols + bx] = level;
    }
  }
  // Each block takes the brightest of its 5 × 5 neighbourhood: a dark band smaller than two blocks is not paper.
  const spread = new Float32Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let best = 0;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x < 0 || y < 0 || x >= cols || y >= rows) continue;
          best = Math.max(best, raw[y * cols + x] ?? 0);
        }
      }
      spread[by * cols + bx] = best;
    }
  }
  // Smoothed by a 3 × 3 mean so the correction has no steps.
  const level = new Float32Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x < 0 || y < 0 || x >= cols || y >= rows) continue;
          sum += spread[y * cols + x] ?? 0;
          n++;
        }
      }
      level[by * cols + bx] = Math.max(32, sum / n);
    }
  }
  return { cols, rows, size, level };
}

/**
 * Whether the light across the page is uneven (a shadow, a phone photo's falloff, the table around the paper):
 * the paper's brightness, estimated per block as for `normaliseBackground`, varies by more than `spread` (of 255)
 * between the brighter and the darker parts of the page (the 10th and 90th percentile blocks). An evenly lit scan,
 * noise and JPEG haze included, stays well under it. Works on a small copy.
 */
export function lightIsUneven(g: Gray, spread = 24): boolean {
  const { level } = background(g);
  const sorted = [...level].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 255;
  return at(0.9) - at(0.1) > spread;
}

/**
 * Makes the paper evenly white: each pixel divided by the paper's brightness around it (interpolated between
 * blocks), then stretched so that anything within ~10 % of the paper's brightness — noise, JPEG haze, a faint
 * shadow — becomes white, while text keeps its darkness. In place; returns the image.
 */
export function normaliseBackground(g: Gray): Gray {
  const { cols, rows, size, level } = background(g);
  const half = size / 2;
  const white = 0.88;
  // Each column's two blocks and the share of the second (the same for every row).
  const colFrom = new Int32Array(g.width);
  const colTo = new Int32Array(g.width);
  const colShare = new Float64Array(g.width);
  for (let x = 0; x < g.width; x++) {
    const fx = Math.min(cols - 1, Math.max(0, (x - half) / size));
    const x0 = Math.floor(fx);
    colFrom[x] = x0;
    colTo[x] = Math.min(cols - 1, x0 + 1);
    colShare[x] = fx - x0;
  }
  for (let y = 0; y < g.height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, (y - half) / size));
    const y0 = Math.floor(fy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const ty = fy - y0;
    const r0 = y0 * cols;
    const r1 = y1 * cols;
    const row = y * g.width;
    for (let x = 0; x < g.width; x++) {
      const x0 = colFrom[x] ?? 0;
      const x1 = colTo[x] ?? 0;
      const tx = colShare[x] ?? 0;
      const top = (level[r0 + x0] ?? 255) * (1 - tx) + (level[r0 + x1] ?? 255) * tx;
      const bottom = (level[r1 + x0] ?? 255) * (1 - tx) + (level[r1 + x1] ?? 255) * tx;
      const paper = top * (1 - ty) + bottom * ty;
      const p = row + x;
      const v = (g.data[p] ?? 255) / (paper * white);
      g.data[p] = v >= 1 ? 255 : Math.round(v * 255);
    }
  }
  return g;
}

/**
 * Makes an evenly lit page's paper white: every pixel divided by the paper's brightness (the page's 90th
 * percentile), so that what is within a few percent of the paper — JPEG haze, the halo of a speck, light noise —
 * becomes white while print keeps its shade (unlike `normaliseBackground`, whose stronger stretch and local
 * estimate thin light and small print). In place; returns the image.
 */
export function whitenPaper(g: Gray, white = 0.95): Gray {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < g.data.length; i += 7) histogram[g.data[i] ?? 255]! += 1;
  const total = histogram.reduce((a, b) => a + b, 0);
  let seen = 0;
  let paper = 255;
  for (let v = 255; v >= 0; v--) {
    seen += histogram[v] ?? 0;
    if (seen >= total * 0.1) {
      paper = v;
      break;
    }
  }
  const scale = 255 / Math.max(64, paper * white);
  for (let i = 0; i < g.data.length; i++) g.data[i] = Math.min(255, Math.round((g.data[i] ?? 255) * scale));
  return g;
}

/** How large a speck may be, at the page's resolution (see `despeckleGray`). */
export function speckLimits(dpi: number): { side: number; clearance: number } {
  const k = Math.max(0.25, dpi / 300);
  return {
    // Dust and noise at 300 dpi: within 2 × 2 pixels (~0.17 mm); at 150 or 200 dpi a lone pixel.
    side: Math.max(1, Math.round(2 * k)),
    // A dot this close to other ink is a full stop, an i’s dot or part of a glyph (~0.35 mm), never taken.
    clearance: Math.max(2, Math.round(4 * k)),
  };
}

/**
 * Removes specks — dust, noise, the salt of a dusty glass — that tesseract would read as commas, colons or "oo",
 * sized to the page's resolution (`dpi`, that of the image given): a speck is dark pixels that fit in a square of
 * `speckLimits(dpi).side` (2 × 2 pixels at 300 dpi, one pixel at 150) with only light pixels around it, and no other
 * ink within its clearance (a full stop beside a figure stays). A stroke, even one pixel thin, does not fit in the
 * square and is never touched, whatever the resolution: the slash of a date or a hyphen at 150 dpi survives.
 * In place.
 */
export function despeckleGray(g: Gray, options: { dpi?: number; threshold?: number } = {}): Gray {
  const { width, height, data } = g;
  const threshold = options.threshold ?? 140;
  const { side, clearance } = speckLimits(options.dpi ?? 300);
  const dark = new Uint8Array(width * height);
  for (let p = 0; p < dark.length; p++) dark[p] = (data[p] ?? 255) < threshold ? 1 : 0;
  const isDark = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && dark[y * width + x] === 1;
  // Whether no pixel of the rectangle [x0, x1] × [y0, y1] outside the box [bx0, bx1] × [by0, by1] is dark.
  const lightAround = (
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    bx0: number,
    by0: number,
    bx1: number,
    by1: number,
  ) => {
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if (x >= bx0 && x <= bx1 && y >= by0 && y <= by1) continue;
        if (isDark(x, y)) return false;
      }
    }
    return true;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!dark[y * width + x]) continue;
      // Every square of `side` holding this pixel: is it a speck (its ring light, nothing near)?
      let speck = false;
      for (let by = y - side + 1; by <= y && !speck; by++) {
        for (let bx = x - side + 1; bx <= x && !speck; bx++) {
          const bx1 = bx + side - 1;
          const by1 = by + side - 1;
          if (!lightAround(bx - 1, by - 1, bx1 + 1, by1 + 1, bx, by, bx1, by1)) continue;
          if (
            !lightAround(bx - clearance, by - clearance, bx1 + clearance, by1 + clearance, bx, by, bx1, by1)
          ) {
            continue;
          }
          speck = true;
          for (let yy = Math.max(0, by); yy <= Math.min(height - 1, by1); yy++) {
            for (let xx = Math.max(0, bx); xx <= Math.min(width - 1, bx1); xx++) {
              const q = yy * width + xx;
              if (dark[q]) {
                data[q] = 255;
                dark[q] = 0;
              }
            }
          }
        }
      }
    }
  }
  return g;
}

/**
 * The page's skew in radians (positive: lines fall to the right, as atan2 on image coordinates), from the
 * projection profile: the angle at which the dark pixels' rows are most sharply bunched into text lines. Searched
 * over ±`maxDegrees` in half degrees, then refined to a twentieth of a degree. 0 when the page holds too little
 * ink to tell. Works on a small copy (`reduced`, ~600–900 px wide, already normalised; smoothing by the
 * reduction leaves text grey, so `ink` is a light threshold).
 */
export function measureSkew(reduced: Gray, maxDegrees = 8, ink = 192): number {
  const { width, height, data } = reduced;
  const xs: number[] = [];
  const ys: number[] = [];
  // Only ink at the side of a stroke counts (a dark pixel beside a light one): a wide dark area — the table a
  // phone photo's paper lies on, a filled band — would otherwise pull the answer towards its own edges.
  for (let y = 0; y < height; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      if ((data[p] ?? 255) < ink && ((data[p - 1] ?? 255) >= ink || (data[p + 1] ?? 255) >= ink)) {
        xs.push(x - width / 2);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  const bins = new Float64Array(height * 3);
  const score = (degrees: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const row = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * t) + height;
      if (row >= 0 && row < bins.length) bins[row] = (bins[row] ?? 0) + 1;
    }
    let sum = 0;
    for (let r = 0; r < bins.length; r++) {
      const b = bins[r] ?? 0;
      sum += b * b;
    }
    return sum;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += 0.5) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.05) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return (best * Math.PI) / 180;
}

/**
 * The image as an uncompressed 8-bit grey TIFF (one strip, no resolution given), for tesseract: nothing to encode
 * on this side, and leptonica reads it in one pass. (A binary PGM, as before, costs no encoding either, but
 * leptonica reads it a byte at a time: ~0.25 s of tesseract's thread for a 300 dpi page, five times the TIFF's.)
 */
export function toTiff(g: Gray): Buffer {
  // Tags in ascending order: width, height, bits per sample, compression (none), photometric (0 is black),
  // strip offsets, samples per pixel, rows per strip, strip byte counts.
  const tags: [tag: number, type: 3 | 4, value: number][] = [
    [256, 4, g.width],
    [257, 4, g.height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 0],
    [277, 3, 1],
    [278, 4, g.height],
    [279, 4, g.width * g.height],
  ];
  const dataAt = 8 + 2 + tags.length * 12 + 4;
  const header = Buffer.alloc(dataAt);
  header.write('II', 0, 'ascii');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  header.writeUInt16LE(tags.length, 8);
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? dataAt : value;
    if (type === 3) header.writeUInt16LE(v, at + 8);
    else header.writeUInt32LE(v, at + 8);
  });
  header.writeUInt32LE(0, 10 + tags.length * 12); // no next IFD
  return Buffer.concat([header, Buffer.from(g.data.buffer, g.data.byteOffset, g.data.byteLength)]);
}

/** What `removeRuleLines` took away: how many ruled shapes (a box's frame, a table's grid, a lone rule). */
export interface RuleLines {
  /** Shapes of rules found (connected ink: a box with its four sides is one). */
  shapes: number;
  /** Pixels turned white. */
  pixels: number;
}

/**
 * Connected ink (8-neighbours) as runs along rows: each run's row, first and last pixel and shape (the runs of a
 * shape share its label), and each shape's bounds and pixel count. Labelling runs rather than pixels, and making no
 * function per pixel (under tsx, which keeps names, every closure made in a loop costs a call), keeps this to a
 * few passes over the page.
 */
function inkShapes(
  ink: Uint8Array,
  width: number,
  height: number,
): {
  runs: { row: Int32Array; start: Int32Array; end: Int32Array; shape: Int32Array };
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  count: Int32Array;
} {
  const rowOf: number[] = [];
  const startOf: number[] = [];
  const endOf: number[] = [];
  const parent: number[] = [];
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[a] !== r) {
      const next = parent[a] ?? r;
      parent[a] = r;
      a = next;
    }
    return r;
  };
  let previous = 0; // the first run of the row above
  for (let y = 0; y < height; y++) {
    const first = rowOf.length;
    const row = y * width;
    let k = previous;
    let x = 0;
    while (x < width) {
      if (!ink[row + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x + 1 < width && ink[row + x + 1]) x++;
      const end = x;
      x++;
      const label = rowOf.length;
      rowOf.push(y);
      startOf.push(start);
      endOf.push(end);
      parent.push(label);
      // Runs of the row above that touch this one, corners included.
      while (k < first && (endOf[k] ?? 0) < start - 1) k++;
      for (let j = k; j < first && (startOf[j] ?? 0) <= end + 1; j++) {
        const ra = find(label);
        const rb = find(j);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
    previous = first;
  }
  const n = parent.length;
  const shape = new Int32Array(n);
  const x0 = new Int32Array(n).fill(width);
  const y0 = new Int32Array(n).fill(height);
  const x1 = new Int32Array(n).fill(-1);
  const y1 = new Int32Array(n).fill(-1);
  const count = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const s = find(r);
    shape[r] = s;
    const y = rowOf[r] ?? 0;
    const start = startOf[r] ?? 0;
    const end = endOf[r] ?? 0;
    if (start < (x0[s] ?? width)) x0[s] = start;
    if (end > (x1[s] ?? -1)) x1[s] = end;
    if (y < (y0[s] ?? height)) y0[s] = y;
    if (y > (y1[s] ?? -1)) y1[s] = y;
    count[s] = (count[s] ?? 0) + end - start + 1;
  }
  return {
    runs: {
      row: Int32Array.from(rowOf),
      start: Int32Array.from(startOf),
      end: Int32Array.from(endOf),
      shape,
    },
    x0,
    y0,
    x1,
    y1,
    count,
  };
}

/**
 * Lines of pixels, for the rule passes: line `i` of `count`, pixel `j` of `length` is at `i * si + j * sj` (rows:
 * si = width, sj = 1; columns: si = 1, sj = width). Only lines `from`…`to` and pixels `jFrom`…`jTo` along them
 * are looked at (the ruled shapes' bounds; nothing outside them is marked).
 */
interface Lines {
  count: number;
  length: number;
  si: number;
  sj: number;
  from: number;
  to: number;
  jFrom: number;
  jTo: number;
}

/**
 * Marks in `rule` the runs of at least `min` pixels along each line (a pixel counts when it or its neighbour in
 * the next line, `across` further on, is a candidate, so a rule that drifts a pixel over its length stays one
 * run; gaps of up to two pixels are bridged).
 */
function markRuns(rule: Uint8Array, candidate: Uint8Array, lines: Lines, across: number, min: number): void {
  const { count, si, sj, from, to, jFrom, jTo } = lines;
  rule.fill(0);
  for (let i = from; i <= to; i++) {
    const base = i * si;
    const next = i + 1 < count;
    let start = -1;
    let last = -1;
    for (let j = jFrom, p = base + jFrom * sj; j <= jTo; j++, p += sj) {
      if (candidate[p] !== 1 && !(next && candidate[p + across] === 1)) continue;
      if (start < 0 || j - last > 3) {
        if (start >= 0 && last - start + 1 >= min) {
          for (let k = start, q = base + start * sj; k <= last; k++, q += sj) rule[q] = 1;
        }
        start = j;
      }
      last = j;
    }
    if (start >= 0 && last - start + 1 >= min) {
      for (let k = start, q = base + start * sj; k <= last; k++, q += sj) rule[q] = 1;
    }
  }
}

/**
 * Of the pixels marked in `rule`, the thin bands across each line (at most `maxThickness` of candidate ink) are
 * marked in `clear`, with their light fringe (at least `fringe`), except where ink goes on at both sides of the
 * band (a glyph's stroke through the rule).
 */
function clearThin(
  m: { rule: Uint8Array; candidate: Uint8Array; ink: Uint8Array; data: Uint8Array; clear: Uint8Array },
  lines: Lines,
  maxThickness: number,
  fringe: number,
): void {
  const { rule, candidate, ink, data, clear } = m;
  const { length, si, sj, from, to, jFrom, jTo } = lines;
  for (let i = from; i <= to; i++) {
    const base = i * si;
    let j = jFrom;
    while (j <= jTo) {
      if (!rule[base + j * sj]) {
        j++;
        continue;
      }
      let end = j;
      while (end + 1 < length && rule[base + (end + 1) * sj]) end++;
      let first = j;
      while (first <= end && !candidate[base + first * sj]) first++;
      let lastInk = end;
      while (lastInk >= first && !candidate[base + lastInk * sj]) lastInk--;
      if (first <= lastInk && lastInk - first + 1 <= maxThickness) {
        const before = first > 0 && ink[base + (first - 1) * sj] === 1;
        const after = lastInk + 1 < length && ink[base + (lastInk + 1) * sj] === 1;
        if (!(before && after)) {
          const last = Math.min(length - 1, lastInk + 2);
          for (let k = Math.max(0, first - 2); k <= last; k++) {
            const q = base + k * sj;
            if ((k >= first && k <= lastInk) || (data[q] ?? 255) >= fringe) clear[q] = 1;
          }
        }
      }
      j = end + 1;
    }
  }
}

/** The part of a page the rule passes look at: columns `x0`…`x1`, rows `y0`…`y1`. */
interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * `markRuns` down the columns of `box` (a pixel counts when it or its right-hand neighbour is a candidate), done
 * row by row with each column's run kept apart: walking down one column after another misses the cache at every
 * pixel, which cost more than all the rest.
 */
function markRunsDown(rule: Uint8Array, candidate: Uint8Array, width: number, box: Box, min: number): void {
  rule.fill(0);
  const n = box.x1 - box.x0 + 1;
  if (n <= 0) return;
  const start = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const mark = (x: number, from: number, to: number) => {
    if (from >= 0 && to - from + 1 >= min) for (let y = from; y <= to; y++) rule[y * width + x] = 1;
  };
  for (let y = box.y0; y <= box.y1; y++) {
    const row = y * width;
    for (let x = box.x0; x <= box.x1; x++) {
      const p = row + x;
      if (candidate[p] !== 1 && !(x + 1 < width && candidate[p + 1] === 1)) continue;
      const i = x - box.x0;
      const s = start[i] ?? -1;
      const l = last[i] ?? -1;
      if (s < 0 || y - l > 3) {
        mark(x, s, l);
        start[i] = y;
      }
      last[i] = y;
    }
  }
  for (let i = 0; i < n; i++) mark(box.x0 + i, start[i] ?? -1, last[i] ?? -1);
}

/** `clearThin` down the columns of `box`, row by row (see markRunsDown). */
function clearThinDown(
  m: { rule: Uint8Array; candidate: Uint8Array; ink: Uint8Array; data: Uint8Array; clear: Uint8Array },
  width: number,
  height: number,
  box: Box,
  maxThickness: number,
  fringe: number,
): void {
  const { rule, candidate, ink, data, clear } = m;
  const n = box.x1 - box.x0 + 1;
  if (n <= 0) return;
  // Per column: whether a band of rule pixels is open, and its first and last candidate (-1: none yet).
  const open = new Uint8Array(n);
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const close = (x: number, f: number, l: number) => {
    if (f < 0 || l - f + 1 > maxThickness) return;
    const before = f > 0 && ink[(f - 1) * width + x] === 1;
    const after = l + 1 < height && ink[(l + 1) * width + x] === 1;
    if (before && after) return;
    const to = Math.min(height - 1, l + 2);
    for (let k = Math.max(0, f - 2); k <= to; k++) {
      const q = k * width + x;
      if ((k >= f && k <= l) || (data[q] ?? 255) >= fringe) clear[q] = 1;
    }
  };
  for (let y = box.y0; y <= box.y1; y++) {
    const row = y * width;
    for (let x = box.x0; x <= box.x1; x++) {
      const p = row + x;
      const i = x - box.x0;
      if (rule[p]) {
        if (!open[i]) {
          open[i] = 1;
          first[i] = -1;
        }
        if (candidate[p]) {
          if ((first[i] ?? -1) < 0) first[i] = y;
          last[i] = y;
        }
      } else if (open[i]) {
        open[i] = 0;
        close(x, first[i] ?? -1, last[i] ?? -1);
      }
    }
  }
  for (let i = 0; i < n; i++) if (open[i]) close(box.x0 + i, first[i] ?? -1, last[i] ?? -1);
}

/**
 * Takes the ruled lines off a page — the frame of a box an invoice number is printed in, a table's grid, an
 * underline — so that tesseract reads the text they touch or stand close to, instead of gluing a border onto a
 * glyph ("|INV-2041", "1NV-2041") or giving up on the word.
 *
 * Rules are looked for only in shapes of connected ink that cannot be text: a long, thin shape (a lone rule), or
 * a shape larger than a line of text both ways but mostly empty (a frame, a grid, with whatever text touches it).
 * Words, whose letters run together at low resolution, and filled bands, bars and logos, which are dense, are left
 * alone. In such a shape a rule is a run of ink at least `minLength` across (~30 pt) or `minHeight` down (~18 pt)
 * and at most `maxThickness` thick; where a glyph's stroke crosses it (ink on both sides), the crossing is kept; its
 * grey fringe (anti-aliasing, JPEG) goes with it. Sizes default from the page's width, so they follow its
 * resolution. In place; returns what was removed.
 */
export function removeRuleLines(
  g: Gray,
  options: { dark?: number; minLength?: number; minHeight?: number; maxThickness?: number } = {},
): RuleLines {
  const { width, height, data } = g;
  const dark = options.dark ?? 200;
  const minLength = options.minLength ?? Math.max(24, Math.round(width * 0.05));
  const minHeight = options.minHeight ?? Math.max(24, Math.round(width * 0.03));
  const maxThickness = options.maxThickness ?? Math.max(3, Math.round(width * 0.0035));
  const ink = new Uint8Array(width * height);
  for (let p = 0; p < ink.length; p++) ink[p] = (data[p] ?? 255) < dark ? 1 : 0;

  // The shapes that may hold rules, from the ink grown by a pixel each way (along rows, then down columns), so
  // that a rule broken by a pixel or two (a faint grey line, JPEG) is one shape.
  // (Whole numbers ORed, the row's ends apart: no reads outside the arrays, no booleans in the loop.)
  const wide = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const last = row + width - 1;
    if (width === 1) {
      wide[row] = ink[row]!;
      continue;
    }
    wide[row] = ink[row]! | ink[row + 1]!;
    for (let p = row + 1; p < last; p++) wide[p] = ink[p - 1]! | ink[p]! | ink[p + 1]!;
    wide[last] = ink[last - 1]! | ink[last]!;
  }
  const grown = new Uint8Array(width * height);
  const size = width * height;
  for (let p = 0; p < size; p++) {
    let v = wide[p]!;
    if (p >= width) v |= wide[p - width]!;
    if (p + width < size) v |= wide[p + width]!;
    grown[p] = v;
  }
  const shapes = inkShapes(grown, width, height);
  const { runs } = shapes;
  // How much of each shape's bounds is ink (not the grown ink: a thin rule would count three times over).
  const inked = new Int32Array(shapes.count.length);
  for (let r = 0; r < runs.shape.length; r++) {
    const row = (runs.row[r] ?? 0) * width;
    let n = 0;
    for (let p = row + (runs.start[r] ?? 0), end = row + (runs.end[r] ?? 0); p <= end; p++) n += ink[p] ?? 0;
    const s = runs.shape[r] ?? 0;
    inked[s] = (inked[s] ?? 0) + n;
  }
  const ruled = new Uint8Array(shapes.count.length);
  let found = 0;
  // The bounds of all ruled shapes together: nothing outside them is marked or cleared.
  let bx0 = width;
  let by0 = height;
  let bx1 = -1;
  let by1 = -1;
  for (let l = 0; l < ruled.length; l++) {
    const n = shapes.count[l] ?? 0;
    if (n === 0) continue;
    const w = (shapes.x1[l] ?? 0) - (shapes.x0[l] ?? 0) + 1;
    const h = (shapes.y1[l] ?? 0) - (shapes.y0[l] ?? 0) + 1;
    const lone =
      (w >= minLength && h <= 3 * maxThickness + 2) || (h >= minHeight && w <= 3 * maxThickness + 2);
    const frame = w >= minLength && h >= minHeight && (inked[l] ?? 0) / (w * h) < 0.25;
    if (lone || frame) {
      ruled[l] = 1;
      found++;
      bx0 = Math.min(bx0, shapes.x0[l] ?? 0);
      by0 = Math.min(by0, shapes.y0[l] ?? 0);
      bx1 = Math.max(bx1, shapes.x1[l] ?? 0);
      by1 = Math.max(by1, shapes.y1[l] ?? 0);
    }
  }
  if (found === 0) return { shapes: 0, pixels: 0 };
  const candidate = new Uint8Array(width * height);
  for (let r = 0; r < runs.shape.length; r++) {
    if (!ruled[runs.shape[r] ?? 0]) continue;
    const row = (runs.row[r] ?? 0) * width;
    for (let p = row + (runs.start[r] ?? 0), end = row + (runs.end[r] ?? 0); p <= end; p++) {
      candidate[p] = ink[p] ?? 0;
    }
  }

  const rule = new Uint8Array(width * height);
  const clear = new Uint8Array(width * height);
  // A line just above (or left of) the bounds is marked where the next line's candidates are.
  const rows: Lines = {
    count: height,
    length: width,
    si: width,
    sj: 1,
    from: Math.max(0, by0 - 1),
    to: by1,
    jFrom: bx0,
    jTo: bx1,
  };
  const m = { rule, candidate, ink, data, clear };
  // Horizontal rules: runs along rows, bands down each column.
  markRuns(rule, candidate, rows, width, minLength);
  clearThinDown(m, width, height, { x0: bx0, x1: bx1, y0: rows.from, y1: by1 }, maxThickness, dark - 60);
  // Vertical rules: runs down columns, bands along each row.
  markRunsDown(rule, candidate, width, { x0: Math.max(0, bx0 - 1), x1: bx1, y0: by0, y1: by1 }, minHeight);
  clearThin(m, { ...rows, from: by0, jFrom: Math.max(0, bx0 - 1) }, maxThickness, dark - 60);

  let pixels = 0;
  for (let p = 0; p < clear.length; p++) {
    if (clear[p] && (data[p] ?? 255) !== 255) {
      data[p] = 255;
      pixels++;
    }
  }
  return { shapes: found, pixels };
}
