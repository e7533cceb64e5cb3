// A photo of paper taken at an angle: the sheet's quadrilateral is found on the table it lies on, through shadows,
// and warped back onto a rectangle; a scan, whose paper fills the frame, is left alone.
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  applyHomography,
  compose,
  fillsFrame,
  findPaper,
  homography,
  quadSize,
  rectangleToQuad,
  rotation,
  warpGray,
  type Point,
  type Quad,
} from '../../../main/capture/perspective.js';
import { toGray, type Gray } from '../../../main/capture/preprocess.js';

/**
 * A sheet with lines of text and a ruled frame, drawn on a table of grey `table` as the quadrilateral `corners`,
 * by the canvas (its own path filling: independent of the code under test). The text is drawn level, so only the
 * outline is a true perspective; that is all findPaper looks at.
 */
function photoOf(corners: Quad, width: number, height: number, table = 80): Gray {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${table},${table},${table})`;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#f4f4f4';
  fillPolygon(ctx, corners);
  ctx.fillStyle = '#101010';
  ctx.font = '11px DejaVu Sans';
  const [tl, , br] = corners;
  for (let y = tl.y + 40; y < br.y - 40; y += 22)
    ctx.fillText('Invoice INV-2041  12.03.2026  1.234,56', tl.x + 40, y);
  return toGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

const near = (a: Point, b: Point, tolerance: number) =>
  Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance;

type Ctx = ReturnType<ReturnType<typeof createCanvas>['getContext']>;

/** Fills the quadrilateral (or any polygon) with the current fill style. */
function fillPolygon(ctx: Ctx, points: readonly Point[]): void {
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.closePath();
  ctx.fill();
}

/** The corners of a `width` × `height` rectangle at the origin, clockwise from the top left. */
const rectangle = (width: number, height: number): Quad => [
  { x: 0, y: 0 },
  { x: width, y: 0 },
  { x: width, y: height },
  { x: 0, y: height },
];

/** Expects a sheet found, each of its corners within `tolerance` pixels of the one drawn. */
function expectCorners(found: Quad | null, corners: Quad, tolerance: number): asserts found is Quad {
  expect(found).not.toBeNull();
  found?.forEach((p, i) => expect(near(p, corners[i] as Point, tolerance)).toBe(true));
}

/** The sheet found in `photo`, warped onto a rectangle of its size. */
function flatten(photo: Gray, found: Quad): Gray {
  const size = quadSize(found);
  const width = Math.round(size.width);
  const height = Math.round(size.height);
  const toPhoto = rectangleToQuad(found, width, height);
  expect(toPhoto).not.toBeNull();
  return warpGray(photo, toPhoto!, width, height);
}

/**
 * The share of dark pixels (under 150) along each edge of a flattened sheet, `inset` pixels in: the top row, the
 * bottom row, the left column, the right column. Table left along an edge shows there.
 */
function darkAtEdges(flat: Gray, inset: number): number[] {
  const { width, height } = flat;
  const at = (x: number, y: number) => flat.data[y * width + x] ?? 0;
  const share = (values: number[]) => values.filter((v) => v < 150).length / values.length;
  const row = (y: number) => share(Array.from({ length: width }, (_, x) => at(x, y)));
  const col = (x: number) => share(Array.from({ length: height }, (_, y) => at(x, y)));
  return [row(inset), row(height - 1 - inset), col(inset), col(width - 1 - inset)];
}

describe('homography', () => {
  it('takes each corner of one quadrilateral to the same corner of another, and back', () => {
    const from = rectangle(400, 560);
    const to: Quad = [
      { x: 31, y: 76 },
      { x: 595, y: 48 },
      { x: 657, y: 828 },
      { x: 95, y: 888 },
    ];
    const h = homography(from, to);
    const back = homography(to, from);
    expect(h && back).toBeTruthy();
    if (!h || !back) return;
    from.forEach((p, i) => expect(near(applyHomography(h, p.x, p.y), to[i] as Point, 1e-6)).toBe(true));
    const there = applyHomography(h, 123, 456);
    const again = applyHomography(back, there.x, there.y);
    expect(near(again, { x: 123, y: 456 }, 1e-6)).toBe(true);
    // Composed with its inverse: the identity.
    const same = applyHomography(compose(back, h), 77, 99);
    expect(near(same, { x: 77, y: 99 }, 1e-6)).toBe(true);
  });

  it('says null for a degenerate quadrilateral', () => {
    const line: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    expect(homography(rectangle(1, 1), line)).toBeNull();
  });

  it('turns about a centre', () => {
    const p = applyHomography(rotation(Math.PI / 2, 10, 10), 20, 10);
    expect(near(p, { x: 10, y: 20 }, 1e-9)).toBe(true);
  });
});

/** A sheet seen from below: the far (top) edge shorter, and turned a little. */
const corners: Quad = [
  { x: 92, y: 61 },
  { x: 512, y: 80 },
  { x: 571, y: 846 },
  { x: 38, y: 822 },
];

describe('finding the sheet in a photo', () => {
  it('finds the corners of a sheet seen at an angle, within two pixels', () => {
    expectCorners(findPaper(photoOf(corners, 620, 900)), corners, 2);
  });

  it('finds them through a shadow that darkens table and sheet alike', () => {
    const g = photoOf(corners, 620, 900, 110);
    // A falloff to 45 % from the top right to the bottom left, and a hard-edged shadow over the lower left.
    for (let y = 0; y < g.height; y++) {
      for (let x = 0; x < g.width; x++) {
        let shade = 1 - (0.55 * ((g.width - x) / g.width + y / g.height)) / 2;
        if (y > 600 && x < 300) shade *= 0.6;
        const p = y * g.width + x;
        g.data[p] = Math.round((g.data[p] ?? 0) * shade);
      }
    }
    expectCorners(findPaper(g), corners, 3);
  });

  it('finds a sheet on a dark mat that lies on a lighter table, its corner in shadow', () => {
    // As in the TUNE photo raw-courier-erp-5023-photo2: the table near the frame's edge (~100 of 255) is nearly as
    // bright as the sheet's shadowed corner (~130), and the mat between them is dark (~55). The step into the
    // sheet is from the mat, not from the table.
    const canvas = createCanvas(620, 900);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = 'rgb(102,102,102)';
    ctx.fillRect(0, 0, 620, 900);
    ctx.fillStyle = 'rgb(55,55,55)';
    fillPolygon(ctx, [
      { x: 12, y: 20 },
      { x: 600, y: 8 },
      { x: 612, y: 890 },
      { x: 30, y: 896 },
    ]);
    // The sheet, lit from the bottom right: its top left corner in the shadow.
    const light = ctx.createLinearGradient(corners[0].x, corners[0].y, corners[2].x, corners[2].y);
    light.addColorStop(0, 'rgb(132,132,132)');
    light.addColorStop(1, 'rgb(228,228,228)');
    ctx.fillStyle = light;
    fillPolygon(ctx, corners);
    ctx.fillStyle = '#202020';
    ctx.font = '11px DejaVu Sans';
    for (let y = 110; y < 780; y += 22) ctx.fillText('Rechnungs-Nr. ......: SI-7289-B   403,42', 130, y);
    expectCorners(findPaper(toGray(ctx.getImageData(0, 0, 620, 900).data, 620, 900)), corners, 3);
  });

  it('finds nothing in a scan, whose paper fills the frame, even with a dark band and ruled boxes', () => {
    const canvas = createCanvas(620, 880);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(0, 0, 620, 880);
    ctx.fillStyle = '#1d4f91';
    ctx.fillRect(40, 200, 540, 30); // a table's heading band
    ctx.strokeStyle = '#000';
    ctx.strokeRect(40, 60, 200, 60); // a box
    ctx.strokeRect(20, 20, 580, 840); // a frame round the whole page
    ctx.fillStyle = '#111';
    ctx.font = '11px DejaVu Sans';
    for (let y = 260; y < 820; y += 22) ctx.fillText('Managed server (monthly)   11   4.66   51.26', 50, y);
    const g = toGray(ctx.getImageData(0, 0, 620, 880).data, 620, 880);
    expect(findPaper(g)).toBeNull();
  });

  it('finds a sheet whose corner runs off the frame, the corner where its seen sides meet', () => {
    // The top left corner 40 px left of and 30 px above the frame; the other three inside.
    const cut: Quad = [
      { x: -40, y: -30 },
      { x: 540, y: 35 },
      { x: 585, y: 860 },
      { x: 45, y: 875 },
    ];
    const found = findPaper(photoOf(cut, 620, 900));
    expectCorners(found, cut, 3);
    // Flattened, it is all sheet: no table along any edge (what the photo does not show comes out white).
    const flat = flatten(photoOf(cut, 620, 900), found);
    for (const dark of darkAtEdges(flat, 3)) expect(dark).toBeLessThan(0.05);
    expect(flat.data[5 * flat.width + 5]).toBe(255);
  });

  it('finds no sheet when a whole side runs off the frame, rather than a wrong one', () => {
    // The bottom edge below the frame: three sides seen, the fourth nowhere.
    const low: Quad = [
      { x: 70, y: 60 },
      { x: 560, y: 45 },
      { x: 600, y: 990 },
      { x: 20, y: 1010 },
    ];
    expect(findPaper(photoOf(low, 620, 900))).toBeNull();
    // Two corners off to the left, the left side nowhere.
    const left: Quad = [
      { x: -60, y: 40 },
      { x: 560, y: 60 },
      { x: 580, y: 850 },
      { x: -40, y: 870 },
    ];
    expect(findPaper(photoOf(left, 620, 900))).toBeNull();
  });

  it('finds no sheet whose corner would lie far outside the frame', () => {
    // The sides seen are short near the cut corner; extrapolated 200 px out they are not trusted.
    const far: Quad = [
      { x: -200, y: -150 },
      { x: 560, y: 30 },
      { x: 590, y: 870 },
      { x: 30, y: 880 },
    ];
    expect(findPaper(photoOf(far, 620, 900))).toBeNull();
  });

  it('tells a quadrilateral that is the whole frame', () => {
    const frame: Quad = [
      { x: 2, y: 1 },
      { x: 618, y: 3 },
      { x: 619, y: 898 },
      { x: 1, y: 899 },
    ];
    expect(fillsFrame(frame, 620, 900)).toBe(true);
    expect(fillsFrame(corners, 620, 900)).toBe(false);
  });
});

describe('warping the sheet onto a rectangle', () => {
  it('gives back a rectangle: the table gone from every edge, a ruled frame straight and where it was', () => {
    // A sheet with a frame 20 px in from its edges, drawn as a rectangle, then seen at an angle by a known warp
    // (onto `corners`).
    const sheet: Gray = { width: 400, height: 560, data: new Uint8Array(400 * 560).fill(245) };
    for (let y = 0; y < 560; y++) {
      for (let x = 0; x < 400; x++) {
        const onFrame =
          ((x === 20 || x === 21 || x === 379 || x === 378) && y >= 20 && y <= 540) ||
          ((y === 20 || y === 21 || y === 539 || y === 540) && x >= 20 && x <= 379);
        if (onFrame) sheet.data[y * 400 + x] = 0;
      }
    }
    // The photo: every pixel of a 620 × 900 frame looked up on the sheet through the inverse warp; table around.
    const sheetToPhoto = homography(rectangle(400, 560), corners);
    const photoToSheet = sheetToPhoto && homography(corners, rectangle(400, 560));
    expect(photoToSheet).toBeTruthy();
    if (!photoToSheet) return;
    const photo = warpGray(sheet, photoToSheet, 620, 900);
    for (let p = 0; p < photo.data.length; p++) {
      const x = p % 620;
      const y = Math.floor(p / 620);
      const s = applyHomography(photoToSheet, x + 0.5, y + 0.5);
      if (s.x < 0 || s.y < 0 || s.x > 400 || s.y > 560) photo.data[p] = 70;
    }

    const found = findPaper(photo);
    expect(found).not.toBeNull();
    if (!found) return;
    const flat = flatten(photo, found);
    const { width, height } = flat;
    // No table left along any edge: the outermost rows and columns (bar a pixel of blur) are paper.
    for (const dark of darkAtEdges(flat, 2)) expect(dark).toBeLessThan(0.05);
    const at = (x: number, y: number) => flat.data[y * width + x] ?? 0;
    // The frame's sides are straight, level and upright: in each, the dark pixels of one side lie in a band of a
    // few pixels, at the place the frame has on the sheet (scaled to the flattened size). (The outermost three
    // pixels are left out: a pixel of table may remain there.)
    const sx = width / 400;
    const sy = height / 560;
    const darkInRow = (y: number, from: number, to: number) => {
      const xs: number[] = [];
      for (let x = from; x < to; x++) if (at(x, y) < 128) xs.push(x);
      return xs;
    };
    const darkInCol = (x: number, from: number, to: number) => {
      const ys: number[] = [];
      for (let y = from; y < to; y++) if (at(x, y) < 128) ys.push(y);
      return ys;
    };
    const left: number[] = [];
    const right: number[] = [];
    for (let y = Math.round(60 * sy); y < Math.round(500 * sy); y += 10) {
      left.push(...darkInRow(y, 3, Math.round(60 * sx)));
      right.push(...darkInRow(y, Math.round(340 * sx), width - 3));
    }
    const top: number[] = [];
    const bottom: number[] = [];
    for (let x = Math.round(60 * sx); x < Math.round(340 * sx); x += 10) {
      top.push(...darkInCol(x, 3, Math.round(60 * sy)));
      bottom.push(...darkInCol(x, Math.round(500 * sy), height - 3));
    }
    for (const [side, place, scale] of [
      [left, 21, sx],
      [right, 379, sx],
      [top, 21, sy],
      [bottom, 540, sy],
    ] as const) {
      expect(side.length).toBeGreaterThan(10);
      expect(Math.max(...side) - Math.min(...side)).toBeLessThanOrEqual(5);
      const middle = (Math.max(...side) + Math.min(...side)) / 2;
      expect(Math.abs(middle - place * scale)).toBeLessThan(4);
    }
  });
});
