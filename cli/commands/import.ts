// `neverout import FILE --to topology.yaml`: converts a GML (Internet Topology Zoo dialect), GraphML or CSV
// network into neverout's topology format, filling failure parameters from public generic defaults.

import { Command } from 'commander';
import {
  formatDiagnostic,
  importTopologyFile,
  serializeTopologyYaml,
  ScenarioError,
  validateTopology,
  type Diagnostic,
} from '../../scenarios/index.ts';
import { writeFileAtomic } from '../internal/atomic-write.ts';
import { CliUsageError } from '../internal/cli-errors.ts';
import { parseServiceOption } from '../internal/service-option.ts';

interface ImportFlags {
  to: string;
  links?: string;
  service?: string;
  quiet?: boolean;
}

export const importCommand = new Command('import')
  .description('convert a GML, GraphML or CSV topology into a neverout topology file')
  .argument('<file>', 'GML, GraphML (.graphml, .xml) or CSV (nodes table) file')
  .requiredOption('--to <file>', 'topology file to write (YAML)')
  .option('--links <file>', 'CSV only: the links table')
  .option('--service <spec>', 'service to create: connected:ID,ID,... or reach:FROM,...>TO,...[:k] (default: all-terminal)')
  .option('--quiet', 'no warnings')
  .action(async (file: string, flags: ImportFlags) => {
    if (!/\.(ya?ml|json)$/i.test(flags.to)) throw new CliUsageError(`--to must name a .yaml, .yml or .json file, got "${flags.to}"`);
    const warnings: Diagnostic[] = [];
    const { document, source } = await importTopologyFile(
      file,
      {
        ...(flags.links !== undefined ? { linksCsv: flags.links } : {}),
        ...(flags.service !== undefined ? { service: parseServiceOption(flags.service) } : {}),
      },
      (d) => warnings.push(d),
    );
    const validation = await validateTopology(source.document);
    if (validation.kind === 'invalid') throw new ScenarioError(validation.diagnostics);
    if (flags.quiet !== true) for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
    const text = /\.json$/i.test(flags.to) ? `${JSON.stringify(document, null, 2)}\n` : serializeTopologyYaml(document);
    await writeFileAtomic(flags.to, text);
    const model = validation.model;
    process.stdout.write(`imported ${file}: ${model.nodes.length} nodes, ${model.links.length} links, ${model.services.length} service(s) -> ${flags.to}\n`);
  });
