// What the save of a captured file taught, said where the bookkeeper lands next (the document's attached files,
// the queue of files): the fields learned for the supplier's next invoice, or why nothing could be learned.
import { fieldList } from './model';
import { useCaptures } from './store';

export function LearnedNote({ documentId }: { documentId: string }) {
  const item = useCaptures((s) => s.items.find((i) => i.documentId === documentId));
  if (!item) return null;
  if (item.learningProblem) {
    return (
      <p className="field__error" data-testid="capture-learning-problem">
        {item.learningProblem}
      </p>
    );
  }
  if (!item.learned?.length) return null;
  return (
    <p className="muted" role="status" data-testid="capture-learned-saved">
      Learned from your corrections for this supplier’s next invoice: {fieldList(item.learned)}.
    </p>
  );
}
