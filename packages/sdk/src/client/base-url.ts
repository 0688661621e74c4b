/**
 * Where a data package lives. Every file is resolved against one base URL
 * that always ends with "/".
 */
import { InvalidArgumentError } from '../errors.js';

// Held in a variable so that bundlers do not try to inline the directory as an asset:
// the relative path only makes sense next to the published module (dist/client/ → data/toscana/).
const EMBEDDED_DIR = '../../data/toscana/';

/**
 * The data package embedded in `@pnrr-toscana/sdk` (Tuscany), as a URL next to this module:
 * a `file:` URL in Node, an http(s) URL when the package is served unbundled (e.g. from a CDN).
 * Once the SDK is bundled into another file the relative location no longer holds:
 * pass `baseUrl` explicitly then.
 */
export const DEFAULT_BASE_URL: string = new URL(EMBEDDED_DIR, import.meta.url).href;

const withSlash = (url: URL): URL => {
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
};

/** The regions whose data package is embedded in `@pnrr-toscana/sdk` (folders `data/<region>/`). */
export const EMBEDDED_REGIONS = ['toscana', 'liguria'] as const;
/** An embedded region, for `createClient({ region })`. */
export type EmbeddedRegion = (typeof EMBEDDED_REGIONS)[number];

/**
 * The embedded package of `region`, next to this module like `DEFAULT_BASE_URL`.
 * @throws InvalidArgumentError for a region that is not embedded.
 */
export function embeddedBaseUrl(region: unknown): URL {
  if (!EMBEDDED_REGIONS.includes(region as EmbeddedRegion)) {
    throw new InvalidArgumentError('region', region, `expected ${EMBEDDED_REGIONS.join(' or ')}`);
  }
  return new URL(`${EMBEDDED_DIR}../${region as string}/`, import.meta.url);
}

/** A scheme of two or more letters (a single letter is a Windows drive, i.e. a path). */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** Turns `baseUrl` (URL, absolute URL, relative URL in a page, or a path in Node) into an absolute directory URL. */
export function resolveBaseUrl(baseUrl: string | URL | undefined): URL {
  if (baseUrl === undefined) return new URL(DEFAULT_BASE_URL);
  if (baseUrl instanceof URL) return withSlash(new URL(baseUrl.href));
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new InvalidArgumentError('baseUrl', baseUrl, 'expected a URL or a directory path');
  }
  if (HAS_SCHEME.test(baseUrl)) return withSlash(new URL(baseUrl));
  // A relative reference: against the page in a browser, against the working directory in Node.
  const page = (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
  if (page) return withSlash(new URL(baseUrl, page));
  const proc = (globalThis as { process?: { cwd?: () => string } }).process;
  if (typeof proc?.cwd !== 'function') {
    throw new InvalidArgumentError('baseUrl', baseUrl, 'a relative location needs a page or a working directory');
  }
  return withSlash(new URL(pathToUrlPath(baseUrl), `file://${pathToUrlPath(proc.cwd())}/`));
}

/** A file-system path as the path part of a file: URL (Windows drives and backslashes included). */
function pathToUrlPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (/^[a-z]:\//i.test(p)) p = `/${p}`;
  // `%`, `#` and `?` are legal in file names but special in URLs.
  return p.replace(/%/g, '%25').replace(/#/g, '%23').replace(/\?/g, '%3F');
}
