// Files chosen for a new document are added once its draft is saved; what cannot be added yet stays chosen.
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../renderer/src/api/errors';
import { addChosenFiles, chosenTwice } from '../../../renderer/src/features/documents/editor/addChosenFiles';

const file = (name: string, size = 100) => ({ name, size });

describe('addChosenFiles', () => {
  it('adds every file and leaves none when all go on', async () => {
    const added: string[] = [];
    const result = await addChosenFiles([file('a.pdf'), file('b.png')], async (f) => {
      added.push(f.name);
    });
    expect(added).toEqual(['a.pdf', 'b.png']);
    expect(result).toEqual({ left: [], problems: [] });
  });

  it('keeps a file the core refused, with why, and goes on with the next', async () => {
    const b = file('b.pdf');
    const result = await addChosenFiles([file('a.pdf'), b, file('c.pdf')], async (f) => {
      if (f.name === 'b.pdf') throw new ApiCallError('internal', 'The data folder is full. Free some room.');
    });
    expect(result.left).toEqual([b]);
    expect(result.problems).toEqual(['b.pdf was not added: The data folder is full. Free some room.']);
  });

  it('counts a file already on the draft as added', async () => {
    const result = await addChosenFiles([file('a.pdf')], async () => {
      throw new ApiCallError('conflict', 'This very file is already on this purchase order, as a.pdf.');
    });
    expect(result).toEqual({ left: [], problems: [] });
  });
});

describe('chosenTwice', () => {
  it('refuses a file of the same name and size as one chosen, and takes another', () => {
    const chosen = [file('a.pdf', 100)];
    expect(chosenTwice(chosen, file('a.pdf', 100))).toBe('a.pdf is chosen already. Nothing was added.');
    expect(chosenTwice(chosen, file('a.pdf', 101))).toBeNull();
    expect(chosenTwice(chosen, file('b.pdf', 100))).toBeNull();
  });
});
