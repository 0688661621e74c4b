/**
 * The client's `timeout`, `retry` and `http` options, checked and turned into
 * the ky options of the transport: the kit's defaults (KY_DEFAULTS) with the
 * caller's values on top. Merged here with a plain spread, not by ky, because
 * ky's deep merge would append a caller's `statusCodes` to the kit's instead of
 * replacing them.
 */
import type { Hooks, Options, RetryOptions } from 'ky';
import { fail, integer, queryObject } from './args.js';
import { KY_DEFAULTS } from './transport.js';
import type { ClientOptions, HttpOptions } from './types.js';

const HTTP_KEYS: ReadonlyArray<keyof HttpOptions> = ['headers', 'hooks', 'retry', 'timeout'];
const HOOK_KEYS: ReadonlyArray<keyof Hooks> = ['beforeRequest', 'beforeRetry', 'afterResponse', 'beforeError'];
const RETRY_KEYS: ReadonlyArray<keyof RetryOptions> = [
  'limit',
  'methods',
  'statusCodes',
  'afterStatusCodes',
  'maxRetryAfter',
  'backoffLimit',
  'delay',
  'jitter',
  'retryOnTimeout',
  'shouldRetry',
];
const MAX_RETRY = 10;
const MAX_TIMEOUT = 2_147_483_647; // setTimeout's limit

function knownKeys(name: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${name}.${key}`, (value as Record<string, unknown>)[key], `not an option of ${name} (expected ${known.join(', ')})`);
  }
}

function retryOptions(options: Partial<ClientOptions>, http: Partial<HttpOptions>): Partial<RetryOptions> {
  if (http.retry === undefined) return { limit: integer('retry', options.retry, 0, MAX_RETRY, KY_DEFAULTS.retry.limit) };
  if (options.retry !== undefined) fail('http.retry', http.retry, 'give either retry or http.retry, not both');
  if (typeof http.retry === 'number') return { limit: integer('http.retry', http.retry, 0, MAX_RETRY, KY_DEFAULTS.retry.limit) };
  const retry = queryObject(http.retry, 'http.retry');
  knownKeys('http.retry', retry, RETRY_KEYS);
  if (retry.limit !== undefined) integer('http.retry.limit', retry.limit, 0, MAX_RETRY, KY_DEFAULTS.retry.limit);
  return retry;
}

function timeoutOption(options: Partial<ClientOptions>, http: Partial<HttpOptions>): number | false {
  if (http.timeout === undefined) return integer('timeout', options.timeout, 1, MAX_TIMEOUT, KY_DEFAULTS.timeout);
  if (options.timeout !== undefined) fail('http.timeout', http.timeout, 'give either timeout or http.timeout, not both');
  return http.timeout === false ? false : integer('http.timeout', http.timeout, 1, MAX_TIMEOUT, KY_DEFAULTS.timeout);
}

function hooksOption(value: unknown): Hooks {
  const hooks = queryObject(value as Hooks, 'http.hooks');
  knownKeys('http.hooks', hooks, HOOK_KEYS);
  for (const [name, list] of Object.entries(hooks) as Array<[string, unknown]>) {
    if (list !== undefined && (!Array.isArray(list) || !list.every((hook) => typeof hook === 'function'))) {
      fail(`http.hooks.${name}`, list, 'expected an array of functions');
    }
  }
  return hooks;
}

function headersOption(value: unknown): HttpOptions['headers'] {
  try {
    // Only to check it: ky builds its own Headers from the value given.
    new Headers(value as HeadersInit);
  } catch (error) {
    fail('http.headers', value, (error as Error).message);
  }
  return value as HttpOptions['headers'];
}

/** ky options for the transport, from the client's options; throws InvalidArgumentError on a malformed one. */
export function kyOptions(options: Partial<ClientOptions>): Options {
  const http = queryObject(options.http, 'http');
  knownKeys('http', http, HTTP_KEYS);
  return {
    timeout: timeoutOption(options, http),
    retry: { ...KY_DEFAULTS.retry, ...retryOptions(options, http) },
    ...(http.headers !== undefined ? { headers: headersOption(http.headers) } : {}),
    ...(http.hooks !== undefined ? { hooks: hooksOption(http.hooks) } : {}),
  };
}
