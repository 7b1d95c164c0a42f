// Worker-thread shim: registers the tsx loader in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./time-worker.ts');

export default worker.default;
