/**
 * Comuni and provinces by name: `places()` (a search, for pickers and
 * autocompletes) and `resolvePlace()` (one name or code to one place), also used
 * by the `comune` / `province` filters of `projects()` and `spending()`.
 * Loaded on first use: pages that only pass codes never download it.
 *
 * Names compare "folded": lower case, no accents, typographic apostrophes as
 * "'", an apostrophe written for a final accent ("Piandisco'") dropped, hyphens
 * and runs of spaces as one space. A match is exact after folding; the closest
 * names (prefix, word prefix, substring, then edit distance) are only offered
 * as suggestions, never chosen silently.
 */
import { NotFoundError } from '../errors.js';
import { fold } from '../format/fold.js';
import { isComuneCode, isProvinceCode } from '../format/keys.js';
import { MERGED_COMUNI } from '../format/merged-comuni.js';
import type { Territories } from '../schema/package.js';
import { fail, integer, oneOf, queryObject } from './args.js';
import { PlaceNameError } from './place-error.js';
import type { Place, PlaceKind, PlacesQuery, ResolvePlaceOptions } from './place-types.js';
import type { CallOptions } from './types.js';

/** A name as compared: see the module comment. */
export const foldName = (s: string): string =>
  fold(s)
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/([aeiou])'(?=\s|$)/g, '$1')
    .replace(/[\s\-\u2010-\u2014]+/g, ' ')
    .trim();

interface Entry {
  place: Place;
  /** Folded name (or former name, or province abbreviation) this entry answers to. */
  key: string;
}

interface PlaceIndex {
  entries: Entry[];
  byCode: Map<string, Place>;
}

const MAX_SUGGESTIONS = 5;
const indexes = new WeakMap<Territories, PlaceIndex>();

/** The lookup tables of a territories file, built once per loaded file. */
function indexOf(territories: Territories): PlaceIndex {
  let index = indexes.get(territories);
  if (index) return index;
  const entries: Entry[] = [];
  const byCode = new Map<string, Place>();
  for (const p of territories.provinces) {
    const place: Place = { kind: 'province', code: p.code, name: p.name };
    byCode.set(p.code, place);
    entries.push({ place, key: foldName(p.name) });
    if (p.abbreviation) entries.push({ place, key: foldName(p.abbreviation) });
  }
  for (const c of territories.comuni) {
    const place: Place = { kind: 'comune', code: c.code, name: c.name, province: c.province };
    byCode.set(c.code, place);
    entries.push({ place, key: foldName(c.name) });
  }
  // Comuni suppressed by a merger answer to their former code and name with today's comune.
  // The package lists the mergers its data met (`remapped`); the SDK's table has every one
  // since 2014 in the regions it knows, kept when today's comune is in this package.
  const former = [...MERGED_COMUNI.map((m) => ({ from: m.from, fromName: m.fromName, to: m.to })), ...(territories.remapped ?? []).map((r) => ({ from: r.from, fromName: undefined, to: r.to }))];
  for (const m of former) {
    const now = byCode.get(m.to);
    if (!now || byCode.has(m.from)) continue;
    const place: Place = { ...now, formerCode: m.from };
    byCode.set(m.from, place);
    if (m.fromName && foldName(m.fromName) !== foldName(now.name)) entries.push({ place, key: foldName(m.fromName) });
  }
  index = { entries, byCode };
  indexes.set(territories, index);
  return index;
}

const CODE_FORMAT: Record<PlaceKind, [(v: string) => boolean, string]> = {
  comune: [isComuneCode, 'a 6-digit ISTAT municipality code, e.g. "048017"'],
  province: [isProvinceCode, 'a 3-digit ISTAT province code, e.g. "048"'],
};

/**
 * The place a name or code stands for.
 * @param argument Named in errors (e.g. `comune`).
 * @throws InvalidArgumentError for a value that is no name nor code; PlaceNameError for an unknown or
 *   ambiguous name; NotFoundError for a well-formed code the package does not have.
 */
export function resolvePlace(territories: Territories, value: unknown, kind: PlaceKind | undefined, argument = kind ?? 'place'): Place {
  if (typeof value !== 'string' || value.trim() === '') fail(argument, value, `expected a name or ${kind ? CODE_FORMAT[kind][1] : 'an ISTAT code'}`);
  const text = (value as string).trim();
  const { entries, byCode } = indexOf(territories);
  if (/^\d+$/.test(text)) {
    const kinds: PlaceKind[] = kind ? [kind] : ['comune', 'province'];
    if (!kinds.some((k) => CODE_FORMAT[k][0](text))) fail(argument, value, `expected ${kinds.map((k) => CODE_FORMAT[k][1]).join(' or ')}`);
    const place = byCode.get(text);
    if (!place || (kind && place.kind !== kind)) throw new NotFoundError(argument, text);
    return { ...place };
  }
  const key = foldName(text);
  const matches = unique(entries.filter((e) => e.key === key && (!kind || e.place.kind === kind)).map((e) => e.place));
  if (matches.length === 1) return { ...matches[0]! };
  if (matches.length > 1) throw new PlaceNameError(argument, value as string, 'ambiguous', matches.map((p) => ({ ...p })), kind);
  throw new PlaceNameError(argument, value as string, 'unknown', closest(entries, key, kind, MAX_SUGGESTIONS, true), kind);
}

