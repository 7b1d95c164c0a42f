import { describe, expect, it } from 'vitest';
import { batchJobId, MAX_JOB_DATA_CHARS, parseBatchJobData } from '../../../../workers/distributed/batch-job.ts';
import {
  parseRedisUrl,
  redactRedisUrls,
  redactSecret,
  RedisUrlError,
  toRedisOptions,
} from '../../../../workers/distributed/redis-connection.ts';

const SHA = 'f'.repeat(64);

describe('parseRedisUrl', () => {
  it('reads host, port, user, password and database, and never displays the password', () => {
    const s = parseRedisUrl('redis://ops:s%40cret@redis.example:6380/2');
    expect(s).toMatchObject({
      host: 'redis.example',
      port: 6380,
      username: 'ops',
      password: 's@cret',
      db: 2,
      tls: false,
    });
    expect(s.display).toBe('redis://ops:***@redis.example:6380/2');
    expect(redactSecret('AUTH s@cret failed', s)).toBe('AUTH *** failed');
  });

  it('turns rediss:// into TLS options, and takes the password from the options when the URL has none', () => {
    const s = parseRedisUrl('rediss://redis.example', { password: 'p' });
    expect(s.tls).toBe(true);
    expect(s.display).toBe('rediss://:***@redis.example');
    expect(toRedisOptions(s)).toMatchObject({
      tls: { servername: 'redis.example' },
      password: 'p',
      maxRetriesPerRequest: null,
    });
  });

  it('names the rule for bad URLs without echoing them', () => {
    expect(() => parseRedisUrl('http://u:secret@h')).toThrow(RedisUrlError);
    expect(() => parseRedisUrl('http://u:secret@h')).not.toThrow(/secret/);
    expect(() => parseRedisUrl('not a url secret')).not.toThrow(/secret/);
    expect(() => parseRedisUrl('redis://h/x')).toThrow(/non-negative integer/);
  });
});

describe('redactRedisUrls', () => {
  it('hides passwords in command lines', () => {
    expect(redactRedisUrls('--redis=rediss://u:pw@h:6380/1')).toBe('--redis=rediss://u:***@h:6380/1');
    expect(redactRedisUrls('redis://h:6379')).toBe('redis://h:6379');
  });
});

describe('parseBatchJobData', () => {
  const data = {
    planSha256: SHA,
    engineVersion: '0.1.0',
    task: { scenarioIndex: 0, batchIndex: 3, sampleCount: 10 },
  };

  it('accepts a plan reference and a task, nothing else', () => {
    expect(parseBatchJobData(data)).toEqual(data);
    expect(() => parseBatchJobData({ ...data, code: 'process.exit()' })).toThrow(/invalid job data/);
    expect(() => parseBatchJobData({ ...data, planSha256: '../../etc/passwd' })).toThrow(/invalid job data/);
    expect(() => parseBatchJobData({ ...data, task: { ...data.task, sampleCount: 0 } })).toThrow(/invalid job data/);
    // Services the batch need not evaluate (they stopped sampling) travel with the task.
    const skipping = { ...data, task: { ...data.task, skipServices: [0, 4] } };
    expect(parseBatchJobData(skipping)).toEqual(skipping);
    expect(() => parseBatchJobData({ ...data, task: { ...data.task, skipServices: [-1] } })).toThrow(/invalid job data/);
  });

  it('rejects oversize data before validating it', () => {
    expect(() => parseBatchJobData({ ...data, engineVersion: 'x'.repeat(MAX_JOB_DATA_CHARS) })).toThrow(
      /exceeds the limit/,
    );
  });
});

describe('batchJobId', () => {
  it('is deterministic with exactly two colons, as BullMQ requires of custom ids', () => {
    expect(batchJobId(SHA, { scenarioIndex: 2, batchIndex: 17 })).toBe(`${SHA}:2:17`);
  });
});

describe('redactRedisUrls', () => {
  it('redacts the whole password whatever characters it holds, as a URL parser reads it', () => {
    for (const password of ['p@ss', 'a@b@c', 'x:y', 'sl/ash', 'q?u#e', 'sp ace', '%40enc', 'ü€', '@', ':@/']) {
      const url = `redis://ops:${password}@redis.example:6380/2`;
      const redacted = redactRedisUrls(`--redis ${url.replace(' ', '%20')}`);
      expect(redacted).toBe('--redis redis://ops:***@redis.example:6380/2');
      // '/', '?' and '#' end a URL's authority: such a password must be percent-encoded to parse at all.
      if (/[/?#]/.test(password)) continue;
      const parsed = parseRedisUrl(url.replace(' ', '%20'));
      expect(parsed.display).toBe('redis://ops:***@redis.example:6380/2');
      expect(parsed.host).toBe('redis.example');
    }
    expect(redactRedisUrls('rediss://:p@ss@h')).toBe('rediss://:***@h');
    expect(redactRedisUrls('redis://host:6379/0 and redis://u@host')).toBe('redis://host:6379/0 and redis://u@host');
  });
});
