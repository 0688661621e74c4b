/**
 * `pnrr-toscana diff`: what changed between two data packages of the same region — projects
 * added, removed and changed (title, PNRR and total amounts, places), and the totals by mission
 * and by comune with their deltas. Both packages are read through the SDK client (manifest,
 * region project list, spending), so the comparison does not depend on the package's file layout.
 *
 * The figures reconcile by construction, to the cent:
 *   Σ added − Σ removed + Σ changed deltas (project amounts) = Δ totals.touching
 *   Σ byMission deltas = Σ byComune deltas (buckets included) = Δ totals.inside
 */
import { createClient } from '../client/client.js';
import type { PnrrClient, SpendingRow } from '../client/types.js';
import type { ProjectListItem, Reconciliation } from '../schema/package.js';
import { InputError } from '../ingest/errors.js';

/** A value in the old and the new package, and new − old. */
export interface Delta {
  old: number;
  new: number;
  delta: number;
}

/** A project as compared: its key, title, amounts and the territory keys of the region it is localised in. */
export interface DiffProject {
  cup: string;
  localCode: string;
  title: string;
  pnrrCents: number;
  totalCents: number;
  places: string[];
}

/** A project in both packages whose title, amounts or places differ; only the fields that changed are present. */
export interface ChangedProject {
  cup: string;
  localCode: string;
  /** The title in the new package. */
  title: string;
  changes: {
    title?: { old: string; new: string };
    pnrrCents?: Delta;
    totalCents?: Delta;
    places?: { added: string[]; removed: string[] };
  };
}

/** One row of a grouped total (a mission, a comune or an unattributable bucket): old, new and delta. */
export interface GroupDelta {
  key: string;
  name: string;
  /** For the territorial rows: comune, province-wide or region-wide bucket. */
  kind?: string;
  projects: Delta;
  pnrrCents: Delta;
  totalCents: Delta;
}

/** The package a side of the diff was read from. */
export interface DiffSide {
  location: string;
  referenceDate: string;
  generatedAt: string;
  projects: number;
}

/** The JSON `pnrr-toscana diff --json` prints (documented in docs/sdk.md). */
export interface PackageDiff {
  region: { code: string; name: string };
  old: DiffSide;
  new: DiffSide;
  projects: { added: DiffProject[]; removed: DiffProject[]; changed: ChangedProject[] };
  totals: {
    projects: Delta;
    touching: { pnrrCents: Delta; totalCents: Delta };
    inside: { pnrrCents: Delta; totalCents: Delta };
  };
  /** Every mission of either package, by code. */
  byMission: GroupDelta[];
  /** Every comune and bucket of either package whose figures changed, largest PNRR change first. */
  byComune: GroupDelta[];
}

