// `neverout export geojson|drill|schema` (and `neverout export-drill`): hand results and file formats to other
// tools: a GeoJSON map layer, Chaos Toolkit experiments for live drills, JSON Schemas for editors. The result
// exports read only the result document; the schema export derives from the zod schemas.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import type { ResultDocument } from '../../engine/index.ts';
import {
  buildDrillExperiments,
  buildGeoJson,
  checkExportInput,
  findJsonSyntaxError,
  writeDrillExperiments,
  writeGeoJson,
} from '../../reports/export/index.ts';
import { checkResultDocument, ReportInputError } from '../../reports/index.ts';
import { parseSourceDocument, ScenarioError, type Diagnostic } from '../../scenarios/index.ts';
import { buildJsonSchemaFiles } from '../../scenarios/index.ts';
import { writeFileAtomic } from '../internal/atomic-write.ts';
import { CliUsageError, parseDurationSeconds, parsePositiveInteger } from '../internal/cli-errors.ts';

/** Default folder of `export drill`. */
const DEFAULT_DRILL_DIR = join('neverout-out', 'drills');

function fileError(file: string, message: string, line = 0, column = 0): Diagnostic {
  return { severity: 'error', file, line, column, path: '', message };
}

/** 1-based line and column of a character offset. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Splits a problem path such as `scenarios[0].services[2].availability` into segments for the locator. */
function pathSegments(path: string): Array<string | number> {
  if (path.startsWith('(')) return [];
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/**
 * Reads a result document for export: a missing file, invalid JSON, another result version or a damaged document
 * becomes a ScenarioError whose diagnostics give `file:line:column path` (exit code 2).
 */
async function readResultInput(file: string): Promise<ResultDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError([
      fileError(file, `cannot read file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`),
    ]);
  }
  // Editors on some systems start UTF-8 files with a byte order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = findJsonSyntaxError(text);
    if (located !== null) {
      const where = lineColumnAt(text, located.offset);
      const message = `not a result document: invalid JSON: expected ${located.expected}, got ${located.received}`;
      throw new ScenarioError([fileError(file, message, where.line, where.column)]);
    }
    throw new ScenarioError([
      fileError(file, `not a result document: invalid JSON: ${error instanceof Error ? error.message : String(error)}`),
    ]);
  }
  try {
    return checkExportInput(checkResultDocument(value, file), file);
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    // Locating is only needed on this path, so the (slower) position-keeping parse runs only for broken documents.
    const source = parseSourceDocument(file, text);
    const locate = (path: Array<string | number>) =>
      source.kind === 'ok' ? source.document.locate(path) : { line: 0, column: 0 };
    throw new ScenarioError(
      error.problems.map((p) => {
        const segments = pathSegments(p.path);
        const where = locate(segments);
        const path = segments.length === 0 ? '' : p.path;
        const message = `${segments.length === 0 ? 'not a result document: ' : ''}expected ${p.expected}, got ${p.received}`;
        return { severity: 'error', file, line: where.line, column: where.column, path, message };
      }),
    );
  }
}

/** Checks `--scenario` against the document, naming the flag and the ids it may take. */
function checkScenarioFlag(doc: ResultDocument, file: string, scenarioId: string | undefined): void {
  if (scenarioId === undefined || doc.scenarios.some((s) => s.id === scenarioId)) return;
  const known = doc.scenarios.map((s) => s.id).join(', ');
  throw new CliUsageError(
    `--scenario must be a scenario id of ${file} (${known === '' ? 'it has none' : known}), got "${scenarioId}"`,
  );
}

interface GeoJsonFlags {
  to: string;
  scenario?: string;
}

const geojsonCommand = new Command('geojson')
  .description('write the sites and links with coordinates as a GeoJSON FeatureCollection (RFC 7946) for maps')
  .argument('<result>', 'result document (result.json of `neverout run`)')
  .requiredOption('--to <file>', 'GeoJSON file to write, e.g. nafin.geojson')
  .option('--scenario <id>', 'scenario whose figures, importance and attack to show (default: the first)')
  .action(async (resultFile: string, flags: GeoJsonFlags) => {
    const doc = await readResultInput(resultFile);
    checkScenarioFlag(doc, resultFile, flags.scenario);
    const collection = buildGeoJson(doc, flags.scenario === undefined ? {} : { scenarioId: flags.scenario });
    await writeGeoJson(flags.to, collection);
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

interface DrillFlags {
  out: string;
  top: number;
  scenario?: string;
  observe: number;
}

/** The drill export under a given command name (`drill` below `export`, and the top-level `export-drill`). */
function createDrillCommand(name: string): Command {
  return new Command(name)
    .description(
      'write the top weak spots (single points of failure, cheapest sabotage cuts, critical risk groups) as Chaos Toolkit experiments for live drills',
    )
    .argument('<result>', 'result document (result.json of `neverout run`)')
    .option('--out <dir>', 'folder to write the experiment files into', DEFAULT_DRILL_DIR)
    .option('--top <n>', 'at most this many experiments per kind of weak spot', parsePositiveInteger('--top'), 5)
    .option('--scenario <id>', 'scenario whose availability and importance the experiments carry (default: the first)')
    .option(
      '--observe <duration>',
      'time to observe after the injection before the steady state is checked again (90s, 5m)',
      parseDurationSeconds('--observe'),
      300,
    )
    .action(async (resultFile: string, flags: DrillFlags) => {
      const doc = await readResultInput(resultFile);
      checkScenarioFlag(doc, resultFile, flags.scenario);
      const drills = buildDrillExperiments(doc, {
        top: flags.top,
        observeSeconds: flags.observe,
        ...(flags.scenario === undefined ? {} : { scenarioId: flags.scenario }),
      });
      if (drills.length === 0) {
        process.stdout.write(
          `no weak spots to drill in ${resultFile}: no single point of failure, disconnecting attack or critical risk group\n`,
        );
        return;
      }
      const paths = await writeDrillExperiments(flags.out, drills);
      drills.forEach((drill, i) => process.stdout.write(`wrote ${paths[i]}: ${drill.experiment.title}\n`));
    });
}

interface SchemaFlags {
  to: string;
}

const schemaCommand = new Command('schema')
  .description('write JSON Schemas of the topology and study formats (for editor completion and validation)')
  .requiredOption('--to <dir>', 'folder to write topology.schema.json and study.schema.json into')
  .action(async (flags: SchemaFlags) => {
    for (const file of buildJsonSchemaFiles()) {
      const path = join(flags.to, file.fileName);
      await writeFileAtomic(path, file.text);
      process.stdout.write(`wrote ${path}\n`);
    }
  });

/** `neverout export geojson|drill|schema`. Subcommands get exitOverride here: main.ts sets it on top-level commands only. */
export const exportCommand = new Command('export')
  .description('export a result for maps (geojson) or live drills (drill), or the file-format JSON Schemas (schema)')
  .addCommand(geojsonCommand.exitOverride())
  .addCommand(createDrillCommand('drill').exitOverride())
  .addCommand(schemaCommand.exitOverride());

/** `neverout export-drill RESULT`: the same as `neverout export drill RESULT`. */
export const exportDrillCommand = createDrillCommand('export-drill');
