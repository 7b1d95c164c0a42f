// Distributed runs end to end: `neverout worker` processes and a `neverout run --redis` coordinator give the
// local result bit for bit, also when a worker is killed with SIGKILL mid-run, when Redis restarts mid-run
// (losing every queued job and stored result) and when the coordinator is killed and resumed.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../engine/index.ts';
import { runCli } from '../../support/run-cli.ts';
import {
  acceptsConnections,
  countLines,
  expectSameResult,
  findFreePort,
  LOCAL_REDIS_URL,
  pingRedis,
  readResult,
  requireLocalRedis,
  SMALL_STUDY,
  spawnCli,
  startWorker,
  stopChild,
  uniqueName,
  waitFor,
  type CliChild,
} from './support.ts';

const available = await requireLocalRedis('distributed-run.test.ts');
// The restart test starts its own redis-server on a spare port.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) {
  if (process.env.NEVEROUT_REQUIRE_REDIS === '1')
    throw new Error('redis-server is not on PATH and NEVEROUT_REQUIRE_REDIS=1');
  console.warn('\n*** SKIPPED the Redis restart and TLS tests: redis-server is not on PATH ***\n');
}
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

// 2 random scenarios x 30 batches of 40,000 samples + 1 deterministic batch.
const PLAN_ARGS = ['--seed', '23', '--samples', '1200000', '--batch-size', '40000'];
const TOTAL_BATCHES = 61;
// Child processes on a shared, loaded machine: generous limits; the runs themselves take seconds.
const TIMEOUT_MS = 240_000;
// Short locks so that a killed worker's batch moves to another worker within seconds.
const WORKER_ARGS = ['--lock-duration', '3000', '--stalled-interval', '1500'];

