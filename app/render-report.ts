// Use case "report": re-renders the report of a result document (charts, CSV tables, report.md, report.html),
// optionally against a baseline analysis ("what changed since").

import { dirname } from 'node:path';
import { buildReport, type ReportResult } from '../reports/index.ts';
import { readResultFile } from './result/read-result-file.ts';
import { checkMarking } from './internal/execute-job.ts';
import { prepareOutputFolder } from './internal/output-folder.ts';

/** Options of renderReport; every field optional. */
export interface RenderReportOptions {
  /** Output folder; default the folder of the result document. */
  outDir?: string;
  /** An earlier result document to compare with. */
  baseline?: string;
  /** Marking line; default the run's marking. */
  marking?: string;
  /** Also write PNG charts; default true. */
  png?: boolean;
  onWarning?: (text: string) => void;
}

/** Renders the report of `resultFile`. */
export async function renderReport(resultFile: string, options: RenderReportOptions = {}): Promise<{ outDir: string; report: ReportResult }> {
  const marking = options.marking === undefined ? undefined : checkMarking(options.marking);
  const doc = await readResultFile(resultFile);
  const baseline = options.baseline === undefined ? undefined : await readResultFile(options.baseline);
  const outDir = options.outDir ?? dirname(resultFile);
  await prepareOutputFolder(outDir);
  const report = await buildReport(doc, {
    outDir,
    ...(options.png !== undefined ? { png: options.png } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(marking !== undefined ? { marking } : {}),
    ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}),
  });
  return { outDir, report };
}
