/**
 * The `sources.json` of `pnrr-toscana update`: which official files make up a release, where to
 * download them, and what each must be (role, layout, size, SHA-256, rows). The TypeBox schema is
 * the one definition: the type, the check (`Value.Errors`, no code generation) and the published
 * JSON Schema (`sources-config.schema.json`) all come from it.
 */
import { readFile } from 'node:fs/promises';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { InputError } from '../ingest/errors.js';
import { LAYOUTS } from '../ingest/read/layouts.js';

const isoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description} (YYYY-MM-DD)` });

/** One file of a release. */
export const SourceEntry = Type.Object(
  {
    role: Type.String({
      pattern: '^[a-z][a-z-]*$',
      description:
        'What the file is: a CSV role the ingest reads (projects, localisations, payments, and any role a later version adds), ' +
        'boundaries (TopoJSON) or population (CSV). Any other role is downloaded, verified and recorded, but not read (pass-through).',
    }),
    url: Type.String({ minLength: 1, description: 'http(s) URL of the file, or a path relative to the folder of sources.json (e.g. the boundaries kept in the repository)' }),
    name: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 200, description: 'File name to save it as (recorded in the package); default: the last segment of the URL' })),
    layout: Type.Optional(Type.String({ description: 'Expected layout id (e.g. current-2024, regis-2023-validati); another layout stops the update' })),
    referenceDate: Type.Optional(isoDate('The data date of the file ("aggiornati al …"), for files that carry no Data di Estrazione')),
    bytes: Type.Optional(Type.Integer({ minimum: 0, description: 'Expected size in bytes' })),
    sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Expected SHA-256 (lower-case hex)' })),
    minRows: Type.Optional(Type.Integer({ minimum: 1, description: 'Fewest data rows the file may have (a floor against truncated or emptied files)' })),
  },
  { additionalProperties: false },
);

/** `sources.json`: the files of one release of one region. */
export const SourcesConfig = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Where editors find this schema (ignored by the tool)' })),
    region: Type.String({ pattern: '^\\d{2}$', description: 'ISTAT region code, 2 digits (09 Toscana, 07 Liguria)' }),
    referenceDate: Type.Optional(isoDate('Overrides the data date of every project and localisation file (build --reference-date)')),
    headers: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]+$' }), Type.String(), { description: 'HTTP headers sent with every download (e.g. a User-Agent)' })),
    files: Type.Array(SourceEntry, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type SourceEntry = Static<typeof SourceEntry>;
export type SourcesConfig = Static<typeof SourcesConfig>;

/** Roles that are single, non-CSV inputs of the build. */
export const GEO_ROLES = ['boundaries', 'population'] as const;

/** The CSV roles this version of the ingest reads: those of its known layouts. */
export const csvRoles = (): string[] => [...new Set(LAYOUTS.map((l) => l.role as string))];

/** How the update treats a role: a CSV the build reads, a boundaries/population input, or a file only recorded. */
export function roleKind(role: string): 'csv' | 'geo' | 'pass-through' {
  if ((GEO_ROLES as readonly string[]).includes(role)) return 'geo';
  return csvRoles().includes(role) ? 'csv' : 'pass-through';
}

/** The file name an entry is saved as. */
export function entryName(entry: SourceEntry): string {
  if (entry.name) return entry.name;
  const path = /^https?:/i.test(entry.url) ? new URL(entry.url).pathname : entry.url;
  const last = decodeURIComponent(path.split(/[\\/]/).pop() ?? '');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(last)) throw new InputError(`sources: cannot take a file name from ${entry.url}; give "name"`);
  return last;
}

/**
 * Reads and checks `sources.json`: the schema, then what a schema cannot say (a name used twice,
 * one boundaries and one population file, at least one projects and one localisations file, a
 * layout id the role has, a URL of a supported scheme).
 *
 * @throws InputError naming the file and the first problems.
 */
export async function loadSourcesConfig(path: string): Promise<SourcesConfig> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: cannot read the sources config (${(error as Error).message})`);
  }
  const errors = [...Value.Errors(SourcesConfig, value)].slice(0, 3);
  if (errors.length > 0) {
    throw new InputError(`${path}: not a valid sources config: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`);
  }
  const config = value as SourcesConfig;
  const problems: string[] = [];
  const names = new Set<string>();
  const count = (role: string): number => config.files.filter((f) => f.role === role).length;
  config.files.forEach((entry, i) => {
    try {
      const name = entryName(entry);
      if (names.has(name)) problems.push(`/files/${i}: file name ${name} is used twice (give "name")`);
      names.add(name);
    } catch (error) {
      problems.push(`/files/${i}: ${(error as Error).message}`);
    }
    if (/^[a-z][a-z0-9+.-]+:/i.test(entry.url) && !/^https?:\/\//i.test(entry.url)) problems.push(`/files/${i}: only http(s) URLs or relative paths are supported, got ${entry.url}`);
    if (entry.layout !== undefined) {
      const ids = LAYOUTS.filter((l) => l.role === entry.role).map((l) => l.id);
      if (!ids.includes(entry.layout)) problems.push(`/files/${i}: layout "${entry.layout}" is not a layout of role ${entry.role} (known: ${ids.join(', ') || 'none'})`);
    }
  });
  for (const role of GEO_ROLES) if (count(role) !== 1) problems.push(`exactly one file of role ${role} is needed, found ${count(role)}`);
  for (const role of ['projects', 'localisations']) if (count(role) === 0) problems.push(`at least one file of role ${role} is needed`);
  if (problems.length > 0) throw new InputError(`${path}: ${problems.slice(0, 3).join('; ')}`);
  return config;
}
