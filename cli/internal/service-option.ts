// Parses the --service flag of `import` and `run` on imported formats:
// `connected:a,b,c` or `reach:a,b>c,d` or `reach:a,b>c,d:2`.

import type { ServiceOption } from '../../scenarios/index.ts';
import { CliUsageError } from './cli-errors.ts';

const ids = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

export function parseServiceOption(spec: string): ServiceOption {
  const connected = /^connected:(.+)$/.exec(spec);
  if (connected !== null) {
    const endpoints = ids(connected[1]);
    if (endpoints.length >= 2) return { kind: 'connected', endpoints };
  }
  const reach = /^reach:([^>]+)>([^:]+)(?::(\d+))?$/.exec(spec);
  if (reach !== null) {
    const from = ids(reach[1]);
    const to = ids(reach[2]);
    const k = reach[3] === undefined ? 1 : Number(reach[3]);
    if (from.length >= 1 && to.length >= 1 && k >= 1) return { kind: 'reach', from, to, k };
  }
  throw new CliUsageError(`--service must be connected:ID,ID,... or reach:FROM,...>TO,...[:k], got "${spec}"`);
}
