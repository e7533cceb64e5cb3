// The Files card of a document not saved yet: files dropped or picked are listed here and added to the draft when
// it is saved (addChosenFiles.ts), so the invoice's PDF goes on with the draft instead of after it.
import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { DropZone, FileProblems, FilesCardHead, sizeText } from '../files/FilesPanel';
import { chosenTwice } from './addChosenFiles';

export function ChosenFiles({
  files,
  setFiles,
  problems,
}: {
  files: File[];
  setFiles: Dispatch<SetStateAction<File[]>>;
  /** Files a save could not add: they are still listed, and the next save tries them again. */
  problems: string[];
}) {
  // The files as chosen so far, for several files picked at once (each is checked against the ones before it).
  const current = useRef(files);
  useEffect(() => {
    current.current = files;
  }, [files]);
  const choose = async (file: File) => {
    const twice = chosenTwice(current.current, file);
    if (twice) throw new Error(twice);
    current.current = [...current.current, file];
    setFiles(current.current);
  };
  return (
    <section className="card" aria-labelledby="h-files" data-testid="attachments">
      <FilesCardHead count={files.length} />
      {files.length > 0 && (
        <ul className="files" data-testid="files">
          {files.map((f) => (
            <li
              key={`${f.name} ${f.size} ${f.lastModified}`}
              className="file"
              data-testid="chosen-file"
              data-file-name={f.name}
            >
              <div className="file__body">
                <div className="file__name">
                  <strong>{f.name}</strong> <span className="muted">{sizeText(f.size)}</span>{' '}
                  <span className="badge badge--info" data-testid="file-origin">
                    Added when the draft is saved
                  </span>
                </div>
                <div className="file__actions">
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => setFiles((list) => list.filter((x) => x !== f))}
                    aria-label={`Remove ${f.name}`}
                    data-testid="file-remove"
                  >
                    Remove
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <FileProblems problems={problems} testId="chosen-file-problems" />
      <DropZone
        count={files.length}
        note=" They are added to the draft when you save it."
        onAdd={choose}
        onDone={() => undefined}
      />
    </section>
  );
}
