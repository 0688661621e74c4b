/**
 * A light structural check of the package files, limited to the fields the
 * client reads. It is not the JSON Schema validation of the CLI (that would
 * pull TypeBox into every browser): it catches a wrong or truncated file early
 * and names the place, instead of failing later with an obscure TypeError.
 */
import { SCHEMA_MAJOR, isReadableVersion } from '../format/version.js';

/**
 * "string" | "number" | "object" | "array" | a tuple written "(ssnnn)" (s = string, n = number) |
 * `[item]` for an array whose items match `item` | an object literal for the named fields |
 * `{ '*': item }` for a record whose every value matches `item`.
 */
export type Spec = 'string' | 'number' | 'object' | 'array' | `(${string})` | readonly [Spec] | { readonly [key: string]: Spec };

/** Where the data does not match the spec, as a JSON Pointer, and why. */
export class ShapeMismatch {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TYPE = { s: 'string', n: 'number' } as const;

function check(value: unknown, spec: Spec, path: string): void {
  if (typeof spec === 'string') {
    if (spec.startsWith('(')) {
      const types = spec.slice(1, -1);
      if (!Array.isArray(value) || value.length !== types.length) throw new ShapeMismatch(path, `expected a tuple of ${types.length} values`);
      for (let i = 0; i < types.length; i++) {
        const want = TYPE[types[i] as 's' | 'n'];
        if (typeof value[i] !== want) throw new ShapeMismatch(`${path}/${i}`, `expected a ${want}`);
      }
      return;
    }
    const ok =
      spec === 'array' ? Array.isArray(value) : spec === 'object' ? isObject(value) : spec === 'number' ? Number.isFinite(value) : typeof value === spec;
    if (!ok) throw new ShapeMismatch(path, `expected ${spec === 'array' || spec === 'object' ? 'an' : 'a'} ${spec}`);
    return;
  }
  if (Array.isArray(spec)) {
    if (!Array.isArray(value)) throw new ShapeMismatch(path, 'expected an array');
    for (let i = 0; i < value.length; i++) check(value[i], spec[0] as Spec, `${path}/${i}`);
    return;
  }
  if (!isObject(value)) throw new ShapeMismatch(path, 'expected an object');
  const each = (spec as Record<string, Spec>)['*'];
  for (const [key, inner] of each ? Object.keys(value).map((k) => [k, each] as const) : Object.entries(spec as Record<string, Spec>)) {
    check(value[key], inner, `${path}/${key}`);
  }
}

/** Checks `data` against `spec` and, when `versioned`, the package layout's major version. */
export function checkShape(data: unknown, spec: Spec, versioned: boolean): void {
  if (versioned) {
    const version = isObject(data) ? data['schemaVersion'] : undefined;
    if (typeof version !== 'string') throw new ShapeMismatch('/schemaVersion', 'expected a string');
    if (!isReadableVersion(version)) throw new ShapeMismatch('/schemaVersion', `version ${version} is not readable by this client (major ${SCHEMA_MAJOR})`);
  }
  check(data, spec, '');
}

const named = { code: 'string', name: 'string' } as const;
const population = 'object';

/** What the client reads of a project list item (list files and their pages). */
export const LIST_ITEM = {
  cup: 'string',
  localCode: 'string',
  title: 'string',
  submeasure: 'string',
  body: 'string',
  bodyName: 'string',
  pnrrCents: 'number',
  totalCents: 'number',
  places: ['string'],
} as const;

/** Shapes of the files, by role. */
export const SHAPES = {
  // The totals moved to provenance.json (packages written before it still carry them here).
  manifest: { region: named, referenceDate: 'string', files: 'object' },
  territories: {
    region: { ...named, population },
    provinces: [{ ...named, population }],
    comuni: [{ ...named, province: 'string', population }],
  },
  measures: {
    missions: [named],
    components: [{ ...named, mission: 'string' }],
    measures: [{ ...named, component: 'string' }],
    submeasures: [{ ...named, measure: 'string' }],
  },
  // Also the shape of facts-paid.json (its `referenceDates` are read only when present).
  facts: { submeasures: ['string'], amounts: { '*': ['(nnnn)'] }, counts: { '*': ['(nn)'] } },
  bodyFacts: { bodies: [{ key: 'string', name: 'string' }], rows: ['(ssnnnn)'] },
  view: { columns: ['string'], rows: ['array'] },
  shard: { projects: [{ cup: 'string', localCode: 'string', title: 'string', localisations: 'array' }] },
  // A paged list's `paging` and its page files are checked where they are read (client/projects.ts, a lazy chunk).
  list: { items: [LIST_ITEM] },
  quality: { files: 'array', rejected: 'array', warnings: 'array' },
  boundaries: { type: 'string', objects: 'object' },
} as const satisfies Record<string, Spec>;
