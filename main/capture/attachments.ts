// Attached files: kept in the data directory under attachments/, named by their sha256, so the same file stored
// twice takes the room of one. A file is written to a temporary name and renamed into place, so a crash leaves
// either the whole file or nothing under its final name.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError, notFound } from '../domain/errors.js';
import { newId, nowIso } from '../db/sql-helpers.js';
import { removeThumbnail } from './thumbnails.js';

export interface AttachmentRecord {
  id: string;
  documentId: string;
  fileName: string;
  sha256: string;
  size: number;
  mimeType: string;
  createdAt: string;
  /** The document's revision when the file was added (0: with the draft). */
  addedInRevision: number;
}

interface AttachmentRow {
  id: string;
  document_id: string;
  file_name: string;
  sha256: string;
  size: number;
  mime_type: string;
  created_at: string;
  added_in_revision: number;
}

const toRecord = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id,
  documentId: r.document_id,
  fileName: r.file_name,
  sha256: r.sha256,
  size: r.size,
  mimeType: r.mime_type,
  createdAt: r.created_at,
  addedInRevision: r.added_in_revision,
});

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

function filePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(attachmentsDir(dataDir), sha256);
}

/**
 * Puts the file's bytes in place (temporary name, fsync, rename). Returns whether it was written now, so a caller
 * whose database write then fails can take back a file nothing else refers to.
 */
export function storeFile(dataDir: string, sha256: string, bytes: Uint8Array): { created: boolean } {
  const target = filePath(dataDir, sha256);
  if (fs.existsSync(target) && fs.statSync(target).size === bytes.length) return { created: false };
  fs.mkdirSync(attachmentsDir(dataDir), { recursive: true, mode: 0o700 });
  const temp = path.join(attachmentsDir(dataDir), `.tmp-${randomUUID()}`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  return { created: true };
}

/** Removes a stored file when no attachment row refers to it any more. */
export function removeFileIfUnused(db: Database, dataDir: string, sha256: string): void {
  const used = db
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM attachments WHERE sha256 = ?')
    .get(sha256);
  if ((used?.n ?? 0) === 0) {
    fs.rmSync(filePath(dataDir, sha256), { force: true });
    removeThumbnail(dataDir, sha256);
  }
}

export function insertAttachment(
  db: Database,
  row: {
    documentId: string;
    fileName: string;
    sha256: string;
    size: number;
    mimeType: string;
    addedInRevision?: number;
  },
): AttachmentRecord {
  const record: AttachmentRecord = { id: newId(), createdAt: nowIso(), addedInRevision: 0, ...row };
  db.prepare(
    `INSERT INTO attachments (id, document_id, file_name, sha256, size, mime_type, created_at, added_in_revision)
     VALUES (@id, @documentId, @fileName, @sha256, @size, @mimeType, @createdAt, @addedInRevision)`,
  ).run(record);
  return record;
}

export function listAttachments(db: Database, documentId: string): AttachmentRecord[] {
  return db
    .prepare<[string], AttachmentRow>(
      'SELECT * FROM attachments WHERE document_id = ? ORDER BY created_at, id',
    )
    .all(documentId)
    .map(toRecord);
}

export function getAttachment(db: Database, id: string): AttachmentRecord {
  const row = db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE id = ?').get(id);
  if (!row) throw notFound('Attachment', id);
  return toRecord(row);
}

export function readAttachmentFile(dataDir: string, record: AttachmentRecord): Buffer {
  try {
    return fs.readFileSync(filePath(dataDir, record.sha256));
  } catch (error) {
    throw notFoundFile(record, error);
  }
}

function notFoundFile(record: AttachmentRecord, error: unknown): Error {
  return new AppError(
    'not_found',
    `The file ${record.fileName} is missing from the data folder (attachments/${record.sha256.slice(0, 12)}…). Restore the data folder from a backup, or attach the file again.`,
    { detail: String(error) },
  );
}

/** Documents of the company that already carry this very file. */
export function documentsWithFile(
  db: Database,
  companyId: string,
  sha256: string,
): { id: string; number: string; type: string }[] {
  return db
    .prepare<[string, string], { id: string; number: string; type: string }>(
      `SELECT d.id, d.number, d.type FROM attachments a JOIN documents d ON d.id = a.document_id
       WHERE a.sha256 = ? AND d.company_id = ? AND d.status != 'canceled' ORDER BY d.created_at`,
    )
    .all(sha256, companyId);
}
