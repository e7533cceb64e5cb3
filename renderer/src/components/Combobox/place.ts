// Where a picker's popup goes in the window: under its input, or above it when the window has more room there, and
// never past the window's edges (a line picker near the bottom of a 768 px window would otherwise hang out of it).

/** A row of the popup, as Combobox draws it. */
export const ROW_HEIGHT = 34;
/** The popup's border (1 px each side), and the room it keeps from the input and the window's edges. */
export const BORDERS = 2;
const GAP = 2;
const MARGIN = 8;
const MIN_WIDTH = 260;

/** Where the popup goes: under the input, or above it when there is more room there; never past the window. */
export function placePopup(
  input: { left: number; top: number; bottom: number; width: number },
  view: { width: number; height: number },
  wanted: number,
): { left: number; top: number; width: number; maxHeight: number } {
  const width = Math.min(Math.max(input.width, MIN_WIDTH), view.width - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(input.left, view.width - MARGIN - width));
  const below = view.height - MARGIN - (input.bottom + GAP);
  const above = input.top - GAP - MARGIN;
  // Under the input when it fits there whole, or when there is no more room above.
  if (below >= wanted || below >= above) {
    return { left, top: input.bottom + GAP, width, maxHeight: Math.max(ROW_HEIGHT, Math.min(wanted, below)) };
  }
  const maxHeight = Math.max(ROW_HEIGHT, Math.min(wanted, above));
  return { left, top: input.top - GAP - maxHeight, width, maxHeight };
}
