/**
 * Human-readable summary of a data package: reconciliation figures and totals
 * by mission, or one comune's projects. Reads the files directly (no client).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Facts, Manifest, Measures, ProjectList, ProjectListItem, ProjectListPage, Provenance, Territories } from '../../schema/package.js';
import { PACKAGE_FILES, fillPattern } from '../../format/paths.js';
import { isComuneCode } from '../../format/keys.js';
import { byListItemOrder, listPagePath } from '../../format/list-pages.js';
import { flattenFacts } from '../../format/facts.js';
import { byString } from '../../format/compare.js';
import { formatEuro } from '../read/numbers.js';
import { InputError } from '../errors.js';

/** Options of `summarise()`. */
export interface SummaryOptions {
  /** Directory of the data package (default: the package embedded in the SDK). */
  dir?: string;
  /** 6-digit ISTAT code of a comune to summarise instead of the region. */
  comune?: string;
}

/** The package shipped inside @pnrr-toscana/sdk (data/toscana), relative to this module (src/ingest/check or dist/ingest/check). */
const EMBEDDED_PACKAGE_DIR = fileURLToPath(new URL('../../../data/toscana/', import.meta.url));

async function readJson<T>(dir: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
  } catch (error) {
    throw new InputError(`${join(dir, file)}: cannot read (${(error as Error).message}); is ${dir} a data package?`);
  }
}

/**
 * Every item of the list of `key`, in the order of a list within one page (whole PNRR amount, largest first, then
 * CUP and local code): a paged list's pages are read and put back in that order.
 */
async function listItems(dir: string, manifest: Manifest, key: string): Promise<ProjectListItem[]> {
  const list = await readJson<ProjectList>(dir, fillPattern(manifest.files.lists.pattern, 'key', key));
  if (!list.paging) return list.items;
  const pattern = manifest.files.lists.pagePattern ?? PACKAGE_FILES.listPagePattern;
  const items = [...list.items];
  for (let n = 2; n <= list.paging.pages; n++) items.push(...(await readJson<ProjectListPage>(dir, listPagePath(pattern, key, n))).items);
  return items.sort(byListItemOrder);
}

