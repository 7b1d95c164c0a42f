// The catalogue of user-facing messages for input files: every sentence a planner may read lives here, so the
// wording stays consistent and tests can refer to one place.

import { describeValue } from './scenario-error.ts';

export const MESSAGES = {
  expected: (what: string, received: unknown) => `expected ${what}, got ${describeValue(received)}`,
  unknownField: (field: string, allowed: readonly string[]) =>
    `unknown field "${field}" (allowed: ${allowed.join(', ')})`,
  missingField: (what: string) => `is required: expected ${what}`,
  duplicateId: (id: string, firstPath: string) => `duplicate id "${id}" (first used at ${firstPath})`,
  unknownNode: (id: string) => `unknown node id "${id}"`,
  unknownElement: (id: string) => `unknown node, link or risk-group id "${id}"`,
  unknownService: (id: string) => `unknown service id "${id}"`,
  selfLoop: (id: string) => `link connects node "${id}" to itself`,
  unknownLink: (id: string) => `unknown link id "${id}"`,
  routeOverLogical: (id: string) =>
    `link "${id}" is itself routed (over): a logical link runs over physical links only (nesting is not supported)`,
  routeOverServiceLink: (id: string) =>
    `link "${id}" is not a physical link: a route runs over links marked layer: physical`,
  physicalRouted: () => 'a physical link (layer: physical) cannot be routed over other links: remove over or layer',
  protectionWithoutRoute: () => 'protection needs a working route: give over as well',
  repeatedRouteLink: (id: string) => `link "${id}" appears twice in the route`,
  routeNotPath: (from: string, to: string, detail: string) => `the route is not a path from "${from}" to "${to}": ${detail}`,
  routesShareLink: (id: string) => `link "${id}" is on the working route too: 1+1 protection needs a disjoint route`,
  noPhysicalRoute: (from: string, to: string) => `no route of physical links joins "${from}" and "${to}"`,
  noDisjointRoute: (from: string, to: string, working: readonly string[]) =>
    `no protection route: no path of physical links from "${from}" to "${to}" avoids the working route (${working.join(', ')})`,
  oneFailureModel: (fields: readonly string[]) =>
    `give one failure model, not several: ${fields.join(', ')} (use availability, failureProbability, mtbf+mttr or cutRate+repairTime)`,
  pairedField: (present: string, missing: string) => `${present} needs ${missing} as well`,
  cutRateNeedsLength: () => 'cutRate needs lengthKm (or coordinates on both end nodes)',
  cutRateFibreOnly: (medium: string) => `cutRate applies to fibre links, not ${medium}`,
  perfectElement: (kind: 'node' | 'link', id: string) =>
    `${kind} "${id}" has no failure parameters and no default applies: it is treated as perfect (never fails)`,
  zeroProbability: (kind: 'node' | 'link', id: string) => `${kind} "${id}" never fails (failure probability 0)`,
  isolatedNode: (id: string) => `node "${id}" has no links`,
  disconnectedEndpoints: (service: string) =>
    `service "${service}" is down even with nothing failed: its endpoints are not connected in the topology`,
  unmetWhenIntact: (service: string, kind: string) =>
    `service "${service}" is down even with nothing failed: the intact network does not meet its ${kind} requirement`,
  linkNeedsCapacity: (service: string) =>
    `no capacity: service "${service}" (kind capacity) counts this link as carrying nothing; give one, e.g. capacity: 10 Gbit/s`,
  linkNeedsRestorationCapacity: (service: string) =>
    `no capacity: service "${service}" (kind traffic) restores no traffic over this link; give one, e.g. capacity: 10 Gbit/s`,
  linkNeedsDelay: (service: string, kind = 'latency') =>
    `no delay: service "${service}" (kind ${kind}) cannot use this link; give delay: 0.4 ms or lengthKm: 80 (or coordinates on both end nodes)`,
  demandToItself: (id: string) => `a demand from "${id}" to itself: give two different nodes`,
  duplicateDemand: (from: string, to: string, firstPath: string) =>
    `duplicate demand from "${from}" to "${to}" (first given at ${firstPath}): add the volumes into one demand`,
  sourceIsSink: (id: string) => `node "${id}" is in both "from" and "to": the service could never be down`,
  emptyRiskGroup: (id: string) => `risk group "${id}" selects no node or link`,
  riskGroupProbability: () => 'give either probability, or rate and duration',
  reachK: (k: number, toCount: number) => `k must be at most the number of "to" endpoints (${toCount}), got ${k}`,
  duplicateEndpoint: (id: string) => `endpoint "${id}" is listed twice`,
  repeatedId: (id: string, firstPath: string) => `"${id}" is named twice (first at ${firstPath})`,
  sabotageBudgetTooLarge: (budget: number, available: number, what: string, logicalLinks: boolean) =>
    available === 0
      ? `there are no ${what} an attack may pick from (a budget of ${budget})`
      : `expected a whole number of elements from 1 to ${available} (the ${what} an attack may pick from${
          logicalLinks ? ': a logical link is attacked through its route' : ''
        }), got ${budget}`,
  sabotageUnavailable: () => 'sabotage strategies need the graph-analysis engine',
  unknownFormat: (expected: string, received: unknown) =>
    `expected format "${expected}", got ${describeValue(received)}`,
  readFailed: (reason: string) => `cannot read file: ${reason}`,
  notUtf8: (byte: number, utf16: boolean) =>
    utf16
      ? 'UTF-16 text (it starts with a UTF-16 byte order mark): save the file as UTF-8'
      : `not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}): save the file as UTF-8`,
} as const;
