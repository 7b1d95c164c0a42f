// Worker-thread shim for running from the TypeScript sources (tests, development): worker threads do not inherit
// the loader registered in the main thread, so register it here first. The build replaces this file with the
// compiled entry.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./chart-render-worker.ts');

export default worker.default;