function table(head: string[], rows: string[][], right: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * A plain-text summary of a data package (the CLI's `summary`): reconciliation
 * figures and totals by mission for the region, or one comune's projects.
 *
 * @throws InputError when `comune` is not a comune code or a file is unreadable.
 */
export async function summarise(options: SummaryOptions = {}): Promise<string> {
  const dir = options.dir ?? EMBEDDED_PACKAGE_DIR;
  const manifest = await readJson<Manifest>(dir, PACKAGE_FILES.manifest);
  const territories = await readJson<Territories>(dir, manifest.files.territories);
  const facts = flattenFacts(await readJson<Facts>(dir, manifest.files.facts), manifest.files.facts);
  const out: string[] = [];
  out.push(`Regione ${manifest.region.name} (${manifest.region.code}) – data of ${manifest.referenceDate}, package generated ${manifest.generatedAt}`);
  out.push(manifest.attribution.data, '');

  if (options.comune !== undefined) {
    if (!isComuneCode(options.comune)) throw new InputError(`--comune must be a 6-digit ISTAT code such as 048017, got "${options.comune}"`);
    const comune = territories.comuni.find((c) => c.code === options.comune);
    if (!comune) throw new InputError(`comune ${options.comune} is not in this package (region ${manifest.region.code})`);
    const list = { items: await listItems(dir, manifest, comune.code) };
    const unsplitPnrr = list.items.reduce((a, i) => a + i.pnrrCents, 0);
    const unsplitTotal = list.items.reduce((a, i) => a + i.totalCents, 0);
    const rows = facts.filter((r) => r[0] === comune.code);
    const attrPnrr = rows.reduce((a, r) => a + r[2], 0);
    const attrTotal = rows.reduce((a, r) => a + r[3], 0);
    out.push(`Comune ${comune.name} (${comune.code}), province ${comune.province}, population ${comune.population.istat2021 ?? 'n/a'} (${territories.populationYears.istat2021})`);
    out.push(
      table(
        ['', 'projects', 'Finanziamento PNRR €', 'Finanziamento Totale €'],
        [
          ['projects localised here (unsplit amounts)', String(list.items.length), formatEuro(unsplitPnrr), formatEuro(unsplitTotal)],
          ['attributed to this comune', String(list.items.length), formatEuro(attrPnrr), formatEuro(attrTotal)],
        ],
        [false, true, true, true],
      ),
      '',
      'Largest projects (PNRR, unsplit):',
      table(
        ['CUP', 'local code', 'PNRR €', 'title'],
        list.items.slice(0, 10).map((i) => [i.cup, i.localCode, formatEuro(i.pnrrCents), i.title.length > 60 ? `${i.title.slice(0, 57)}…` : i.title]),
        [false, false, true, false],
      ),
    );
    return `${out.join('\n')}\n`;
  }

  // The totals: provenance.json, or the manifest of a package written before it.
  const t = manifest.files.provenance ? (await readJson<Provenance>(dir, manifest.files.provenance)).totals : manifest.totals;
  if (!t) throw new InputError(`${dir}: the package has no provenance.json and no totals in its manifest`);
  out.push(`Projects with at least one localisation in the region: ${t.projects}`, '');
  out.push(
    table(
      ['reconciliation', 'Finanziamento PNRR €', 'Finanziamento Totale €'],
      [
        ['projects touching the region (unsplit)', formatEuro(t.touching.pnrrCents), formatEuro(t.touching.totalCents)],
        ['attributed inside the region', formatEuro(t.inside.pnrrCents), formatEuro(t.inside.totalCents)],
        ['  comuni', formatEuro(t.comuni.pnrrCents), formatEuro(t.comuni.totalCents)],
        ['  province-wide buckets', formatEuro(t.provinceWide.pnrrCents), formatEuro(t.provinceWide.totalCents)],
        ['  region-wide bucket', formatEuro(t.regionWide.pnrrCents), formatEuro(t.regionWide.totalCents)],
        ['attributed outside the region', formatEuro(t.outside.pnrrCents), formatEuro(t.outside.totalCents)],
      ],
      [false, true, true],
    ),
    '',
  );
  const measures = await readJson<Measures>(dir, manifest.files.measures);
  const region = { items: await listItems(dir, manifest, manifest.region.code) };
  const missionOf = new Map<string, string>();
  const measureComponent = new Map(measures.measures.map((m) => [m.code, m.component]));
  const componentMission = new Map(measures.components.map((c) => [c.code, c.mission]));
  for (const s of measures.submeasures) missionOf.set(s.code, componentMission.get(measureComponent.get(s.measure) ?? '') ?? '?');
  const byMission = new Map<string, { projects: number; pnrr: number; inside: number; insideTotal: number }>();
  const get = (m: string) => byMission.get(m) ?? byMission.set(m, { projects: 0, pnrr: 0, inside: 0, insideTotal: 0 }).get(m)!;
  for (const item of region.items) {
    const m = get(missionOf.get(item.submeasure) ?? '?');
    m.projects++;
    m.pnrr += item.pnrrCents;
  }
  for (const [key, sub, pnrr, total] of facts) {
    if (key !== manifest.region.code) continue;
    const m = get(missionOf.get(sub) ?? '?');
    m.inside += pnrr;
    m.insideTotal += total;
  }
  const names = new Map(measures.missions.map((m) => [m.code, m.name]));
  const codes = [...byMission.keys()].sort(byString);
  out.push(
    table(
      ['mission', 'projects', 'PNRR € (unsplit)', 'PNRR € in region', 'Totale € in region', 'name'],
      codes.map((c) => {
        const m = byMission.get(c)!;
        return [c, String(m.projects), formatEuro(m.pnrr), formatEuro(m.inside), formatEuro(m.insideTotal), names.get(c) ?? ''];
      }),
      [false, true, true, true, true, false],
    ),
  );
  return `${out.join('\n')}\n`;
}
