// Files chosen for a document before its first save. They stay in the editor (the browser holds them) until the save
// that adds them to the draft succeeds: a save refused, or a file the core refuses after the draft was created, loses
// nothing, and the next save adds what is left.
import { toApiCallError } from '../../../api/errors';

/**
 * Adds the chosen files to the saved draft one by one (`add`). A file added, or found on the draft already (the core
 * answers `conflict` for this very file), is done; the others are left, each with why, for the next save.
 */
export async function addChosenFiles<F extends { name: string }>(
  files: readonly F[],
  add: (file: F) => Promise<void>,
): Promise<{ left: F[]; problems: string[] }> {
  const left: F[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      await add(file);
    } catch (error) {
      const failure = toApiCallError(error);
      if (failure.code === 'conflict') continue;
      left.push(file);
      problems.push(`${file.name} was not added: ${failure.message}`);
    }
  }
  return { left, problems };
}

/** Why a file cannot be chosen: one of the same name and size is chosen already; null when it can be. */
export function chosenTwice<F extends { name: string; size: number }>(
  chosen: readonly F[],
  file: F,
): string | null {
  const same = chosen.some((f) => f.name === file.name && f.size === file.size);
  return same ? `${file.name} is chosen already. Nothing was added.` : null;
}
