/**
 * `releases.json`: the history a package carries of its releases, one entry per `pnrr-toscana
 * update` (oldest first): when it was released, from which files (URL, SHA-256, rows, data
 * date) and the headline totals by mission, so a reader can tell what changed and when without
 * the previous package. Written by `update` into the package and listed in its checksums.json.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date YYYY-MM-DD' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Cents = (description: string) => Type.Integer({ description: `${description}, euro cents` });

/** Version of the releases.json layout (readers accept the same major). */
export const RELEASES_VERSION = '1.0.0';

/** One downloaded file of a release. */
export const ReleaseSource = Type.Object({
  role: Type.String({ description: 'Role given in sources.json (projects, localisations, payments, boundaries, population, or a pass-through role)' }),
  file: Type.String({ description: 'File name the package records' }),
  url: Type.String({ description: 'Where it was downloaded from (credentials removed), or the path given in sources.json' }),
  bytes: Type.Integer({ description: 'Size in bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  layout: Nullable(Type.String({ description: 'Layout recognised by the ingest; null for files it does not read as a table' })),
  rows: Nullable(Type.Integer({ description: 'Data rows read by the build (header excluded); null when the build does not read the file' })),
  referenceDate: Nullable(IsoDate),
  read: Type.Boolean({ description: 'Whether the build read the file (false: a pass-through role, recorded only)' }),
});

/** Totals of one mission, attributed inside the region (as `spending({ groupBy: "mission" })`). */
export const MissionTotal = Type.Object({
  mission: Type.String({ description: 'Mission code, M1…M7' }),
  name: Type.String(),
  projects: Type.Integer({ description: 'Distinct projects' }),
  pnrrCents: Cents('Finanziamento PNRR attributed inside the region'),
  totalCents: Cents('Finanziamento Totale attributed inside the region'),
});

/** One release. */
export const Release = Type.Object({
  releaseDate: IsoDate,
  referenceDate: IsoDate,
  generatedAt: IsoDate,
  generator: Type.String(),
  sources: Type.Array(ReleaseSource),
  totals: Type.Object({
    projects: Type.Integer(),
    touching: Type.Object({ pnrrCents: Cents('Finanziamento PNRR of the projects touching the region'), totalCents: Cents('Finanziamento Totale of the projects touching the region') }),
    inside: Type.Object({ pnrrCents: Cents('Finanziamento PNRR attributed inside the region'), totalCents: Cents('Finanziamento Totale attributed inside the region') }),
  }),
  byMission: Type.Array(MissionTotal),
});

/** `releases.json`. */
export const Releases = Type.Object({
  schemaVersion: Type.String({ pattern: '^1\\.\\d+\\.\\d+$' }),
  region: Type.Object({ code: Type.String({ pattern: '^\\d{2}$' }), name: Type.String() }),
  releases: Type.Array(Release, { description: 'Oldest first' }),
});

export type ReleaseSource = Static<typeof ReleaseSource>;
export type MissionTotal = Static<typeof MissionTotal>;
export type Release = Static<typeof Release>;
export type Releases = Static<typeof Releases>;

/** File name of the history inside a package. */
export const RELEASES_FILE = 'releases.json';
