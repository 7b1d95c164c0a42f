// The chart pool threads' entry, in CommonJS: piscina loads a worker file with require() first, and Node 20's
// require() of an ES module can abort the whole process on a module whose loading is still under way. This file is
// plain CommonJS, and it loads the chart worker (the compiled module, or from the sources the shim that registers
// the TypeScript loader) with import(). No Node options are passed to the threads for this, so they inherit the
// process's own, V8 flags included.
'use strict';

const ready = import('./chart-render-worker.js');
// A worker that cannot load fails its first task with the reason; never an unhandled rejection before that.
ready.catch(() => undefined);

module.exports = async function renderChartTask(task) {
  const worker = await ready;
  return worker.default(task);
};
