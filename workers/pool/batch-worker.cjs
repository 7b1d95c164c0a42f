// The pool threads' entry, in CommonJS: piscina loads a worker file with require() first, and Node 20's require()
// of an ES module can abort the whole process on a module whose loading is still under way ("v8::Module::IsGraphAsync
// must be used on an instantiated module", seen once in CI). This file is plain CommonJS, and it loads the batch
// worker (the compiled module, or from the sources the shim that registers the TypeScript loader) with import().
// No Node options are passed to the threads for this, so they inherit the process's own, V8 flags included.
'use strict';

const ready = import('./batch-worker.js');
// A worker that cannot load fails its first task with the reason; never an unhandled rejection before that.
ready.catch(() => undefined);

module.exports = async function runBatchTask(task) {
  const worker = await ready;
  return worker.default(task);
};
