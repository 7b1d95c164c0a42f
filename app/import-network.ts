// Use case "import": converts a GML (Internet Topology Zoo), GraphML or CSV network into a neverout topology file,
// filling failure parameters from public generic defaults.

import { InputError } from '../engine/index.ts';
import { writeFileAtomic } from '../reports/index.ts';
import { formatDiagnostic, importTopologyFile, serializeTopologyYaml, type ServiceOption, type TopologyModel } from '../scenarios/index.ts';

/** Options of importNetwork; every field optional. */
export interface ImportNetworkOptions {
  /** CSV only: the links table. */
  linksCsv?: string;
  /** The service to create (default: all-terminal). */
  service?: ServiceOption;
  onWarning?: (text: string) => void;
}

/**
 * Imports `file` and writes the topology to `to` (.yaml, .yml or .json).
 * @returns the validated topology
 * @throws InputError for a bad target name; ScenarioError (located) for a file that cannot be imported
 */
export async function importNetwork(file: string, to: string, options: ImportNetworkOptions = {}): Promise<TopologyModel> {
  if (!/\.(ya?ml|json)$/i.test(to)) throw new InputError(`--to must name a .yaml, .yml or .json file, got "${to}"`);
  const warn = options.onWarning ?? (() => undefined);
  const { document, model } = await importTopologyFile(file, {
    logger: (d) => warn(formatDiagnostic(d)),
    ...(options.linksCsv !== undefined ? { linksCsv: options.linksCsv } : {}),
    ...(options.service !== undefined ? { service: options.service } : {}),
  });
  const text = /\.json$/i.test(to) ? `${JSON.stringify(document, null, 2)}\n` : serializeTopologyYaml(document);
  await writeFileAtomic(to, text);
  return model;
}
