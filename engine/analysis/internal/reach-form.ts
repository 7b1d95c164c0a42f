// A service restated in one uniform shape for the analysis algorithms: "every `from` node is up and reaches at
// least k up `to` nodes", as its kind restates it (a k-terminal connected service T is reach(from = [T0], to = T,
// k = |T|)).

import type { CompiledService } from '../../model.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';
import type { ReachForm } from '../../services/service-kind.ts';

export type { ReachForm };

/**
 * Restates `service` as a reach form (see file header and ServiceKindDefinition.toReachForm).
 * @param nodeCount number of nodes of the topology the service lives on
 */
export function toReachForm(service: CompiledService, nodeCount: number): ReachForm {
  return serviceKindOf(service).toReachForm(service, nodeCount);
}
