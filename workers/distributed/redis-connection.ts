// Redis connection settings from a URL (redis:// or rediss:// for TLS), with the password kept out of every
// printed text, and ioredis clients that ride out a Redis restart (reconnect forever, commands wait).

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import { InputError } from '../../engine/index.ts';

/** Parsed connection settings; `display` is the URL with the password replaced, safe to print or record. */
export interface RedisSettings {
  readonly host: string;
  readonly port: number;
  readonly username: string | null;
  readonly password: string | null;
  /** Database number, >= 0. */
  readonly db: number;
  /** True for rediss://: connect over TLS and verify the server certificate. */
  readonly tls: boolean;
  /** PEM CA bundle to trust for TLS, or null for the system store. */
  readonly tlsCa: string | null;
  readonly display: string;
}

/** Options of parseRedisUrl; every field optional. */
export interface RedisUrlOptions {
  /** Password to use when the URL has none (e.g. from NEVEROUT_REDIS_PASSWORD, to keep it off the command line). */
  password?: string;
  /** A PEM file with the CA certificate(s) to trust for rediss://. */
  tlsCaFile?: string;
}

/** The Redis URL or its options break a rule; the message never contains the password. */
export class RedisUrlError extends InputError {
  override readonly name = 'RedisUrlError';
}

const REDACTED = '***';

/**
 * Parses `redis://[user[:password]@]host[:port][/db]` or `rediss://…` (TLS).
 * @throws RedisUrlError
 */
export function parseRedisUrl(url: string, options: RedisUrlOptions = {}): RedisSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError('--redis must be a URL such as redis://host:6379 or rediss://user:password@host:6380/0');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisUrlError(`--redis must use redis:// or rediss:// (TLS), got ${parsed.protocol}//`);
  }
  if (parsed.hostname.length === 0) throw new RedisUrlError('--redis must name a host');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const dbText = parsed.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isSafeInteger(db) || db < 0)
    throw new RedisUrlError('--redis database (the URL path) must be a non-negative integer');
  if (parsed.search !== '' || parsed.hash !== '')
    throw new RedisUrlError('--redis must not have query parameters or a fragment');
  const username = parsed.username === '' ? null : decodeURIComponent(parsed.username);
  const password = parsed.password !== '' ? decodeURIComponent(parsed.password) : (options.password ?? null);
  const tls = parsed.protocol === 'rediss:';
  if (options.tlsCaFile !== undefined && !tls) throw new RedisUrlError('--redis-tls-ca needs a rediss:// URL');
  let tlsCa: string | null = null;
  if (options.tlsCaFile !== undefined) {
    try {
      tlsCa = readFileSync(options.tlsCaFile, 'utf8');
    } catch (error) {
      throw new RedisUrlError(
        `--redis-tls-ca: cannot read ${options.tlsCaFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const auth =
    username !== null || password !== null ? `${username ?? ''}${password !== null ? `:${REDACTED}` : ''}@` : '';
  const display = `${parsed.protocol}//${auth}${parsed.host}${db !== 0 ? `/${db}` : ''}`;
  return { host, port, username, password, db, tls, tlsCa, display };
}

/** Replaces every occurrence of the password in a text (error messages from drivers) by ***. */
export function redactSecret(text: string, settings: RedisSettings): string {
  if (settings.password === null || settings.password.length === 0) return text;
  return text.split(settings.password).join(REDACTED).split(encodeURIComponent(settings.password)).join(REDACTED);
}

/**
 * Replaces the password of any redis:// or rediss:// URL in a text by *** (for command lines in manifests). The
 * user information of a URL ends at its last '@' (as URL parsers read it), so a password holding raw '@', ':' or
 * '/' characters is redacted whole.
 */
export function redactRedisUrls(text: string): string {
  return text.replace(/rediss?:\/\/\S*/g, (url) => {
    const scheme = url.indexOf('//') + 2;
    const at = url.lastIndexOf('@');
    if (at < scheme) return url;
    const colon = url.indexOf(':', scheme);
    if (colon < 0 || colon > at) return url;
    return `${url.slice(0, colon + 1)}${REDACTED}${url.slice(at)}`;
  });
}

/** Delay before reconnect attempt `times` (1, 2, …), in milliseconds: quick at first, at most 2 s. */
export function reconnectDelayMs(times: number): number {
  return Math.min(100 * times, 2000);
}

/** Connection options understood by both ioredis and BullMQ's `connection`. */
export interface RedisConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  readonly tls?: { readonly servername?: string; readonly ca?: string };
  readonly maxRetriesPerRequest: null;
  readonly enableReadyCheck: boolean;
  readonly retryStrategy: (times: number) => number;
}

/**
 * ioredis options for the settings. `maxRetriesPerRequest: null` makes commands wait across a Redis restart
 * instead of failing, as BullMQ requires for its blocking connections.
 */
export function toRedisOptions(settings: RedisSettings): RedisConnectionOptions {
  return {
    host: settings.host,
    port: settings.port,
    db: settings.db,
    ...(settings.username !== null ? { username: settings.username } : {}),
    ...(settings.password !== null ? { password: settings.password } : {}),
    ...(settings.tls
      ? {
          tls: {
            // SNI takes host names only (RFC 6066); an IP address is verified against the certificate's IP SANs.
            ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
            ...(settings.tlsCa !== null ? { ca: settings.tlsCa } : {}),
          },
        }
      : {}),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelayMs,
  };
}

/** A client for neverout's own keys (plan specs and results); ioredis is loaded only when a client is made. */
export async function createRedisClient(settings: RedisSettings, connectionName: string): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  return new RedisClient({ ...toRedisOptions(settings), connectionName, lazyConnect: true });
}

