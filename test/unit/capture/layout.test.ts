import { describe, expect, it } from 'vitest';
import { buildLines } from '../../../main/domain/capture/layout.js';
import type { PageText, Word } from '../../../main/domain/capture/words.js';

/** Words of a table turned by `degrees` about the page's centre, as a scanner that fed the page askew. */
function turnedPage(degrees: number, skewKnown: boolean): PageText {
  const width = 1700;
  const height = 2200;
  const angle = (degrees * Math.PI) / 180;
  const rows = [
    ['Copper', 'pipe', '15mm', '12', '14.00', '168.00'],
    ['Electrician', 'labour', '8', '95.00', '760.00'],
    ['Window', 'cleaning', '4.5', '30.00', '135.00'],
  ];
  // The description's words a space apart (12 px); the numbers in their columns.
  const xs = (row: string[]) => {
    const description = row.slice(0, row.length - 3);
    const out: number[] = [];
    let x = 150;
    for (const word of description) {
      out.push(x);
      x += word.length * 18 + 12;
    }
    return [...out, 1000, 1250, 1500];
  };
  const words: Word[] = [];
  rows.forEach((row, r) => {
    const y = 800 + r * 46; // rows 46 px apart, text 30 px high
    xs(row).forEach((x, i) => {
      const text = row[i] ?? '';
      const w = text.length * 18;
      // Turn the word's centre about the page centre.
      const cx = x + w / 2 - width / 2;
      const cy = y + 15 - height / 2;
      const tx = cx * Math.cos(angle) - cy * Math.sin(angle) + width / 2;
      const ty = cx * Math.sin(angle) + cy * Math.cos(angle) + height / 2;
      words.push({
        text,
        page: 1,
        box: { x: (tx - w / 2) / width, y: (ty - 15) / height, w: w / width, h: 30 / height },
        confidence: 0.9,
      });
    });
  });
  return { number: 1, width, height, words, skew: skewKnown ? angle : 0 };
}

describe('buildLines', () => {
  it('rebuilds the rows of a page scanned 2° askew once the skew is known', () => {
    const lines = buildLines([turnedPage(2, true)]);
    expect(lines.map((l) => l.segments.map((s) => s.text))).toEqual([
      ['Copper pipe 15mm', '12', '14.00', '168.00'],
      ['Electrician labour', '8', '95.00', '760.00'],
      ['Window cleaning', '4.5', '30.00', '135.00'],
    ]);
    // Words keep their boxes as seen on the image, for highlighting.
    const amount = lines[0]?.segments[3]?.words[0];
    expect(amount?.box.y).toBeGreaterThan(lines[0]?.segments[0]?.words[0]?.box.y ?? 1);
  });

  it('cuts a line into cells where the gap is wider than a space', () => {
    const lines = buildLines([turnedPage(0, false)]);
    expect(lines[1]?.segments.map((s) => s.text)).toEqual(['Electrician labour', '8', '95.00', '760.00']);
  });
});

describe('justified lines', () => {
  // "Invoice number: 123" on a line justified to the width of its column: gaps of two text heights.
  const page = (joined: boolean): PageText => ({
    number: 1,
    width: 595,
    height: 842,
    words: ['Invoice', 'number:', '123'].map((text, i) => ({
      text,
      page: 1,
      box: { x: (40 + i * 70) / 595, y: 100 / 842, w: 40 / 595, h: 10 / 842 },
      confidence: 1,
      ...(joined && i > 0 ? { joined: true } : {}),
    })),
  });

  it('keeps the words of a justified line (Word.joined) in one cell however wide the gaps', () => {
    expect(buildLines([page(true)])[0]?.segments.map((s) => s.text)).toEqual(['Invoice number: 123']);
  });

  it('cuts the same gaps into cells when the words are not joined', () => {
    expect(buildLines([page(false)])[0]?.segments.map((s) => s.text)).toEqual(['Invoice', 'number:', '123']);
  });
});
