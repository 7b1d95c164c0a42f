// Architecture rules (STYLE.md "Dependency direction", docs/architecture.md): dependencies point towards engine/,
// only cli/ uses app/, nothing imports cli/, each folder is used through its one entry (index.ts), the worker entry
// imports only the protocol and the engine, and there are no cycles.
//
//   cli ──> app ──> reports ──> engine
//                ├─> workers ──> engine
//                └─> scenarios ─> engine
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'engine-is-pure',
      comment: 'engine/ imports nothing from the project outside engine/, and no I/O or thread modules',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(scenarios|workers|reports|app|cli)/|^(node:)?(fs|fs/promises|worker_threads|child_process|net|http|https|process)$' },
    },
    { name: 'nothing-imports-cli', severity: 'error', from: { pathNot: '^cli/' }, to: { path: '^cli/' } },
    { name: 'only-cli-imports-app', severity: 'error', from: { pathNot: '^(cli|app)/' }, to: { path: '^app/' } },
    { name: 'scenarios-only-engine', severity: 'error', from: { path: '^scenarios/' }, to: { path: '^(workers|reports|app|cli)/' } },
    {
      name: 'workers-only-engine',
      comment: 'workers/ runs plans of any kind and never sees a scenario file, a report or the application',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^(scenarios|reports|app|cli)/' },
    },
    { name: 'reports-read-results-only', severity: 'error', from: { path: '^reports/' }, to: { path: '^(scenarios|workers|app|cli)/' } },
    {
      name: 'worker-entry-isolated',
      severity: 'error',
      from: { path: '^workers/pool/batch-worker' },
      to: { path: '^(workers/(?!protocol|pool/batch-worker)|scenarios|reports|app|cli)' },
    },
    {
      name: 'cli-uses-the-app',
      comment: 'cli/ parses flags and prints: it uses the application layer (and reads the version), nothing else',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(engine|scenarios|workers|reports)/', pathNot: '^engine/version\\.ts$' },
    },
    {
      name: 'one-entry-per-folder',
      comment: 'another top-level folder is used through its index.ts (its public API), never its internals',
      severity: 'error',
      from: { path: '^(engine|scenarios|workers|reports|app|cli)/' },
      to: { path: '^(engine|scenarios|workers|reports|app)/', pathNot: ['^$1/', '^[a-z]+/index\\.ts$', '^engine/version\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