/** Redis did not answer within the start-up timeout: the URL or the network is the user's to fix. */
export class RedisUnreachableError extends InputError {
  override readonly name = 'RedisUnreachableError';
}

/**
 * Connects and pings once, failing after `timeoutMs` instead of retrying forever (start-up check only).
 * @throws RedisUnreachableError with a redacted message
 */
export async function connectRedisClient(client: Redis, settings: RedisSettings, timeoutMs = 10_000): Promise<void> {
  let lastError = '';
  const onError = (error: Error): void => {
    lastError = redactSecret(error.message, settings);
  };
  client.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new RedisUnreachableError(
              `cannot reach Redis at ${settings.display} within ${timeoutMs / 1000} s${lastError === '' ? '' : ` (${lastError})`}`,
            ),
          ),
        timeoutMs,
      );
    });
    const connect = (async () => {
      if (client.status === 'wait') await client.connect();
      await client.ping();
    })();
    connect.catch(() => undefined);
    await Promise.race([connect, timeout]);
  } catch (error) {
    // Stop the reconnect loop: a client left retrying would keep the process alive.
    client.disconnect();
    if (error instanceof RedisUnreachableError) throw error;
    // The error event (e.g. WRONGPASS) says more than the failed command ("Connection is closed").
    const reason = lastError !== '' ? lastError : redactSecret((error as Error).message, settings);
    throw new RedisUnreachableError(`cannot use Redis at ${settings.display}: ${reason}`);
  } finally {
    clearTimeout(timer);
    client.off('error', onError);
  }
}

/** What a caller of openRedisClient hears about its connection after start-up. */
export interface RedisConnectionEvents {
  /** Once per outage, with the redacted notice `lost the connection to Redis at <url> (<reason>); reconnecting`. */
  readonly onLost: (notice: string) => void;
  /** On every 'ready' after start-up; `reconnected` is true when it ends an outage reported through onLost. */
  readonly onReady?: (reconnected: boolean) => void;
}

/** The outage state of an open client, shared with the caller's other connections to the same server. */
export interface RedisConnectionWatch {
  /** True from the first connection error until the client is ready again. */
  readonly lost: boolean;
  /** Reports an error of another connection to the same server (BullMQ's queue, events, worker) as an outage. */
  readonly reportError: (error: unknown) => void;
}

/**
 * Creates and connects a client for neverout's own keys (failing after the start-up timeout), then watches it:
 * the first error of an outage is reported once, and the next 'ready' ends the outage. The watch starts after
 * the connect, so start-up failures are only thrown, never reported as a lost connection.
 * @throws RedisUnreachableError with a redacted message
 */
export async function openRedisClient(
  settings: RedisSettings,
  connectionName: string,
  events: RedisConnectionEvents,
): Promise<{ readonly client: Redis; readonly watch: RedisConnectionWatch }> {
  const client = await createRedisClient(settings, connectionName);
  await connectRedisClient(client, settings);
  let lost = false;
  const reportError = (error: unknown): void => {
    if (lost) return;
    lost = true;
    const reason = redactSecret(error instanceof Error ? error.message : String(error), settings);
    events.onLost(`lost the connection to Redis at ${settings.display} (${reason}); reconnecting`);
  };
  client.on('error', reportError);
  client.on('ready', () => {
    const reconnected = lost;
    lost = false;
    events.onReady?.(reconnected);
  });
  return {
    client,
    watch: {
      get lost() {
        return lost;
      },
      reportError,
    },
  };
}
