// A connection's name: what Ledgerbridge calls it on its card, on the Send button and in every message, so that a
// bookkeeper with two QuickBooks Desktop company files (or two Xero organisations) tells them apart. Set when the
// connection is added (the system's name unless changed) and changed with Rename… on its card.
import { useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { TextField } from '../../components/ui';
import { useAction } from '../../lib/useAction';
import type { ApiCallError } from '../../api/errors';
import { formProblems, requestQuiet } from '../../state/app';

/** The longest name the API takes (ConnectionName). */
export const NAME_MAX = 100;

/**
 * What a refusal says about the name, for the field: a clash in the API's own sentence (it says how to fix it; the
 * field problem alone would not), anything else as the field problem.
 */
export function nameErrorsOf(
  error: unknown,
  problems: { field: string; message: string }[],
): string[] | undefined {
  const onName = problems.filter((p) => p.field === 'name');
  if (onName.length === 0) return undefined;
  if ((error as ApiCallError).code === 'conflict') return [(error as Error).message];
  return onName.map((p) => p.message);
}

export function ConnectionNameField({
  id,
  value,
  onChange,
  errors,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
  errors?: string[] | undefined;
}) {
  return (
    <TextField
      label="Name"
      id={id}
      value={value}
      onChange={onChange}
      errors={
        errors ??
        (value.trim() === '' ? ['Type a name, say the company file or organisation it reaches.'] : undefined)
      }
      hint="What Ledgerbridge calls this connection on its card, on the Send button and in messages: say, the company file or organisation it reaches."
      maxLength={NAME_MAX}
      autoComplete="off"
      required
    />
  );
}

/** Rename…'s form on a connection's card: the name in place, saved with Enter or Save, a refusal under the field. */
export function RenameConnection({
  connection,
  onDone,
}: {
  connection: ConnectionT;
  onDone(renamed: ConnectionT | null): void;
}) {
  const [name, setName] = useState(connection.name);
  const [errors, setErrors] = useState<string[] | undefined>(undefined);
  const { busy, run } = useAction();
  const id = `connection-rename-${connection.id}`;

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (name.trim() === connection.name) return onDone(null);
    setErrors(undefined);
    void run(
      'rename',
      async () => onDone(await requestQuiet('connections.update', { id: connection.id, name: name.trim() })),
      {
        onError: (error) => {
          const problems = formProblems(error);
          setErrors(
            nameErrorsOf(error, problems) ?? (problems.length > 0 ? [(error as Error).message] : undefined),
          );
        },
      },
    );
  }

  return (
    <form className="rename-form" onSubmit={save} noValidate data-testid="connection-rename-form">
      <ConnectionNameField
        id={id}
        value={name}
        onChange={(value) => {
          setName(value);
          setErrors(undefined);
        }}
        errors={errors}
      />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy !== null || name.trim() === ''}
          data-testid="connection-rename-save"
        >
          {busy ? 'Saving…' : 'Save name'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onDone(null)}
          data-testid="connection-rename-cancel"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
