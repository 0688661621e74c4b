/**
 * Shareable views (`sync-url`): a Lit ReactiveController that keeps a few
 * values of its element in the page's URL fragment and puts them back on load
 * and on Back / Forward. Used by the chart and the map (and meant for any
 * element with user-changeable state, e.g. a list's filter, page and search).
 * Not imported by the card: it lives in the figures' chunk, never in the
 * card-only bundle.
 *
 * The fragment is a list of `key=value` pieces joined by `&`, each key
 * namespaced by its element: `#map.comune=100005&chart.table=1`. A controller
 * only ever rewrites the pieces under its own namespace and keeps every other
 * piece as it was written (another element's keys, a page's own `#section`
 * anchor), so two synced elements never overwrite each other.
 *
 * What is written is only what differs from the element's own markup (its
 * state when the controller started): a page loaded without a fragment shows
 * what its HTML says, a key removed from the fragment (Back) restores it.
 *
 *     private readonly urlState = new UrlState(this, {
 *       enabled: () => this.syncUrl,                   // the opt-in attribute
 *       namespace: () => this.id || 'map',             // one per element of the page
 *       fields: () => ({
 *         comune: { get: () => this.selected ?? '', set: (v) => (this.selected = v || undefined), valid: (v) => /^\d{6}$/.test(v), push: true },
 *       }),
 *     });
 *
 * - `get()` reads the element's value now ('' = none); `set(value)` applies one
 *   read from the URL, after `valid(value)` accepted it ('' restores the markup's value);
 * - `push: true`: a change is a new history entry (Back undoes it, e.g. a
 *   selection); otherwise the current entry is replaced (a view toggle);
 * - the element's values are compared after each update (`hostUpdated`): no
 *   call is needed when they change.
 *
 * Values read from the URL are untrusted: a value longer than
 * `MAX_VALUE_LENGTH`, badly percent-encoded, or refused by `valid` is ignored
 * (the markup's value stays), and values are only ever handed to `set` as
 * strings, never parsed as markup.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface UrlStateField {
  /** The element's value now; '' when it has none. */
  get(): string;
  /** Applies a value from the URL ('' = back to the value of the element's markup). */
  set(value: string): void;
  /** Whether a value read from the URL may be applied (it is ignored otherwise). */
  valid(value: string): boolean;
  /** A change of this value adds a history entry (Back undoes it); default: replaces the current one. */
  push?: boolean;
}

export interface UrlStateOptions {
  /** Whether the element syncs now (its `sync-url` attribute). */
  enabled: () => boolean;
  /** Prefix of the element's keys: unique on the page (e.g. its `id`, else its kind). */
  namespace: () => string;
  /** The values kept in the fragment, by key (read when needed, so a subclass may add its own). */
  fields: () => Readonly<Record<string, UrlStateField>>;
}

/** Longest value read from the URL; longer ones are ignored (a comune code is 6 characters, a search a few words). */
export const MAX_VALUE_LENGTH = 200;

type Values = Record<string, string>;

/** The fragment's `&`-separated pieces, as written (the leading `#` dropped). */
const pieces = (hash: string): string[] => (hash.startsWith('#') ? hash.slice(1) : hash).split('&').filter(Boolean);

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined; // a malformed escape: ignored
  }
}

/** The values under `prefix` in the fragment `hash` (raw, unchecked). */
export function readFragment(hash: string, prefix: string): Values {
  const values: Values = {};
  for (const piece of pieces(hash)) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = decode(piece.slice(0, eq));
    const value = decode(piece.slice(eq + 1));
    if (key === undefined || value === undefined || !key.startsWith(prefix)) continue;
    values[key.slice(prefix.length)] = value;
  }
  return values;
}

/** `hash` with the pieces under `prefix` replaced by `values` (empty values left out); every other piece kept as written. */
export function writeFragment(hash: string, prefix: string, values: Values): string {
  const others = pieces(hash).filter((piece) => !decode(piece.slice(0, Math.max(0, piece.indexOf('='))))?.startsWith(prefix));
  const own = Object.entries(values)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${encodeURIComponent(prefix + k)}=${encodeURIComponent(v)}`);
  const all = [...others, ...own];
  return all.length > 0 ? `#${all.join('&')}` : '';
}

export class UrlState implements ReactiveController {
  /** The element's values when syncing started (its markup): what a missing key means. */
  private baseline: Values | undefined;
  /** The values last seen in step with the URL. */
  private last: Values = {};
  private readonly onNavigate = (): void => this.restore();

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: UrlStateOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('popstate', this.onNavigate);
    addEventListener('hashchange', this.onNavigate);
    this.restore();
  }

  hostDisconnected(): void {
    removeEventListener('popstate', this.onNavigate);
    removeEventListener('hashchange', this.onNavigate);
  }

  hostUpdated(): void {
    if (!this.options.enabled()) return;
    if (!this.baseline) {
      // Syncing was switched on after the element connected.
      this.restore();
      return;
    }
    const now = this.current();
    if (same(now, this.last)) return;
    const changed = Object.keys(now).filter((k) => now[k] !== this.last[k]);
    this.last = now;
    if (same(now, this.effective())) return; // already what the URL says (a restore)
    const fields = this.options.fields();
    const diff = Object.fromEntries(Object.keys(fields).map((k) => [k, now[k] === this.baseline![k] ? '' : now[k]!]));
    const hash = writeFragment(location.hash, this.prefix(), diff);
    const url = `${location.pathname}${location.search}${hash}`;
    // Without a fragment left, the URL keeps no bare '#'. pushState/replaceState fire no hashchange: no loop.
    if (changed.some((k) => fields[k]!.push)) history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }

  /** Applies the URL's values (or the markup's, for keys it lacks) to the element. */
  private restore(): void {
    if (!this.options.enabled()) return;
    this.baseline ??= this.current();
    const want = this.effective();
    for (const [key, field] of Object.entries(this.options.fields())) if (field.get() !== want[key]) field.set(want[key]!);
    this.last = this.current();
  }

  /** What the URL asks for: its valid values, the markup's for the keys it lacks. */
  private effective(): Values {
    return { ...this.baseline, ...this.fromUrl() };
  }

  private prefix(): string {
    return `${this.options.namespace()}.`;
  }

  private current(): Values {
    return Object.fromEntries(Object.entries(this.options.fields()).map(([k, f]) => [k, f.get()]));
  }

  /** The URL's valid values for this element's keys (an invalid or oversized one is left out). */
  private fromUrl(): Values {
    const raw = readFragment(location.hash, this.prefix());
    const values: Values = {};
    for (const [key, field] of Object.entries(this.options.fields())) {
      const v = Object.hasOwn(raw, key) ? raw[key]! : undefined;
      if (v !== undefined && v.length <= MAX_VALUE_LENGTH && field.valid(v)) values[key] = v;
    }
    return values;
  }
}

const same = (a: Values, b: Values): boolean => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
