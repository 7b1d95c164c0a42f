// `neverout export geojson|drill|schema`: hand results and file formats to other tools: a GeoJSON map layer,
// Chaos Toolkit experiments for live drills, JSON Schemas for editors.

import { Command } from 'commander';
import { parseDurationSeconds, parsePositiveInteger } from '../internal/flags.ts';

interface GeoJsonFlags {
  to: string;
  scenario?: string;
}

interface DrillFlags {
  out?: string;
  top: number;
  scenario?: string;
  observe: number;
}

interface SchemaFlags {
  to: string;
}

function createGeoJsonCommand(): Command {
  return new Command('geojson')
    .description('write the sites and links with coordinates as a GeoJSON FeatureCollection (RFC 7946) for maps')
    .argument('<result>', 'result document (result.json)')
    .requiredOption('--to <file>', 'GeoJSON file to write, e.g. nafin.geojson')
    .option('--scenario <id>', 'scenario whose figures, importance and attack to show (default: the first)')
    .action(async (resultFile: string, flags: GeoJsonFlags) => {
      const app = await import('../../app/index.ts');
      const collection = await app.exportGeoJson(resultFile, flags.to, flags.scenario === undefined ? {} : { scenarioId: flags.scenario });
      const sites = collection.features.filter((f) => f.properties.featureType === 'site').length;
      const links = collection.features.length - sites;
      const omitted = collection.metadata.omitted;
      const left =
        omitted.sites.length + omitted.links.length > 0
          ? `; left off for lack of coordinates: ${omitted.sites.length} sites, ${omitted.links.length} links`
          : '';
      process.stdout.write(
        `wrote ${flags.to} (${sites} sites, ${links} links; scenario ${collection.metadata.scenario?.id ?? 'none'}${left})\n`,
      );
    });
}

function createDrillCommand(): Command {
  return new Command('drill')
    .description(
      'write the top weak spots (single points of failure, cheapest sabotage cuts, critical risk groups) as Chaos Toolkit experiments for live drills',
    )
    .argument('<result>', 'result document (result.json)')
    .option('--out <dir>', 'folder to write the experiment files into (default: neverout-out/drills)')
    .option('--top <n>', 'at most this many experiments per kind of weak spot', parsePositiveInteger('--top'), 5)
    .option('--scenario <id>', 'scenario whose availability and importance the experiments carry (default: the first)')
    .option(
      '--observe <duration>',
      'time to observe after the injection before the steady state is checked again (90s, 5m)',
      parseDurationSeconds('--observe'),
      300,
    )
    .action(async (resultFile: string, flags: DrillFlags) => {
      const app = await import('../../app/index.ts');
      const { drills, paths } = await app.exportDrills(resultFile, {
        top: flags.top,
        observeSeconds: flags.observe,
        ...(flags.out !== undefined ? { outDir: flags.out } : {}),
        ...(flags.scenario !== undefined ? { scenarioId: flags.scenario } : {}),
      });
      if (drills.length === 0) {
        process.stdout.write(
          `no weak spots to drill in ${resultFile}: no single point of failure, disconnecting attack or critical risk group\n`,
        );
        return;
      }
      drills.forEach((drill, i) => process.stdout.write(`wrote ${paths[i]}: ${drill.experiment.title}\n`));
    });
}

function createSchemaCommand(): Command {
  return new Command('schema')
    .description('write JSON Schemas of the topology and study formats (for editor completion and validation)')
    .requiredOption('--to <dir>', 'folder to write topology.schema.json and study.schema.json into')
    .action(async (flags: SchemaFlags) => {
      const app = await import('../../app/index.ts');
      for (const path of await app.exportSchemas(flags.to)) process.stdout.write(`wrote ${path}\n`);
    });
}

/** Creates `neverout export geojson|drill|schema` (subcommands get exitOverride here, like top-level ones in main). */
export function createExportCommand(): Command {
  return new Command('export')
    .description('export a result for maps (geojson) or live drills (drill), or the file-format JSON Schemas (schema)')
    .addCommand(createGeoJsonCommand().exitOverride())
    .addCommand(createDrillCommand().exitOverride())
    .addCommand(createSchemaCommand().exitOverride());
}
