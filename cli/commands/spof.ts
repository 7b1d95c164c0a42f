// `neverout spof [FILE]`: exhaustive N-k analysis. For every service: its single points of failure (elements and
// risk groups whose failure alone takes it down) and all minimal cut sets up to an order, exact and deterministic.

import { Command } from 'commander';
import type { CutSetAnalysis } from '../../engine/index.ts';
import { analyseCutSets, compilePlan, formatDiagnostic, loadInput, resolveRunOptions, type TopologyModel } from '../../scenarios/index.ts';
import { CliUsageError, parsePositiveInteger } from '../internal/cli-errors.ts';

interface SpofFlags {
  order: number;
  maxCutSets: number;
  json?: boolean;
  quiet?: boolean;
}

function describeElement(topology: TopologyModel, id: string): string {
  const node = topology.nodes.find((n) => n.id === id);
  if (node !== undefined) return `${node.name} [node ${id}]`;
  const link = topology.links.find((l) => l.id === id);
  if (link !== undefined) return `${link.medium} link ${link.from} - ${link.to} [${id}]`;
  const group = topology.riskGroups.find((g) => g.id === id);
  return group !== undefined ? `${group.name} [risk group ${id}]` : id;
}

/** Text listing of a cut-set analysis, names first. */
export function formatCutSets(analysis: CutSetAnalysis, topology: TopologyModel): string {
  const lines: string[] = [];
  for (const service of analysis.services) {
    const name = topology.services.find((s) => s.id === service.serviceId)?.name ?? service.serviceId;
    const spofs = service.cutSets.filter((c) => c.order === 1);
    lines.push(`${name} [${service.serviceId}]`);
    lines.push(`  single points of failure (${spofs.length}):`);
    for (const c of spofs) lines.push(`    - ${describeElement(topology, c.elements[0])}`);
    for (let order = 2; order <= analysis.maxOrder; order++) {
      const sets = service.cutSets.filter((c) => c.order === order);
      lines.push(`  minimal cut sets of order ${order} (${sets.length}${service.truncated && order === analysis.maxOrder ? ', truncated' : ''}):`);
      for (const c of sets.slice(0, 25)) lines.push(`    - ${c.elements.map((e) => describeElement(topology, e)).join(' + ')}`);
      if (sets.length > 25) lines.push(`    ... ${sets.length - 25} more (--json lists all)`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export const spofCommand = new Command('spof')
  .description('list single points of failure and minimal cut sets per service (exact, deterministic)')
  .argument('[file]', 'topology or study file (default: the embedded default study)')
  .option('--order <k>', 'largest cut-set order, 1 to 8', parsePositiveInteger('--order'), 3)
  .option('--max-cut-sets <n>', 'stop listing a service after this many cut sets', parsePositiveInteger('--max-cut-sets'), 10_000)
  .option('--json', 'print the analysis as JSON')
  .option('--quiet', 'no warnings')
  .action(async (file: string | undefined, flags: SpofFlags) => {
    if (flags.order > 8) throw new CliUsageError(`--order must be an integer in [1, 8], got "${flags.order}"`);
    const loaded = await loadInput(file ?? null, (d) => (flags.quiet === true ? undefined : process.stderr.write(`${formatDiagnostic(d)}\n`)));
    const compiled = compilePlan(loaded.topology, loaded.study, resolveRunOptions(loaded.study, {}));
    const analysis = analyseCutSets(compiled.plan.model, flags.order, flags.maxCutSets);
    if (flags.json === true) process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
    else process.stdout.write(formatCutSets(analysis, compiled.topology));
  });
