// The one way engine code caches data built from a plan: keyed by object identity (plans are immutable, so a worker
// builds each model's or scenario's data once) and, below that, by a value.

/** `map.get(key)`, or the value `build()` makes, stored under `key` first. */
export function getOrBuild<K extends object, V>(map: WeakMap<K, V>, key: K, build: () => V): V;
export function getOrBuild<K, V>(map: Map<K, V>, key: K, build: () => V): V;
export function getOrBuild<K extends object, V>(map: Map<K, V> | WeakMap<K, V>, key: K, build: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = build();
    map.set(key, value);
  }
  return value;
}

/** Per (model, scenario) data of one purpose: `cache.get(model, scenario, key, build)` builds once per triple. */
export class ScenarioCache<M extends object, S extends object, K, V> {
  private readonly byModel = new WeakMap<M, WeakMap<S, Map<K, V>>>();

  /** The value of (model, scenario, key), built by `build` on first use. */
  get(model: M, scenario: S, key: K, build: () => V): V {
    const byScenario = getOrBuild(this.byModel, model, () => new WeakMap<S, Map<K, V>>());
    return getOrBuild(getOrBuild(byScenario, scenario, () => new Map<K, V>()), key, build);
  }
}
