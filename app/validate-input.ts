// Use case "validate": checks a topology or study file (or an imported network) without running it, reporting
// every problem with file, line, column and field.

import { formatDiagnostic, loadInput, type Diagnostic, type LoadedInput, type ServiceOption } from '../scenarios/index.ts';

/** Options of validateInput; every field optional. */
export interface ValidateInputOptions {
  /** For imported formats: the service to create. */
  service?: ServiceOption;
  /** For a CSV import: the links table. */
  linksCsv?: string;
  /** Receives each warning as it is found, also when the input then turns out invalid; default: returned only. */
  onWarning?: (text: string) => void;
}

/** A valid input, its warnings and its size. */
export interface Validation {
  readonly input: LoadedInput;
  readonly warnings: readonly string[];
  readonly counts: { nodes: number; links: number; riskGroups: number; services: number; scenarios: number };
}

/**
 * Loads and validates an input.
 * @param path the file; null is the embedded default study
 * @throws ScenarioError (an InputError) with every located problem
 */
export async function validateInput(path: string | null, options: ValidateInputOptions = {}): Promise<Validation> {
  const { onWarning, ...loadOptions } = options;
  const warnings: string[] = [];
  const logger = (d: Diagnostic): void => {
    const text = formatDiagnostic(d);
    warnings.push(text);
    onWarning?.(text);
  };
  const input = await loadInput(path, { ...loadOptions, logger });
  const t = input.topology;
  return {
    input,
    warnings,
    counts: {
      nodes: t.nodes.length,
      links: t.links.length,
      riskGroups: t.riskGroups.length + input.study.riskGroups.length,
      services: input.study.services?.length ?? t.services.length,
      scenarios: input.study.scenarios.length,
    },
  };
}
