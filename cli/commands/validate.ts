// `neverout validate [FILE]`: checks a topology or study file (or a network to import) without running it.

import { Command } from 'commander';
import { addImportFlags, inputArgument, type ImportFlags } from '../internal/flags.ts';

interface ValidateFlags extends ImportFlags {
  quiet?: boolean;
}

/** Creates the `validate` command. */
export function createValidateCommand(): Command {
  const command = new Command('validate')
    .description('check a topology or study file (default: the embedded default study) and report every problem')
    .argument('[file]', 'topology or study file (YAML or JSON), or a network to import (GML, GraphML, CSV); none or "default": the embedded illustrative NAFIN study')
    .option('--quiet', 'no warnings');
  addImportFlags(command);
  return command.action(async (file: string | undefined, flags: ValidateFlags) => {
    const app = await import('../../app/index.ts');
    const input = inputArgument(file);
    // Warnings print as they are found, so that they also show beside the errors of an invalid input.
    const { counts } = await app.validateInput(input, {
      ...(flags.service !== undefined ? { service: flags.service } : {}),
      ...(flags.links !== undefined ? { linksCsv: flags.links } : {}),
      ...(flags.quiet !== true ? { onWarning: (w: string) => process.stderr.write(`${w}\n`) } : {}),
    });
    process.stdout.write(
      `${input ?? 'default study'}: valid (${counts.nodes} nodes, ${counts.links} links, ${counts.riskGroups} risk groups, ` +
        `${counts.services} services, ${counts.scenarios} scenarios)\n`,
    );
  });
}
