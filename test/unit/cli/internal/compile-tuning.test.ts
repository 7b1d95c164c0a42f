// The report command's V8 tuning: the flag it sets exists in this Node's V8 (an unknown flag is not an error, V8 only
// prints "Error: unrecognized flag" on stderr, which would reach every `neverout report`).

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../../../../cli/internal/compile-tuning.ts', import.meta.url));

describe('delayOptimisingCompiler', () => {
  it('sets a flag this V8 knows, without a word on stderr', () => {
    const script = [
      `const { delayOptimisingCompiler, REPORT_INTERRUPT_BUDGET } = await import(${JSON.stringify(MODULE)});`,
      `delayOptimisingCompiler();`,
      `process.stdout.write(String(REPORT_INTERRUPT_BUDGET));`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toBe('1000000');
  });

  it('would show a flag V8 does not know (the control)', () => {
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `(await import('node:v8')).setFlagsFromString('--no-such-v8-flag');`],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toContain('unrecognized flag');
  });
});
