// Worker-thread shim: worker threads do not inherit the tsx loader registered in the main thread, so register
// it here before loading the TypeScript entry (as workers/pool/batch-worker.js does).
import { register } from 'tsx/esm/api';

register();
await import('./compile-spec-worker.ts');
