#!/usr/bin/env node
// neverout's executable: starts the CLI compiled to JavaScript in dist/ (built by `npm ci` / `npm install` through
// the package's prepare script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('neverout is not built yet: run `npm install` (or `npm run build`) in its folder first\n');
  process.exit(1);
}
await import(main);