describe.skipIf(!available)('distributed runs on BullMQ', () => {
  const prefix = uniqueName('e2e');
  const queue = 'q';
  const names = ['--queue', queue, '--redis-prefix', prefix];
  const children: CliChild[] = [];
  let dir: string;
  let reference: ResultDocument;
  let redis: Redis;
  let resultsKey: string;

  const storedResults = async (client: Redis = redis): Promise<number> => client.hlen(resultsKey).catch(() => 0);
  /** `neverout run` of the small study as a coordinator on the test queue at `redisUrl`, then `extra` arguments. */
  const coordinatorArgs = (redisUrl: string, ...extra: string[]): string[] => [
    'run',
    SMALL_STUDY,
    ...PLAN_ARGS,
    ...names,
    '--redis',
    redisUrl,
    ...extra,
  ];
  /** A `neverout worker` on the test queue at `redisUrl`, with short locks. */
  const startTestWorker = (redisUrl: string): Promise<CliChild> =>
    startWorker(redisUrl, queue, [...WORKER_ARGS, '--redis-prefix', prefix]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neverout-distributed-'));
    redis = new Redis(6379, '127.0.0.1');
    const [local, ...workers] = await Promise.all([
      runCli(['run', SMALL_STUDY, ...PLAN_ARGS, '--workers', '1', '--quiet', '--out', join(dir, 'local')]),
      startTestWorker(LOCAL_REDIS_URL),
      startTestWorker(LOCAL_REDIS_URL),
    ]);
    expect(local.code, local.stderr).toBe(0);
    children.push(...workers);
    reference = readResult(join(dir, 'local', 'result.json'));
    resultsKey = `${prefix}:${queue}:neverout:results:${reference.manifest.planSha256}`;
  }, TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }, TIMEOUT_MS);

  it(
    'two worker processes and a coordinator give the local result',
    async () => {
      const out = await runCli(coordinatorArgs(LOCAL_REDIS_URL, '--quiet', '--out', join(dir, 'two')));
      expect(out.code, out.stderr).toBe(0);
      expectSameResult(readResult(join(dir, 'two', 'result.json')), reference);
      // A complete run leaves no results or spec behind.
      expect(await storedResults()).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'completes with the identical result when a worker is killed with SIGKILL mid-batch',
    async () => {
      const [victim, survivor] = children;
      const connection = { host: '127.0.0.1', port: 6379 };
      const bull = new Queue(queue, { connection, prefix });
      const events = new QueueEvents(queue, { connection, prefix });
      const stalled: string[] = [];
      events.on('stalled', ({ jobId }) => stalled.push(jobId));
      await events.waitUntilReady();
      try {
        const coordinator = spawnCli(coordinatorArgs(LOCAL_REDIS_URL, '--out', join(dir, 'killed')));
        const victimName = `${hostname()}:${victim.process.pid}`;
        let victimJob: string | undefined;
        // Freeze the victim before looking at its job, so that it cannot finish that job between our look and the
        // kill (a race that let the survivor take every batch with nothing stalled). Stopped between two jobs, it is
        // let go and looked at again.
        await waitFor(
          'the first worker to be frozen mid-batch',
          async () => {
            if (coordinator.process.exitCode !== null) return true;
            if ((await storedResults()) < 6) return false;
            victim.process.kill('SIGSTOP');
            // Let Redis apply any command the victim sent just before it stopped.
            await new Promise((resolve) => setTimeout(resolve, 200));
            victimJob = (await bull.getActive()).find((job) => job.processedBy === victimName)?.id;
            if (victimJob === undefined) victim.process.kill('SIGCONT');
            return victimJob !== undefined;
          },
          60_000,
          10,
        );
        victim.process.kill('SIGKILL');
        await victim.exited;
        expect(victimJob, 'the run finished before the worker was killed').toBeDefined();
        expect(await coordinator.exited, coordinator.output()).toBe(0);
        expectSameResult(readResult(join(dir, 'killed', 'result.json')), reference);
        // The killed worker's batch was taken over through BullMQ's stalled-job check. Its event travels on another
        // Redis stream than the result the coordinator waited for, so on a busy machine it can reach this listener
        // after the coordinator has exited: wait for it (a job that was never stalled still fails here).
        await waitFor('the killed worker\'s job to be reported stalled', () => stalled.includes(victimJob ?? ''), 20_000, 50);
        expect(stalled).toContain(victimJob);
        expect(survivor.process.exitCode).toBeNull();
      } finally {
        await events.close();
        await bull.close();
      }
      // Replace the victim for the next test.
      children[0] = await startTestWorker(LOCAL_REDIS_URL);
    },
    TIMEOUT_MS,
  );

  it(
    'resumes from Redis and batches.jsonl after the coordinator is killed',
    async () => {
      const out = join(dir, 'coordinator-killed');
      const checkpoint = join(out, 'batches.jsonl');
      const coordinator = spawnCli(coordinatorArgs(LOCAL_REDIS_URL, '--quiet', '--out', out));
      await waitFor(
        'checkpointed batches',
        () => countLines(checkpoint) >= 6 || coordinator.process.exitCode !== null,
        60_000,
        20,
      );
      coordinator.process.kill('SIGKILL');
      await coordinator.exited;
      expect(countLines(checkpoint) - 1, 'the run finished before the coordinator was killed').toBeLessThan(
        TOTAL_BATCHES,
      );
      // The workers go on with the queued batches meanwhile; their results stay in Redis for the resume.
      const resumed = await runCli(coordinatorArgs(LOCAL_REDIS_URL, '--quiet', '--resume', '--out', out));
      expect(resumed.code, resumed.stderr).toBe(0);
      expectSameResult(readResult(join(out, 'result.json')), reference);
      expect(countLines(checkpoint) - 1).toBe(TOTAL_BATCHES);
    },
    TIMEOUT_MS,
  );

  it.skipIf(!hasRedisServer)(
    'completes with the identical result when Redis restarts mid-run',
    async () => {
      const port = await findFreePort();
      const url = `redis://127.0.0.1:${port}`;
      const startRedis = async (): Promise<ChildProcess> => {
        const server = spawn(
          'redis-server',
          ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          { stdio: 'ignore' },
        );
        await waitFor('redis-server to answer', () => pingRedis(port), 10_000, 50);
        return server;
      };
      let server = await startRedis();
      const own = new Redis(port, '127.0.0.1', {
        maxRetriesPerRequest: null,
        retryStrategy: () => 100,
        lazyConnect: true,
      });
      own.on('error', () => undefined);
      const workers = await Promise.all([0, 1].map(() => startTestWorker(url)));
      try {
        const coordinator = spawnCli(coordinatorArgs(url, '--out', join(dir, 'restart')));
        await waitFor(
          'results before the restart',
          async () => (await storedResults(own)) >= 6 || coordinator.process.exitCode !== null,
          60_000,
          20,
        );
        const before = await storedResults(own);
        server.kill('SIGKILL');
        await new Promise((r) => server.once('exit', r));
        expect(before, 'the run finished before Redis was killed').toBeLessThan(TOTAL_BATCHES);
        await new Promise((r) => setTimeout(r, 1000));
        server = await startRedis();
        expect(await coordinator.exited, coordinator.output()).toBe(0);
        expect(coordinator.output()).toContain('reconnected to Redis');
        expect(coordinator.output()).toMatch(/\d+ batches were enqueued again/);
        expectSameResult(readResult(join(dir, 'restart', 'result.json')), reference);
      } finally {
        await Promise.all(workers.map((w) => stopChild(w)));
        own.disconnect();
        server.kill('SIGKILL');
      }
    },
    TIMEOUT_MS,
  );

  it.skipIf(!hasRedisServer || !hasOpenssl)(
    'runs over TLS with a password that never shows, and refuses a wrong password with exit code 2',
    async () => {
      const tls = join(dir, 'tls');
      mkdirSync(tls);
      const [cert, key] = [join(tls, 'cert.pem'), join(tls, 'key.pem')];
      const made = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]);
      expect(made.status, made.stderr.toString()).toBe(0);
      const port = await findFreePort();
      const password = `pw-${uniqueName('tls')}`;
      const server = spawn(
        'redis-server',
        [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--tls-cert-file',
          cert,
          '--tls-key-file',
          key,
          '--tls-ca-cert-file',
          cert,
          '--tls-auth-clients',
          'no',
          '--requirepass',
          password,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      const url = `rediss://127.0.0.1:${port}`;
      let worker: CliChild | null = null;
      try {
        await waitFor('the TLS redis-server', () => acceptsConnections(port), 10_000, 50);
        const bad = await runCli([
          'run',
          SMALL_STUDY,
          ...PLAN_ARGS,
          '--redis',
          `rediss://:not-it@127.0.0.1:${port}`,
          '--redis-tls-ca',
          cert,
          '--out',
          join(tls, 'bad'),
        ]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/^error: cannot use Redis at rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+: WRONGPASS/);
        expect(bad.stderr).not.toContain('not-it');

        worker = await startWorker(url, queue, ['--redis-tls-ca', cert, '--redis-prefix', prefix], {
          NEVEROUT_REDIS_PASSWORD: password,
        });
        const out = join(tls, 'out');
        const good = await runCli(
          coordinatorArgs(`rediss://:${password}@127.0.0.1:${port}`, '--redis-tls-ca', cert, '--quiet', '--out', out),
        );
        expect(good.code, good.stderr).toBe(0);
        const document = readResult(join(out, 'result.json'));
        expectSameResult(document, reference);
        expect(document.manifest.command.join(' ')).toContain('rediss://:***@127.0.0.1');
        for (const text of [
          good.stdout,
          good.stderr,
          worker.output(),
          // Every file written, the report's charts and tables included.
          ...readdirSync(out, { recursive: true, encoding: 'utf8' })
            .filter((f) => statSync(join(out, f)).isFile())
            .map((f) => readFileSync(join(out, f), 'utf8')),
        ]) {
          expect(text).not.toContain(password);
        }
      } finally {
        if (worker !== null) await stopChild(worker);
        server.kill('SIGKILL');
      }
    },
    TIMEOUT_MS,
  );
});
