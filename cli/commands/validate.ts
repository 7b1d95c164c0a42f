// `neverout validate [FILE]`: checks a topology or study file without running it.

import { Command } from 'commander';
import { formatDiagnostic, loadInput, type Diagnostic } from '../../scenarios/index.ts';

export const validateCommand = new Command('validate')
  .description('check a topology or study file (default: the embedded default study) and report every problem')
  .argument('[file]', 'topology or study file (YAML or JSON)')
  .action(async (file: string | undefined) => {
    const warnings: Diagnostic[] = [];
    const loaded = await loadInput(file ?? null, (d) => warnings.push(d));
    for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
    const t = loaded.topology;
    process.stdout.write(
      `${file ?? 'default study'}: valid (${t.nodes.length} nodes, ${t.links.length} links, ${t.riskGroups.length + loaded.study.riskGroups.length} risk groups, ` +
        `${t.services.length} services, ${loaded.study.scenarios.length} scenarios)\n`,
    );
  });