const delta = (a: number, b: number): Delta => ({ old: a, new: b, delta: b - a });
const key = (p: { cup: string; localCode: string }): string => `${p.cup}\u0000${p.localCode}`;
const cents = (euros: number): number => Math.round(euros * 100);
const byKey = (a: { cup: string; localCode: string }, b: { cup: string; localCode: string }): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Every project of the package (the region's list), through the client. */
async function allProjects(client: PnrrClient): Promise<Map<string, DiffProject>> {
  const out = new Map<string, DiffProject>();
  for (let offset = 0; ; offset += 1000) {
    const page = await client.projects({ sort: 'cup', limit: 1000, offset });
    for (const item of page.items) out.set(key(item), project(item));
    if (offset + page.items.length >= page.total || page.items.length === 0) return out;
  }
}

const project = (item: ProjectListItem): DiffProject => ({
  cup: item.cup, localCode: item.localCode, title: item.title, pnrrCents: item.pnrrCents, totalCents: item.totalCents, places: [...item.places].sort(),
});

/** Spending rows of one grouping, PNRR and total, by key. */
async function grouped(client: PnrrClient, groupBy: 'mission' | 'comune'): Promise<Map<string, { row: SpendingRow; pnrr: number; total: number }>> {
  const [pnrr, total] = await Promise.all([client.spending({ groupBy, metric: 'pnrr' }), client.spending({ groupBy, metric: 'total' })]);
  const totals = new Map(total.map((r) => [r.key, r.amount]));
  return new Map(pnrr.map((r) => [r.key, { row: r, pnrr: cents(r.amount), total: cents(totals.get(r.key) ?? 0) }]));
}

function groupDeltas(a: Awaited<ReturnType<typeof grouped>>, b: Awaited<ReturnType<typeof grouped>>): GroupDelta[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.map((k) => {
    const x = a.get(k);
    const y = b.get(k);
    const row = (y ?? x)!.row;
    return {
      key: k,
      name: row.label,
      ...(row.kind ? { kind: row.kind } : {}),
      projects: delta(x?.row.count ?? 0, y?.row.count ?? 0),
      pnrrCents: delta(x?.pnrr ?? 0, y?.pnrr ?? 0),
      totalCents: delta(x?.total ?? 0, y?.total ?? 0),
    };
  });
}

const changedGroup = (g: GroupDelta): boolean => g.projects.delta !== 0 || g.pnrrCents.delta !== 0 || g.totalCents.delta !== 0;

/**
 * Compares two data packages (directories or URLs, as `createClient({ baseUrl })` takes them).
 *
 * @throws InputError when they are packages of different regions.
 */
export async function diffPackages(oldLocation: string, newLocation: string, signal?: AbortSignal): Promise<PackageDiff> {
  const clients = [oldLocation, newLocation].map((baseUrl) => createClient({ baseUrl, ...(signal ? { signal } : {}) })) as [PnrrClient, PnrrClient];
  const [ma, mb] = await Promise.all(clients.map((c) => c.manifest()));
  if (ma!.region.code !== mb!.region.code) {
    throw new InputError(`the packages are of different regions (${ma!.region.code} ${ma!.region.name}, ${mb!.region.code} ${mb!.region.name}); diff compares two releases of one region`);
  }
  const [pa, pb] = await Promise.all(clients.map(allProjects));
  const added: DiffProject[] = [];
  const removed: DiffProject[] = [];
  const changed: ChangedProject[] = [];
  for (const [k, p] of pb!) if (!pa!.has(k)) added.push(p);
  for (const [k, p] of pa!) {
    const q = pb!.get(k);
    if (!q) {
      removed.push(p);
      continue;
    }
    const changes: ChangedProject['changes'] = {};
    if (p.title !== q.title) changes.title = { old: p.title, new: q.title };
    if (p.pnrrCents !== q.pnrrCents) changes.pnrrCents = delta(p.pnrrCents, q.pnrrCents);
    if (p.totalCents !== q.totalCents) changes.totalCents = delta(p.totalCents, q.totalCents);
    const addedPlaces = q.places.filter((x) => !p.places.includes(x));
    const removedPlaces = p.places.filter((x) => !q.places.includes(x));
    if (addedPlaces.length > 0 || removedPlaces.length > 0) changes.places = { added: addedPlaces, removed: removedPlaces };
    if (Object.keys(changes).length > 0) changed.push({ cup: q.cup, localCode: q.localCode, title: q.title, changes });
  }
  const [missionsA, missionsB, comuniA, comuniB] = await Promise.all([grouped(clients[0], 'mission'), grouped(clients[1], 'mission'), grouped(clients[0], 'comune'), grouped(clients[1], 'comune')]);
  const byComune = groupDeltas(comuniA, comuniB)
    .filter(changedGroup)
    .sort((x, y) => Math.abs(y.pnrrCents.delta) - Math.abs(x.pnrrCents.delta) || (x.key < y.key ? -1 : 1));
  // The totals are in provenance.json (or, in packages written before it, the manifest): client.provenance() reads either.
  const [ta, tb] = (await Promise.all(clients.map((c) => c.provenance()))).map((p) => p.totals) as [Reconciliation, Reconciliation];
  const side = (location: string, m: typeof ma, t: Reconciliation): DiffSide => ({ location, referenceDate: m!.referenceDate, generatedAt: m!.generatedAt, projects: t.projects });
  return {
    region: { ...mb!.region },
    old: side(oldLocation, ma, ta),
    new: side(newLocation, mb, tb),
    projects: { added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey) },
    totals: {
      projects: delta(ta.projects, tb.projects),
      touching: { pnrrCents: delta(ta.touching.pnrrCents, tb.touching.pnrrCents), totalCents: delta(ta.touching.totalCents, tb.touching.totalCents) },
      inside: { pnrrCents: delta(ta.inside.pnrrCents, tb.inside.pnrrCents), totalCents: delta(ta.inside.totalCents, tb.inside.totalCents) },
    },
    byMission: groupDeltas(missionsA, missionsB),
    byComune,
  };
}
