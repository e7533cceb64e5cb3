import { describe, expect, it } from 'vitest';
import { placePopup } from '../../../renderer/src/components/Combobox/place';

const view = { width: 1024, height: 768 };
const eight = 8 * 34 + 2;

describe("a picker's popup in the window", () => {
  it('opens under the input when it fits there whole', () => {
    expect(placePopup({ left: 340, top: 300, bottom: 334, width: 200 }, view, eight)).toEqual({
      left: 340,
      top: 336,
      width: 260,
      maxHeight: eight,
    });
  });

  it('opens above the input near the window’s bottom, where there is more room', () => {
    const input = { left: 546, top: 663, bottom: 697, width: 200 };
    const placed = placePopup(input, view, eight);
    expect(placed.top + placed.maxHeight).toBe(input.top - 2);
    expect(placed.maxHeight).toBe(eight);
  });

  it('shortens the list to the room there is, on the side with more of it', () => {
    const short = { width: 1024, height: 300 };
    const placed = placePopup({ left: 340, top: 120, bottom: 154, width: 200 }, short, eight);
    expect(placed.top).toBe(156);
    expect(placed.top + placed.maxHeight).toBe(300 - 8);
  });

  it('stays inside the window at its right edge', () => {
    const placed = placePopup({ left: 900, top: 300, bottom: 334, width: 100 }, view, eight);
    expect(placed.left + placed.width).toBe(1024 - 8);
    expect(placed.width).toBe(260);
  });
});
