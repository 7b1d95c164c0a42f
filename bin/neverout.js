#!/usr/bin/env node
// neverout's executable: registers the TypeScript loader (tsx) and starts the CLI. No build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
