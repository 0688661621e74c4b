// The pages of the render benchmark (render.mjs) and the server that serves them: the kit's page for
// each view (the CDN build and one element) and the hand-written baseline page (baseline/) with the
// raw files it downloads and the vega scripts it loads, the versions the kit bundles.
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CDN_DIR, kitPage, startServer } from './browser.mjs';
import { ROOT, SOURCES } from './lib.mjs';

const TRAM = 'H91J12000770005'; // Firenze tramway (data README): the demo's longest card
const here = (f) => new URL(f, import.meta.url).pathname;

/** Each view: the kit's element, the URL of the kit's page and of the baseline page. */
export const VIEWS = {
  card: { element: `<pnrr-project-card cup="${TRAM}"></pnrr-project-card>`, kit: '/kit/card.html', baseline: `/baseline/card.html?cup=${TRAM}` },
  chart: { element: '<pnrr-spending-chart group-by="mission"></pnrr-spending-chart>', kit: '/kit/chart.html', baseline: '/baseline/chart.html' },
  map: { element: '<pnrr-municipality-map></pnrr-municipality-map>', kit: '/kit/map.html', baseline: '/baseline/map.html' },
};

// The raw files a developer without the kit would download: the ReGiS CSVs and the comuni's TopoJSON
// (the card reads the last three: tenders of 2023 with their subjects and amounts, awardees and
// indicators of 2025, as the kit's package does).
const RAW_FILES = [
  ['pnrr-toscana/regis-2023-03-01', 'progetti_validati_toscana.csv'],
  ['pnrr-toscana/regis-2023-03-01', 'localizzazioni_validate_toscana.csv'],
  ['pnrr-toscana/regis-2023-03-01', 'localizzazioni_validate_fuori_toscana.csv'],
  ['pnrr-toscana/regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv'],
  ['pnrr-toscana/regis-2023-03-01', 'gare_aggiudicatari_validati_toscana.csv'],
  ['pnrr-toscana/regis-2025-03-31', 'aggiudicatari_gare_toscana.csv'],
  ['pnrr-toscana/regis-2025-03-31', 'indicatori_target_toscana.csv'],
  ['geo', 'toscana-comuni.topo.json'],
];

/** The installed build folder of a package the widgets depend on (the versions the kit bundles). */
const widgetsDep = (name) => realpathSync(join(ROOT, 'packages', 'widgets', 'node_modules', name));
const vega = widgetsDep('vega');
// d3-dsv: the CSV parser of vega's own loader, from the same install.
const d3dsv = realpathSync(join(realpathSync(join(vega, '..', 'vega-loader')), '..', 'd3-dsv'));
const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

/**
 * Starts the server of both pages; the raw files are copied into a temporary folder it serves at
 * /raw/. Returns { origin, versions, close() }.
 */
export async function startRenderServer() {
  const raw = mkdtempSync(join(tmpdir(), 'pnrr-bench-raw-'));
  for (const [dir, file] of RAW_FILES) cpSync(join(SOURCES, dir, file), join(raw, file));
  const server = await startServer({
    mounts: {
      '/cdn/': CDN_DIR,
      '/baseline/': here('./baseline/'),
      '/raw/': raw,
      '/vendor/vega/': join(vega, 'build'),
      '/vendor/vega-lite/': join(widgetsDep('vega-lite'), 'build'),
      '/vendor/vega-embed/': join(widgetsDep('vega-embed'), 'build'),
      '/vendor/d3-dsv/': join(d3dsv, 'dist'),
    },
    pages: Object.fromEntries(Object.values(VIEWS).map((v) => [v.kit, kitPage(v.element)])),
  });
  const versions = { vega: version(vega), 'vega-lite': version(widgetsDep('vega-lite')), 'vega-embed': version(widgetsDep('vega-embed')), 'd3-dsv': version(d3dsv) };
  return {
    origin: server.origin,
    versions,
    close: () => {
      server.close();
      rmSync(raw, { recursive: true, force: true });
    },
  };
}

/** The baseline's figures against the kit's own view files (so both pages show the same thing). */
export function agreement(view, shown) {
  const pkg = join(CDN_DIR, 'data', 'toscana');
  const rows = (file) => JSON.parse(readFileSync(join(pkg, file), 'utf8')).rows;
  if (view === 'chart') {
    const kit = new Map(rows('views/mission/09.json').map(([m, cents]) => [m, cents / 100]));
    return { compared: shown.length, maxDiffEuros: Math.max(...shown.map((r) => Math.abs(r.pnrr - (kit.get(r.mission) ?? 0)))) };
  }
  if (view === 'map') {
    const kit = new Map(rows('views/comune/09.json').filter(([c]) => !c.endsWith('000')).map(([c, cents]) => [c, cents / 100]));
    const base = new Map(shown);
    const codes = new Set([...kit.keys(), ...base.keys()]);
    const differ = [...codes].filter((c) => Math.abs((kit.get(c) ?? 0) - (base.get(c) ?? 0)) > 1);
    return { compared: codes.size, kitComuni: kit.size, baselineComuni: base.size, differOver1Euro: differ.length };
  }
  return { compared: 1 };
}

