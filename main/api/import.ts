// documents.import: the pure half (main/domain/import) decodes, parses, resolves and previews; this half looks
// names up in the database and writes. All or nothing by default; with onlyValid, the valid records only.
// A large file is decoded and parsed in a worker thread (import-thread.ts), and its records are resolved in
// slices with a pause between them, so the API and the UI keep answering during a big dry run.
import type { ImportResultT, ParsedInput } from '../../preload/contract.js';
import { getCompany } from '../db/repos/companies.js';
import { documentNumbersOfType, findDocumentByNumber, findDocumentRow } from '../db/repos/documents.js';
import { findListEntryByName, findTaxRateByName, listTaxRates } from '../db/repos/reference-lists.js';
import { findSupplier, findSupplierByName, insertSupplier } from '../db/repos/suppliers.js';
import { AppError, isAppError } from '../domain/errors.js';
import {
  buildPreviewPausing,
  resolveDocumentRecordsPausing,
  type ImportLookup,
  type PreparedImport,
} from '../domain/import/index.js';
import type { ApiContext } from './context.js';
import { createDocument } from './documents.js';
import { parseImport } from './import-thread.js';

/** Remembers a lookup's answers by key: a file of thousands of documents names the same few suppliers. */
function remembered<T>(look: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = look(key);
    answers.set(key, answer);
    return answer;
  };
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

function lookupFor(ctx: ApiContext, companyId: string, baseCurrency: string): ImportLookup {
  const numbers = new Map<string, Set<string>>();
  const taxRates = new Map(listTaxRates(ctx.db, companyId).map((r) => [r.id, r]));
  return {
    baseCurrency,
    supplierByName: remembered((name) => findSupplierByName(ctx.db, companyId, name)),
    supplierById: (id) => {
      const supplier = findSupplier(ctx.db, id);
      return supplier && supplier.companyId === companyId ? supplier : null;
    },
    documentById: (id) => {
      const row = findDocumentRow(ctx.db, id);
      return row && row.company_id === companyId
        ? {
            id: row.id,
            type: row.type,
            supplierId: row.supplier_id,
            currency: row.currency,
            number: row.number,
          }
        : null;
    },
    taxRateByName: remembered((name) => findTaxRateByName(ctx.db, companyId, name)),
    taxRateById: (id) => taxRates.get(id) ?? null,
    listEntryByName: (() => {
      const byKind = new Map<string, (name: string) => ReturnType<ImportLookup['listEntryByName']>>();
      return (kind: Parameters<ImportLookup['listEntryByName']>[0], name: string) => {
        let look = byKind.get(kind);
        if (!look) {
          look = remembered((n) => findListEntryByName(ctx.db, companyId, kind, n));
          byKind.set(kind, look);
        }
        return look(name);
      };
    })(),
    documentByNumber: (number, types) => {
      const row = findDocumentByNumber(ctx.db, companyId, number, types);
      return row ? { id: row.id, type: row.type, supplierId: row.supplier_id, currency: row.currency } : null;
    },
    existingNumbers: (type) => {
      let set = numbers.get(type);
      if (!set) numbers.set(type, (set = documentNumbersOfType(ctx.db, companyId, type)));
      return set;
    },
  };
}

async function prepare(
  ctx: ApiContext,
  input: ParsedInput<'documents.import'>,
  company: { id: string; baseCurrency: string },
): Promise<PreparedImport> {
  const parsed = await parseImport(
    { kind: input.kind, format: input.format, content: input.content, contentBase64: input.contentBase64 },
    () =>
      ctx.db
        .prepare<[string], { name: string }>('SELECT name FROM suppliers WHERE company_id = ?')
        .all(company.id)
        .map((r) => r.name),
  );
  if (parsed.kind === 'suppliers')
    return { ...parsed, preview: await buildPreviewPausing(parsed.records, pause) };
  const records = await resolveDocumentRecordsPausing(
    parsed.records,
    lookupFor(ctx, company.id, company.baseCurrency),
    pause,
  );
  return {
    kind: 'documents',
    fileProblems: parsed.fileProblems,
    records,
    preview: await buildPreviewPausing(records, pause),
  };
}

export async function importFile(
  ctx: ApiContext,
  input: ParsedInput<'documents.import'>,
): Promise<ImportResultT> {
  const company = getCompany(ctx.db, input.companyId);
  const prepared = await prepare(ctx, input, company);
  const { preview } = prepared;
  const result: ImportResultT = {
    dryRun: input.dryRun,
    records: preview.records,
    fileProblems: prepared.fileProblems,
    validCount: preview.validCount,
    invalidCount: preview.invalidCount,
    createdIds: [],
  };
  if (input.dryRun) return result;
  if (prepared.fileProblems.length > 0 || (preview.invalidCount > 0 && !input.onlyValid)) {
    const first = prepared.fileProblems[0]?.message;
    throw new AppError(
      'validation_failed',
      first
        ? `Nothing was imported: ${first}`
        : `Nothing was imported: ${preview.invalidCount} of ${preview.records.length} records have problems. Fix them, or choose "Import only the valid ${preview.validCount}".`,
    );
  }

  const createdIds: string[] = [];
  const records = result.records.map((r) => ({ ...r, problems: [...r.problems] }));
  // Each valid record becomes a thunk that creates it through the same path as the API's create methods.
  const creators: ((() => string) | null)[] =
    prepared.kind === 'suppliers'
      ? prepared.records.map((r) => {
          const input = r.input;
          return input ? () => insertSupplier(ctx.db, company.id, input).id : null;
        })
      : prepared.records.map((r) => {
          const input = r.input;
          return input
            ? () =>
                createDocument(
                  ctx,
                  { ...input, number: input.number ?? undefined, companyId: company.id },
                  { quiet: true },
                ).id
            : null;
        });
  // One transaction: a whole-file import either lands completely or not at all.
  ctx.db.transaction(() => {
    creators.forEach((create, index) => {
      if (!create) return;
      try {
        createdIds.push(create());
      } catch (error) {
        if (!isAppError(error)) throw error;
        const label = records[index]?.label ?? `Record ${index + 1}`;
        if (!input.onlyValid) {
          throw new AppError('validation_failed', `Nothing was imported: ${label}: ${error.userMessage}`);
        }
        const target = records[index];
        if (target) {
          target.valid = false;
          target.problems.push({ row: target.rows[0] ?? null, column: null, message: error.userMessage });
        }
      }
    });
  })();
  ctx.emit({
    type: 'progress',
    task: 'import',
    done: records.length,
    total: records.length,
    message: `Imported ${createdIds.length} ${input.kind}.`,
  });
  const invalidCount = records.filter((r) => !r.valid).length;
  return { ...result, records, createdIds, validCount: records.length - invalidCount, invalidCount };
}
