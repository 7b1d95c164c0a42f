// `neverout import FILE --to topology.yaml`: converts a GML (Internet Topology Zoo dialect), GraphML or CSV
// network into neverout's topology format, filling failure parameters from public generic defaults.

import { Command } from 'commander';
import { addImportFlags, type ImportFlags } from '../internal/flags.ts';

interface ImportCommandFlags extends ImportFlags {
  to: string;
  quiet?: boolean;
}

/** Creates the `import` command. */
export function createImportCommand(): Command {
  const command = new Command('import')
    .description('convert a GML, GraphML or CSV topology into a neverout topology file')
    .argument('<file>', 'GML, GraphML (.graphml, .xml) or CSV (nodes table) file')
    .requiredOption('--to <file>', 'topology file to write (.yaml, .yml or .json)')
    .option('--quiet', 'no warnings');
  addImportFlags(command);
  return command.action(async (file: string, flags: ImportCommandFlags) => {
    const app = await import('../../app/index.ts');
    const model = await app.importNetwork(file, flags.to, {
      ...(flags.links !== undefined ? { linksCsv: flags.links } : {}),
      ...(flags.service !== undefined ? { service: flags.service } : {}),
      onWarning: (text) => (flags.quiet === true ? undefined : process.stderr.write(`${text}\n`)),
    });
    process.stdout.write(
      `imported ${file}: ${model.nodes.length} nodes, ${model.links.length} links, ${model.services.length} service(s) -> ${flags.to}\n`,
    );
  });
}
