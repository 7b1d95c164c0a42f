// Failure sets evaluated once for every service that shares the evaluation (traffic: a matrix and each of its
// demands route the same matrix), kept while the cut sets of a model's services are enumerated one after another.

import type { CompiledModel } from '../../model.ts';

/**
 * Evaluations per model, per scope (see SharedEvaluation in engine/services) and per failure set (its sorted
 * member codes joined by commas, codes as in CutSet: elements, then risk groups as elementCount + g).
 */
export interface SharedEvaluationCache {
  readonly byModel: WeakMap<CompiledModel, Map<object, SharedStates>>;
}

/** What one scope shares per failure set (keyed as above). */
export interface SharedStates {
  /** The scope's evaluation of the set (SharedEvaluation.evaluate). */
  readonly evaluations: Map<string, Float64Array>;
  /** The elements the kind's markWitness marks in the set's state, ascending (the set leaves the services up). */
  readonly witnesses: Map<string, Int32Array>;
}

/** An empty cache; live for one analysis of a model's services (it holds a few small arrays per evaluated set). */
export function createSharedEvaluationCache(): SharedEvaluationCache {
  return { byModel: new WeakMap() };
}

/**
 * The evaluations of failure sets of `model` kept for `scope`. Keyed by model too: member codes name elements of
 * one model, and a view (without layers, or with one service part) is another model.
 */
export function listSharedEvaluations(
  cache: SharedEvaluationCache,
  model: CompiledModel,
  scope: object,
): SharedStates {
  let scopes = cache.byModel.get(model);
  if (scopes === undefined) {
    scopes = new Map();
    cache.byModel.set(model, scopes);
  }
  let states = scopes.get(scope);
  if (states === undefined) {
    states = { evaluations: new Map(), witnesses: new Map() };
    scopes.set(scope, states);
  }
  return states;
}
