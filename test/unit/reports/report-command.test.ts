// The `report` command (cli/commands/report.ts): parses its flags, calls reports/, throws classes on bad input.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../app/index.ts';
import { createReportCommand } from '../../../cli/commands/report.ts';
import { ScenarioError } from '../../../scenarios/index.ts';
import { FIXTURE_FILES } from './support/report-fixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neverout-report-cmd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(args: readonly string[]): Promise<Command> {
  const program = new Command('neverout').exitOverride();
  program.addCommand(createReportCommand().exitOverride());
  return program.parseAsync(['report', ...args], { from: 'user' });
}

describe('reportCommand', () => {
  it('is a commander Command named report with the documented flags', () => {
    const reportCommand = createReportCommand();
    expect(reportCommand.name()).toBe('report');
    expect(reportCommand.options.map((o) => o.long)).toEqual(['--out', '--baseline', '--marking', '--no-png', '--quiet']);
  });

  it('writes the report into --out, without PNGs under --no-png, and prints one line', async () => {
    const out = join(dir, 'minimal');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await run([FIXTURE_FILES.minimal, '--out', out, '--no-png', '--marking', 'NATO UNCLASSIFIED']);
      expect(write).toHaveBeenCalledWith(expect.stringMatching(/^wrote \d+ files to .*minimal/));
    } finally {
      write.mockRestore();
    }
    const files = await readdir(out);
    expect(files.sort()).toEqual(['charts', 'report.html', 'report.md', 'tables']);
    expect((await readdir(join(out, 'charts'))).some((f) => f.endsWith('.png'))).toBe(false);
  });

  it('throws an InputError for a bad --marking, and a located ScenarioError for a missing result or baseline', async () => {
    await expect(run([FIXTURE_FILES.minimal, '--out', dir, '--marking', ' '])).rejects.toBeInstanceOf(InputError);
    await expect(run([join(dir, 'nope.json'), '--out', dir])).rejects.toThrow(/nope\.json: cannot read file: no such file/);
    await expect(run([join(dir, 'nope.json'), '--out', dir])).rejects.toBeInstanceOf(ScenarioError);
    await expect(
      run([FIXTURE_FILES.minimal, '--out', dir, '--baseline', join(dir, 'nope.json')]),
    ).rejects.toBeInstanceOf(ScenarioError);
  });
});
