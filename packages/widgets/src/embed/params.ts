/**
 * The query string of embed.html, checked: which element to show and which of
 * its attributes to set. Only known parameter names with valid values become
 * attributes; every other parameter is reported (by name, as text) so the
 * webmaster sees the typo instead of a silently different figure.
 */

export type EmbedKind = 'card' | 'chart' | 'map' | 'list';

export const TAGS: Record<EmbedKind, string> = { card: 'pnrr-project-card', chart: 'pnrr-spending-chart', map: 'pnrr-municipality-map', list: 'pnrr-project-list' };

/** A value test and, for the message, what a valid value looks like. */
type Rule = [(value: string) => boolean, string];

const oneOf = (...values: string[]): Rule => [(v) => values.includes(v), values.map((v) => (v === '' ? '(vuoto)' : v)).join(', ')];
/** A free text an element checks itself (a CUP, a comune name): bounded and printable. */
const text = (example: string): Rule => [(v) => v.length > 0 && v.length <= 100 && !/[<>]/.test(v) && ![...v].some((c) => c < ' ' || c === '\u007f'), example];
const FLAG = oneOf('', 'true');

const COMMON: Record<string, Rule> = {
  lang: oneOf('it', 'en'),
  theme: oneOf('auto', 'light', 'dark'),
  'heading-level': oneOf('1', '2', '3', '4', '5', '6'),
};
const FIGURE: Record<string, Rule> = {
  metric: oneOf('pnrr', 'total', 'count', 'paid', 'paid-share'),
  mission: [(v) => /^M\d{1,2}$/i.test(v), 'M1…M7'],
  province: text('Firenze, 048'),
  'per-capita': oneOf('', 'true', 'istat2021', 'anpr2025'),
};

/** Attributes each element takes from the query string (`id` and `el` are the page's own). */
export const ATTRIBUTES: Record<EmbedKind, Record<string, Rule>> = {
  card: { ...COMMON, cup: [(v) => /^[A-Za-z0-9]{15}$/.test(v), 'H91J12000770005'], 'local-code': text('1234'), compact: FLAG },
  chart: {
    ...COMMON,
    ...FIGURE,
    'group-by': oneOf('mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'),
    comune: text('Prato, 100005'),
    top: [(v) => /^\d{1,3}$/.test(v), '0…999'],
  },
  map: { ...COMMON, ...FIGURE, selected: [(v) => /^\d{6}$/.test(v), '048017'] },
  list: {
    ...COMMON,
    comune: text('Prato, 100005'),
    province: FIGURE.province!,
    mission: FIGURE.mission!,
    q: text('scuola'),
    sort: oneOf('pnrr', 'total', 'paid-share', 'title'),
    order: oneOf('asc', 'desc'),
  },
};

export interface Problem {
  /** The parameter name, as written. */
  name: string;
  /** `unknown`: no such parameter; `invalid`: a known one with a value it cannot take; `repeated`: given twice. */
  kind: 'unknown' | 'invalid' | 'repeated';
  /** For `invalid`: what a valid value looks like. */
  expected?: string;
}

export interface EmbedRequest {
  kind: EmbedKind | null;
  /** `id` parameter, echoed in the height messages ('' without one). */
  id: string;
  attributes: Array<[string, string]>;
  problems: Problem[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function readParams(search: string): EmbedRequest {
  const params = new URLSearchParams(search);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name) && !problems.some((p) => p.name === name && p.kind === 'repeated')) problems.push({ name, kind: 'repeated' });
    seen.add(name);
  }
  const el = params.get('el');
  const kind = el !== null && Object.hasOwn(TAGS, el) ? (el as EmbedKind) : null;
  if (kind === null) problems.push({ name: 'el', kind: 'invalid', expected: Object.keys(TAGS).join(', ') });
  const id = params.get('id') ?? '';
  if (id !== '' && !ID.test(id)) problems.push({ name: 'id', kind: 'invalid', expected: 'a-z, 0-9, _ -' });
  const attributes: Array<[string, string]> = [];
  const rules = kind ? ATTRIBUTES[kind] : {};
  for (const [name, value] of params) {
    if (name === 'el' || name === 'id' || problems.some((p) => p.name === name && p.kind === 'repeated')) continue;
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!rule) {
      if (kind) problems.push({ name, kind: 'unknown' });
      continue;
    }
    if (!rule[0](value)) problems.push({ name, kind: 'invalid', expected: rule[1] });
    // A flag written `compact=true` or just `compact` is the same present attribute.
    else attributes.push([name, value === 'true' && (rule === FLAG || name === 'per-capita') ? '' : value]);
  }
  return { kind, id: ID.test(id) ? id : '', attributes, problems };
}
