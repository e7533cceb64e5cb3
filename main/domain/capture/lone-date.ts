// A letter's date: an invoice written as a business letter prints its date alone at the top right, with no label
// ("3 May 2024"), often after the place it was written in ("Lyon, le 3 mai 2024", "Berlin, den 03.05.2024").
// When no label gave the invoice date, such a date standing alone on its line in the top third of the first page,
// no label's value (a delivery, due or order date beside or above it) and under no heading of its own, is the
// invoice date, with a confidence that asks for a look.
import type { Found } from './extraction.js';
import { candidatesFor, found, overlapsX, readingConfidence, type ReadContext } from './fields.js';
import type { TextLine } from './layout.js';
import { KIND, type LabelHit } from './labels.js';
import { parseDate } from './values.js';
import type { Word } from './words.js';

/** The confidence of a date read by where it stands, not by a label. */
export const LONE_DATE_CONFIDENCE = 0.6;

/** "Lyon, le ", "Berlin, den ", "Madrid, a ", "London, ": the place the letter was written in. */
const PLACE = /^\p{Lu}[\p{L}.'’ -]{1,40},\s*(?:(?:le|den|am|el|a|il|li|op|on|em|the)\s+)?/u;

export function loneDate(
  lines: readonly TextLine[],
  hits: readonly LabelHit[],
  hitsAt: ReadonlyMap<string, LabelHit[]>,
  ctx: ReadContext,
): Found<string> | null {
  const firstPage = lines[0]?.page;
  // Every word a date's, an order's or a delivery's label may take as its value: a date there is that label's.
  const taken = new Set<Word>();
  for (const hit of hits) {
    if (KIND[hit.field] !== 'date' && hit.field !== 'ignore' && hit.field !== 'orderNumber') continue;
    for (const c of candidatesFor(lines as TextLine[], hit, hitsAt as Map<string, LabelHit[]>))
      for (const w of c.words) taken.add(w);
  }
  for (const line of lines) {
    if (line.page !== firstPage || line.box.y + line.box.h / 2 > 1 / 3) continue;
    // Alone on its line: beside a cell of its own line it is that cell's value, whatever its label says.
    if (line.segments.length !== 1) continue;
    // Under a heading of its own (a word the vocabulary does not know, "Buchungsdatum"), it is that heading's.
    const above = lines[line.index - 1];
    if (
      above &&
      above.page === line.page &&
      line.box.y - (above.box.y + above.box.h) < line.height * 2.5 &&
      above.segments.some((a) => overlapsX(a.box, line.box) && !/\d/.test(a.text) && a.words.length <= 3)
    )
      continue;
    for (const [s, segment] of line.segments.entries()) {
      if ((hitsAt.get(`${line.index}:${s}`) ?? []).length > 0) continue;
      if (segment.words.some((w) => taken.has(w))) continue;
      const place = PLACE.exec(segment.text);
      const rest = place ? segment.text.slice(place[0].length) : segment.text;
      const date = parseDate(rest, ctx.order, { decided: ctx.decided });
      // The date is all the cell holds, but for a closing dot.
      if (!date || date.index !== 0 || rest.slice(date.length).replace(/[\s.]/g, '') !== '') continue;
      const confidence =
        LONE_DATE_CONFIDENCE * readingConfidence(segment.words) * (date.ambiguous ? 0.85 : 1);
      return found(date.value, confidence, segment.words, line.page);
    }
  }
  return null;
}
