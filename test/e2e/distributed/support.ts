// Support for the distributed-run tests: Redis reachability (skip with a visible message, or fail when
// NEVEROUT_REQUIRE_REDIS=1), long-running CLI children (workers, coordinators) and result comparison.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { expect } from 'vitest';
import type { ResultDocument } from '../../../engine/index.ts';
import { CLI, REPO_ROOT } from '../../support/run-cli.ts';

export const SMALL_STUDY = 'test/fixtures/studies/small-study.yaml';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

/** Sends PING to host:port and resolves true on +PONG within `timeoutMs`. */
export function pingRedis(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (d: Buffer) => {
      answer += d.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, host, () => socket.write('PING\r\n'));
  });
}

/**
 * Checks the local Redis at 127.0.0.1:6379 once per test file. Unreachable: throws when NEVEROUT_REQUIRE_REDIS=1
 * (the suite fails), else prints why the suite is skipped and returns false.
 */
export async function requireLocalRedis(suite: string): Promise<boolean> {
  if (await pingRedis(6379)) return true;
  const message = `Redis is not reachable at ${LOCAL_REDIS_URL}`;
  if (process.env.NEVEROUT_REQUIRE_REDIS === '1') throw new Error(`${message} and NEVEROUT_REQUIRE_REDIS=1`);
  console.warn(`\n*** SKIPPED ${suite}: ${message} (set NEVEROUT_REQUIRE_REDIS=1 to fail instead) ***\n`);
  return false;
}

/** A CLI child process whose output is collected. */
export interface CliChild {
  readonly process: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** Starts `node bin/neverout.js ...args` without waiting for it. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliChild {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

/** Waits until `predicate` holds, polling every `intervalMs`; throws after `timeoutMs` with `what`. */
export async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts a worker process and waits until it reports ready. */
export async function startWorker(
  redisUrl: string,
  queue: string,
  extra: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<CliChild> {
  const worker = spawnCli(['worker', '--redis', redisUrl, '--queue', queue, '--concurrency', '1', ...extra], env);
  await waitFor(
    'a worker to be ready',
    () => worker.output().includes('ready:') || worker.process.exitCode !== null,
    60_000,
  );
  if (!worker.output().includes('ready:')) throw new Error(`worker did not start:\n${worker.output()}`);
  return worker;
}

/** Stops a child (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopChild(child: CliChild, graceMs = 5000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Number of lines of a file (0 when it does not exist). */
export function countLines(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\n').length - 1;
}

export function readResult(path: string): ResultDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as ResultDocument;
}

/** The document without what legitimately differs between runs of one plan (time, command, worker count, shard). */
export function comparable(doc: ResultDocument): unknown {
  const { createdAt: _createdAt, command: _command, workers: _workers, shard: _shard, ...manifest } = doc.manifest;
  return { ...doc, manifest };
}

/** Asserts two result documents are identical apart from createdAt, command, workers and shard. */
export function expectSameResult(actual: ResultDocument, expected: ResultDocument): void {
  // The services' estimates and convergence first, for a readable failure, then everything.
  expect(actual.scenarios.map((s) => s.services)).toEqual(expected.scenarios.map((s) => s.services));
  expect(comparable(actual)).toEqual(comparable(expected));
}

/** Resolves true when a TCP connection to 127.0.0.1:port succeeds (for TLS ports, where PING cannot be sent). */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.on('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/** A free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A unique, colon-free name for queues and key prefixes. */
export function uniqueName(label: string): string {
  return `t-${label}-${process.pid}-${Date.now().toString(36)}`;
}
