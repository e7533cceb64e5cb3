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
  for (let y = 0; y < g.height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, (y - half) / size));
    const y0 = Math.floor(fy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < g.width; x++) {
      const fx = Math.min(cols - 1, Math.max(0, (x - half) / size));
      const x0 = Math.floor(fx);
      const x1 = Math.min(cols - 1, x0 + 1);
      const tx = fx - x0;
      const top = (level[y0 * cols + x0] ?? 255) * (1 - tx) + (level[y0 * cols + x1] ?? 255) * tx;
      const bottom = (level[y1 * cols + x0] ?? 255) * (1 - tx) + (level[y1 * cols + x1] ?? 255) * tx;
      const paper = top * (1 - ty) + bottom * ty;
      const p = y * g.width + x;
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

/**
 * Removes isolated dark specks (a dark pixel with at most one dark neighbour): tesseract reads them as commas and
 * colons. Text strokes and decimal points at OCR resolution are wider. In place.
 */
export function despeckleGray(g: Gray, threshold = 140): Gray {
  const { width, height, data } = g;
  const dark = new Uint8Array(width * height);
  for (let p = 0; p < dark.length; p++) dark[p] = (data[p] ?? 255) < threshold ? 1 : 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      if (!dark[p]) continue;
      const neighbours =
        (dark[p - width - 1] ?? 0) +
        (dark[p - width] ?? 0) +
        (dark[p - width + 1] ?? 0) +
        (dark[p - 1] ?? 0) +
        (dark[p + 1] ?? 0) +
        (dark[p + width - 1] ?? 0) +
        (dark[p + width] ?? 0) +
        (dark[p + width + 1] ?? 0);
      if (neighbours <= 1) data[p] = 255;
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

/** A binary PGM (P5) file of the image: tesseract reads it without any decoding cost on either side. */
export function toPgm(g: Gray): Buffer {
  const header = Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(g.data.buffer, g.data.byteOffset, g.data.byteLength)]);
}
