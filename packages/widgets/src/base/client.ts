/**
 * Which data package an element reads, and the one SDK client per package.
 *
 * Resolution, first match wins:
 *   1. the element's `src` attribute;
 *   2. `configure({ src })` called by the page (shared by every bundle on the page);
 *   3. the bundle's default (the CDN build sets it to `./data/toscana/` next to the script);
 *   4. the SDK's embedded package (`createClient()` without `baseUrl`).
 *
 * Clients are cached by resolved URL (and options), so twenty widgets on one
 * page share one client and, through its cache, one request per file.
 */
import { createClient, type PnrrClient } from '@pnrr-toscana/sdk';

export type { PnrrClient } from '@pnrr-toscana/sdk';

export interface WidgetConfig {
  /** Data package URL (absolute, or relative to the page). */
  src?: string | URL;
  /** Per-request timeout in ms, passed to the SDK. */
  timeout?: number;
  /** Retries of a failed request, passed to the SDK. */
  retry?: number;
}

/** Fired on `window` when `configure()` changes the page configuration. */
export const CONFIGURE_EVENT = 'pnrr-configure';

// Kept on globalThis under a registered symbol so two bundles on one page (say
// the CDN script and an npm build) read the same page configuration.
const CONFIG_KEY = Symbol.for('@pnrr-toscana/widgets:config');
type GlobalWithConfig = typeof globalThis & { [CONFIG_KEY]?: WidgetConfig };

/** Page-wide configuration of every widget. Later calls merge into earlier ones. */
export function configure(config: WidgetConfig): void {
  const g = globalThis as GlobalWithConfig;
  g[CONFIG_KEY] = { ...g[CONFIG_KEY], ...config };
  globalThis.dispatchEvent?.(new Event(CONFIGURE_EVENT));
}

export function pageConfig(): Readonly<WidgetConfig> {
  return (globalThis as GlobalWithConfig)[CONFIG_KEY] ?? {};
}

let bundleDefault: string | URL | undefined;

/** Default data package of this bundle (the CDN entry calls it); not part of the public API. */
export function setBundleDefaultSrc(src: string | URL | undefined): void {
  bundleDefault = src;
}

const clients = new Map<string, PnrrClient>();

function absolute(src: string | URL): string {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  return new URL(src, base).href;
}

/** The shared client for an element's `src` (undefined or empty = page/bundle/embedded default). */
export function clientFor(src: string | null | undefined): PnrrClient {
  const config = pageConfig();
  const chosen = (src && src.trim()) || config.src || bundleDefault;
  const baseUrl = chosen === undefined || chosen === '' ? undefined : absolute(chosen);
  const key = JSON.stringify([baseUrl ?? '', config.timeout ?? null, config.retry ?? null]);
  let client = clients.get(key);
  if (!client) {
    client = createClient({
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(config.timeout !== undefined ? { timeout: config.timeout } : {}),
      ...(config.retry !== undefined ? { retry: config.retry } : {}),
    });
    clients.set(key, client);
  }
  return client;
}
