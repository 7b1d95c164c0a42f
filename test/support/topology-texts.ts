// Test support: small topology texts that the e2e tests write next to the studies they make.

/** Two sites and two links, the second of which never fails: loading it warns at line 8, column 5 (links[1]). */
export const TOPOLOGY_WITH_A_WARNING = [
  'format: neverout-topology/1',
  'name: W',
  'nodes:',
  '  - { id: s, kind: site, failureProbability: 0 }',
  '  - { id: t, kind: site, failureProbability: 0 }',
  'links:',
  '  - { id: st, from: s, to: t, medium: fibre, failureProbability: 0.1 }',
  '  - { id: st2, from: s, to: t, medium: fibre, failureProbability: 0 }',
  'services:',
  '  - { id: s-t, name: s to t, kind: connected, endpoints: [s, t] }',
  '',
].join('\n');
