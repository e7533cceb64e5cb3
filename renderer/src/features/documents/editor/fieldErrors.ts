// The problems of a failed save, by the id of the element they belong to, for the editor's fields to show.
import type { FieldProblem } from '../../../api/errors';
import { elementIdForField } from '../../../lib/editorModel';
import { problemMessage } from '../../../lib/problems';

export interface FieldErrors {
  /** The messages for an element, or undefined when it has none. */
  err(elementId: string): string[] | undefined;
  invalid(elementId: string): boolean;
}

export function fieldErrors(problems: readonly FieldProblem[]): FieldErrors {
  const byElement = new Map<string, string[]>();
  for (const p of problems) {
    const el = elementIdForField(p.field);
    if (!el) continue;
    byElement.set(el, [...(byElement.get(el) ?? []), problemMessage(p)]);
  }
  return { err: (el) => byElement.get(el), invalid: (el) => byElement.has(el) };
}
