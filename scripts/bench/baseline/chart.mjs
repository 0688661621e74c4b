// Baseline chart: the region's PNRR funding by mission, bars drawn by vega-embed.
/* global performance, vegaEmbed -- a page's module; vegaEmbed from its script tag */
import { euros, tuscanShares } from './data.mjs';

async function main() {
  const byMission = new Map();
  for (const s of await tuscanShares()) {
    const m = byMission.get(s.project.Missione) ?? { mission: s.project.Missione, label: s.project['Descrizione Missione'], pnrr: 0, keys: new Set() };
    m.pnrr += s.pnrr;
    m.keys.add(s.key);
    byMission.set(s.project.Missione, m);
  }
  const rows = [...byMission.values()].sort((a, b) => (a.mission < b.mission ? -1 : 1)).map(({ mission, label, pnrr, keys }) => ({ mission, label, pnrr, projects: keys.size, text: euros(pnrr) }));
  await vegaEmbed('#view', {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Finanziamento PNRR per missione · Toscana',
    width: 600,
    data: { values: rows },
    encoding: { y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } }, x: { field: 'pnrr', type: 'quantitative', title: 'euro' } },
    layer: [{ mark: 'bar', encoding: { tooltip: [{ field: 'label' }, { field: 'text' }, { field: 'projects' }] } }, { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'text' } } }],
  });
  window.__benchShown = rows.map(({ mission, label, pnrr, projects }) => ({ mission, label, pnrr, projects }));
  return performance.now();
}

window.__benchRendered = main();
