// Architecture rules (STYLE.md "Dependency direction"): dependencies point towards engine/, nothing imports
// cli/, the worker entry imports only the protocol and the engine, and there are no cycles.
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'engine-is-pure',
      comment: 'engine/ imports nothing from the project outside engine/, and no I/O or thread modules',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(scenarios|workers|reports|cli)/|^(node:)?(fs|fs/promises|worker_threads|child_process|net|http|https|process)$' },
    },
    { name: 'nothing-imports-cli', severity: 'error', from: { pathNot: '^cli/' }, to: { path: '^cli/' } },
    { name: 'scenarios-only-engine', severity: 'error', from: { path: '^scenarios/' }, to: { path: '^(workers|reports|cli)/' } },
    {
      name: 'workers-never-see-reports',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^(reports|cli)/' },
    },
    {
      name: 'workers-core-no-scenarios',
      comment: 'the pool and protocol never see scenario files; only the distributed worker re-validates studies it is sent',
      severity: 'error',
      from: { path: '^workers/(pool|protocol|run-plan|index)' },
      to: { path: '^scenarios/' },
    },
    {
      name: 'worker-entry-isolated',
      severity: 'error',
      from: { path: '^workers/pool/batch-worker' },
      to: { path: '^(workers/(?!protocol|pool/batch-worker)|scenarios|reports|cli)' },
    },
    {
      name: 'import-public-api',
      comment: "another top-level folder is imported through an index.ts (its public API), never its internals",
      severity: 'error',
      from: { path: '^(engine|scenarios|workers|reports|cli)/' },
      to: { path: '^(engine|scenarios|workers|reports)/', pathNot: ['^$1/', 'index\\.ts$'] },
    },
    { name: 'reports-read-results-only', severity: 'error', from: { path: '^reports/' }, to: { path: '^(scenarios|workers|cli)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
