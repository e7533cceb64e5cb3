// The mark on a field read the way the bookkeeper taught for this supplier: "Learned", read out as "Learned from
// your earlier correction". It stands in the field's label, so it is part of the input's accessible name.

const learnedId = (field: string) => `learned-${field}`;

export function LearnedBadge({ field }: { field: string }) {
  return (
    <span
      className="badge badge--info"
      title="Read the way you corrected it on an earlier invoice from this supplier"
      data-testid={learnedId(field)}
      style={{ marginLeft: '0.25rem', verticalAlign: 'middle' }}
    >
      Learned<span className="sr-only"> from your earlier correction</span>
    </span>
  );
}