/** Places whose name is like `q` (see PlacesQuery), best first; a code finds its place. */
export function searchPlaces(territories: Territories, q: string, kind: PlaceKind | undefined, limit: number): Place[] {
  const { entries, byCode } = indexOf(territories);
  const text = q.trim();
  if (/^\d+$/.test(text)) {
    const place = byCode.get(text);
    return place && (!kind || place.kind === kind) ? [{ ...place }] : [];
  }
  const key = foldName(text);
  if (key === '') {
    const all = unique(entries.filter((e) => !e.place.formerCode && (!kind || e.place.kind === kind)).map((e) => e.place));
    return all.sort((a, b) => byName(a.name, b.name)).slice(0, limit).map((p) => ({ ...p }));
  }
  return closest(entries, key, kind, limit, false);
}

let collator: Intl.Collator | undefined;
const byName = (a: string, b: string): number => (collator ??= new Intl.Collator('it', { sensitivity: 'base', numeric: true })).compare(a, b);

/** Distinct places (an entry per name: a province answers to its name and its abbreviation). */
function unique(places: Place[]): Place[] {
  const seen = new Set<string>();
  return places.filter((p) => !seen.has(`${p.kind}:${p.code}`) && seen.add(`${p.kind}:${p.code}`));
}

/**
 * Places ranked by how close their name is to `key`: equal, then starting with it, then a word
 * starting with it, then containing it, then by edit distance. `anyDistance`: keep the nearest
 * whatever their distance (suggestions for an unknown name); else only near misses.
 */
function closest(entries: Entry[], key: string, kind: PlaceKind | undefined, limit: number, anyDistance: boolean): Place[] {
  const nearMiss = Math.max(1, Math.floor(key.length / 4));
  const scored: Array<{ place: Place; tier: number; rank: number }> = [];
  for (const e of entries) {
    if (kind && e.place.kind !== kind) continue;
    const k = e.key;
    let tier: number;
    let rank = k.length;
    if (k === key) tier = 0;
    else if (k.startsWith(key)) tier = 1;
    else if (k.includes(` ${key}`) || k.includes(`'${key}`)) tier = 2;
    else if (k.includes(key)) tier = 3;
    else {
      // A typo anywhere, or a name typed only in part: the closer of the whole name and its start.
      // No name is longer than 64 characters: a longer text (even 10,000 characters) is compared by its start.
      const typed = key.slice(0, 64);
      rank = Math.min(distance(typed, k), distance(typed, k.slice(0, typed.length)) + 1);
      if (!anyDistance && rank > nearMiss) continue;
      tier = 4;
    }
    scored.push({ place: e.place, tier, rank });
  }
  scored.sort((a, b) => a.tier - b.tier || a.rank - b.rank || byName(a.place.name, b.place.name));
  return unique(scored.map((s) => s.place))
    .slice(0, limit)
    .map((p) => ({ ...p }));
}

/** Edit distance with swapped neighbours as one edit ("Pistioa" is 1 from "Pistoia"); names are short. */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The `comune` and `province` filters of a query with names (and former comune codes) replaced
 * by today's codes. Codes are passed through untouched without reading territories.json, so a
 * query by code costs no extra file; the format checks stay with `filters()`.
 */
export async function withPlaceCodes<Q extends { comune?: unknown; province?: unknown } & CallOptions>(query: Q, territories: TerritoriesFile): Promise<Q> {
  const out = { ...query };
  for (const kind of ['comune', 'province'] as const) {
    const value = query[kind];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const isCode = /^\d+$/.test(value.trim());
    const former = kind === 'comune' && MERGED_COMUNI.some((m) => m.from === value.trim());
    if (isCode && !former) continue;
    const place = resolvePlace(await territories(query), value, kind);
    out[kind] = place.code as Q[typeof kind];
  }
  return out;
}

const KINDS: readonly PlaceKind[] = ['comune', 'province'];
const kindOf = (value: unknown): PlaceKind | undefined => (value === undefined ? undefined : oneOf('kind', value, KINDS, 'comune'));

type TerritoriesFile = (call: CallOptions | undefined) => Promise<Territories>;

/** The client's `places()`, over its cached territories.json. */
export async function placesMethod(query: PlacesQuery | undefined, territories: TerritoriesFile): Promise<Place[]> {
  const q = queryObject(query);
  if (q.q !== undefined && typeof q.q !== 'string') fail('q', q.q, 'expected a string');
  const kind = kindOf(q.kind);
  const limit = integer('limit', q.limit, 1, 1000, 20);
  return searchPlaces(await territories(q), q.q ?? '', kind, limit);
}

/** The client's `resolvePlace()`. */
export async function resolvePlaceMethod(nameOrCode: string, options: ResolvePlaceOptions | undefined, territories: TerritoriesFile): Promise<Place> {
  const o = queryObject(options, 'options');
  const kind = kindOf(o.kind);
  return resolvePlace(await territories(o), nameOrCode, kind);
}
