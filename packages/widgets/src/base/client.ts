/**
 * Which data package an element reads, and the one SDK client per package.
 *
 * Resolution, first match wins:
 *   1. the element's `src` attribute;
 *   2. the element's `region` attribute: a package shipped with the kit (the CDN build: `data/<region>/`
 *      beside its default `data/toscana/`; the npm build: the SDK's `createClient({ region })`);
 *   3. `configure({ src })` called by the page (shared by every bundle on the page);
 *   3. the bundle's default (the CDN build sets it to `./data/toscana/` next to the script);
 *   4. the SDK's embedded package (`createClient()` without `baseUrl`).
 *
 * Clients are cached by resolved URL (and options), so twenty widgets on one
 * page share one client and, through its cache, one request per file.
 */
import { EMBEDDED_REGIONS, InvalidArgumentError, createClient, type EmbeddedRegion, type PnrrClient } from '@pnrr-toscana/sdk';

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

const NO_CONFIG: Readonly<WidgetConfig> = Object.freeze({});

/** The page configuration: the same object until `configure()` is called again (elements compare it to reload). */
export function pageConfig(): Readonly<WidgetConfig> {
  return (globalThis as GlobalWithConfig)[CONFIG_KEY] ?? NO_CONFIG;
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

/**
 * The shared client for an element's `src` and `region` (undefined or empty = page/bundle/embedded default).
 * @throws InvalidArgumentError for a region that is not embedded.
 */
export function clientFor(src: string | null | undefined, region?: string | null): PnrrClient {
  const config = pageConfig();
  const wanted = !(src && src.trim()) && region && region.trim() ? region.trim().toLowerCase() : undefined;
  if (wanted !== undefined && !EMBEDDED_REGIONS.includes(wanted as EmbeddedRegion)) throw new InvalidArgumentError('region', region, EMBEDDED_REGIONS.join(', '));
  // A region: the CDN build's folder beside its default package (data/<region>/), else the SDK's embedded package.
  const sdkRegion = wanted && !bundleDefault ? (wanted as EmbeddedRegion) : undefined;
  const chosen = (src && src.trim()) || (wanted ? (bundleDefault ? new URL(`../${wanted}/`, absolute(bundleDefault)) : undefined) : config.src || bundleDefault);
  const baseUrl = chosen === undefined || chosen === '' ? undefined : absolute(chosen);
  const key = JSON.stringify([baseUrl ?? '', sdkRegion ?? '', config.timeout ?? null, config.retry ?? null]);
  let client = clients.get(key);
  if (!client) {
    client = createClient({
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(sdkRegion !== undefined ? { region: sdkRegion } : {}),
      ...(config.timeout !== undefined ? { timeout: config.timeout } : {}),
      ...(config.retry !== undefined ? { retry: config.retry } : {}),
    });
    clients.set(key, client);
  }
  return client;
}
