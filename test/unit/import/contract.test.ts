// The import domain mirrors the contract's shapes (domain/ may not import preload/); these tests keep it honest.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DocumentInput,
  ImportResult,
  SupplierInput,
  type ImportPreviewRecord,
} from '../../../preload/contract';
import { prepareImport, type ImportPreviewRecord as OurPreviewRecord } from '../../../main/domain/import';
import { fakeLookup, fixtureBase64 } from './helpers';

// Compile-time: our preview record is assignable to the contract's and back.
const _toContract = (r: OurPreviewRecord): z.infer<typeof ImportPreviewRecord> => r;
const _fromContract = (r: z.infer<typeof ImportPreviewRecord>): OurPreviewRecord => r;

const context = { lookup: fakeLookup({}), existingSupplierNames: () => [] };

describe('import output against the contract', () => {
  it.each([
    ['documents', 'csv', 'documents-good.csv'],
    ['documents', 'csv', 'documents-bad-values.csv'],
    ['documents', 'csv', 'documents-cp1252.csv'],
    ['documents', 'json', 'documents-good.json'],
    ['documents', 'json', 'documents-bad.json'],
    ['suppliers', 'csv', 'suppliers-good.csv'],
    ['suppliers', 'json', 'suppliers.json'],
  ] as const)(
    '%s %s %s: the result passes ImportResult, every valid input passes the create schema',
    (kind, format, name) => {
      const prepared = prepareImport({ kind, format, contentBase64: fixtureBase64(name) }, context);
      const result = {
        dryRun: true,
        fileProblems: prepared.fileProblems,
        createdIds: [],
        ...prepared.preview,
      };
      expect(() => ImportResult.parse(result)).not.toThrow();
      for (const record of prepared.records) {
        if (!record.input) continue;
        const schema = kind === 'documents' ? DocumentInput : SupplierInput;
        const parsed = schema.safeParse({ companyId: 'c1', ...record.input });
        expect(parsed.error?.issues ?? []).toEqual([]);
      }
    },
  );
});
