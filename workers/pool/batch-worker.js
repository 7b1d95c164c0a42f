// Worker-thread shim: worker threads do not inherit the tsx loader registered in the main thread, so register
// it here before loading the TypeScript worker (works the same under the CLI and under vitest).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./batch-worker.ts');

export default worker.default;
