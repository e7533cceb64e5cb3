import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import zonesPlugin from './eslint/import-zones.js';

/** SQL in a string or template literal that changes outbox_jobs: only main/sync may write it. */
const OUTBOX_WRITES = ['Literal[value', 'TemplateElement[value.raw'].map((node) => ({
  selector: `${node}=/(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+outbox_jobs\\b/i]`,
  message:
    'Only main/sync writes outbox_jobs: queue through main/sync/outbox.ts and settle jobs through the ledger (main/sync/jobs.ts).',
}));

/** Any SQL naming outbox_jobs, for main/api: it neither writes nor reads the table. */
const OUTBOX_ANY = ['Literal[value', 'TemplateElement[value.raw'].map((node) => ({
  selector: `${node}=/\\boutbox_jobs\\b/i]`,
  message:
    'Only main/sync writes outbox_jobs, and main/api does not even read it: ask the ledger (main/sync/job-reads.ts, re-exported by main/sync/jobs.ts) for what it needs.',
}));

/**
 * Who in main/ may import whom, by resolved path (eslint/import-zones.js), so one zone holds at every folder
 * depth. Each zone is proved to fire by test/unit/boundaries/zones.test.ts; docs/architecture.md says why.
 */
const zones = [
  {
    // A connector's folder talks to its own system; what connectors share lives beside them
    // (main/connectors/*.ts: contract, registry, reference outcomes) or in main/connectors/http/.
    from: '^main/connectors/([^/]+)/',
    forbid: ['^main/connectors/(?!$1/|http/)[^/]+/'],
    message:
      "A connector never imports another system's folder: share it through main/connectors/*.ts (contract.ts) or main/connectors/http/, or move it above the connectors (main/job-costing/, main/accounting/).",
  },
  {
    // A connector keeps its books through the ledger only: main/sync/jobs.ts (with job-reads, its reads of the
    // outbox) and the modules it is made of (the
    // job rows of outbox.ts, document-sync and file-deliveries (what reached each connection), backoff, log, redact,
    // events-after-commit). The push worker's own parts
    // (reference resolution, error classification, rate limits, connections) are not a connector's business;
    // external links and connections are db/ repositories.
    from: '^main/connectors/',
    forbid: [
      '^main/sync/(?!(jobs|job-reads|outbox|document-sync|file-deliveries|backoff|log|redact|events-after-commit)$)',
    ],
    message:
      "A connector uses no sync internals but the ledger (sync/jobs.ts and job-reads, outbox.ts's types, document-sync, file-deliveries, backoff, log, redact, events-after-commit); links are db/repos/external-links.ts, connections db/repos/connections.ts.",
  },
  {
    // Only main/sync writes outbox_jobs: a connector may name a job row's type, never queue one.
    from: '^main/connectors/',
    forbid: ['^main/sync/outbox$'],
    allowTypes: true,
    message:
      "Only main/sync writes the outbox: a connector imports outbox.ts's types only (import type); what queues jobs for a system (ServiceTrade's jobs and invoices) lives in main/job-costing/.",
  },
  {
    // The API asks the registry about systems (registry.ts, and the contract's types), never a connector's files:
    // what only one system offers is an extension reached through the registry (contract.ts, "Extensions").
    from: '^main/api/',
    forbid: ['^main/connectors/(?!(registry|contract)$)'],
    message:
      "main/api reaches connectors only through main/connectors/registry.ts (and contract.ts): ask the registry for the system and its capability, never import a connector's files.",
  },
  {
    // main/accounting/ is what all accounting systems share above the connectors: it reaches a system through the
    // registry and the contract, keeps its books through db/, domain/ and sync's ledger, and never reaches up.
    from: '^main/accounting/',
    forbid: [
      '^main/api(/|$)',
      '^main/electron(/|$)',
      '^electron$',
      '^renderer/',
      '^main/connectors/(?!(registry|contract)$)',
      '^main/sync/worker$',
    ],
    message:
      'main/accounting/ sits below the API and above the connectors: it reaches a system only through main/connectors/registry.ts and contract.ts, and never imports main/api, the worker, Electron or the renderer.',
  },
];

/**
 * The renderer's import rules: never main/, Node or Electron; and, from anywhere, another feature's files only
 * through its index ("features/jobs", not "features/jobs/JobRow"). `extra` adds a rule for one part of it.
 */
function rendererPatterns(extra) {
  return [
    { group: ['**/main/**', 'node:*', 'electron'], message: 'The renderer talks only to the API.' },
    {
      regex: '(^|/)features/[^/]+/(?!index(\\.js)?$)',
      message: 'A feature is reached only through its index (import from ".../features/<feature>").',
    },
    ...(extra ? [extra] : []),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts'],
    plugins: { ledgerbridge: zonesPlugin },
    rules: { 'ledgerbridge/import-zones': ['error', zones] },
  },
  {
    // Only main/sync writes outbox_jobs (outbox.ts queues, jobs.ts keeps the books): SQL that changes the table
    // anywhere else is refused. test/unit/boundaries/outbox-writes.test.ts scans main/ for it as well.
    files: ['main/**/*.ts'],
    ignores: ['main/sync/**', 'main/api/**'],
    rules: { 'no-restricted-syntax': ['error', ...OUTBOX_WRITES] },
  },
  {
    // main/api does not even read it: what the API shows of jobs comes from the ledger (main/sync/job-reads.ts).
    files: ['main/api/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...OUTBOX_ANY] },
  },
  {
    // Only main/electron/ may talk to Electron; the core must run in plain Node.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }] },
      ],
    },
  },
  {
    // Connector boundaries: a connector talks to its system and to the ledger below it, never to the layers that
    // use it (the API, accounting, capture, the worker). docs/adding-a-system.md; test/unit/connectors/boundaries.
    files: ['main/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }],
          patterns: [
            {
              group: ['**/api/*', '**/accounting/*', '**/capture/*', '**/sync/worker', '**/sync/worker.js'],
              message: 'Connectors sit below the API, accounting, capture and the worker: never import them.',
            },
          ],
        },
      ],
    },
  },
  // Pure domain code: no I/O, nothing of ours outside main/domain/.
  ...[
    { files: ['main/domain/*.ts'], outside: ['../*'] },
    { files: ['main/domain/*/*.ts'], outside: ['../../*'] },
  ].map(({ files, outside }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'better-sqlite3', 'keytar'],
              message: 'domain/ is pure.',
            },
            { group: outside, message: 'domain/ imports only domain/.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: rendererPatterns() }],
    },
  },
  // Features (renderer/src/features/<name>/) reach each other only through their index.ts; the shared code under
  // them (components/, lib/, state/, api/) does not reach features at all. One block per folder depth, since the
  // rule sees the import as written ("../jobs/JobRow" leaves a feature from its top folder, "../../jobs/JobRow"
  // from one below). A later block replaces the rule's options, so each repeats the renderer's own patterns.
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`renderer/src/features/*/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: rendererPatterns({
            regex: `^(\\.\\./){${depth}}[^./][^/]*/(?!index(\\.js)?$)`,
            message: 'Another feature is reached only through its index (import from "../<feature>").',
          }),
        },
      ],
    },
  })),
  {
    files: ['renderer/src/{components,lib,state,api}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: rendererPatterns({
            regex: '(^|/)features(/|$)',
            message: 'Shared renderer code does not import features; move what both need here instead.',
          }),
        },
      ],
    },
  },
);
