// Baseline map: the region's comuni coloured by the PNRR funding attributed to them (quantiles),
// the TopoJSON of the comuni from the repository's sources, drawn by vega-embed.
/* global performance, vegaEmbed -- a page's module; vegaEmbed from its script tag */
import { euros, tuscanShares } from './data.mjs';

async function main() {
  const [shares, topology] = await Promise.all([tuscanShares(), fetch('/raw/toscana-comuni.topo.json').then((r) => r.json())]);
  const byComune = new Map();
  for (const s of shares) {
    if (s.comune.startsWith('000') || s.comune.endsWith('000')) continue; // province- and region-wide rows
    byComune.set(s.comune, (byComune.get(s.comune) ?? 0) + s.pnrr);
  }
  const values = [...byComune].map(([code, pnrr]) => ({ code, pnrr, text: euros(pnrr) }));
  await vegaEmbed('#view', {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Finanziamento PNRR per comune · Toscana',
    width: 600,
    height: 600,
    projection: { type: 'transverseMercator', rotate: [-11, 0, 0] },
    data: { values: topology, format: { type: 'topojson', feature: 'comuni' } },
    transform: [{ lookup: 'properties.pro_com_t', from: { data: { values }, key: 'code', fields: ['pnrr', 'text'] } }],
    mark: { type: 'geoshape', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      color: { field: 'pnrr', type: 'quantitative', scale: { type: 'quantile', scheme: 'blues' }, title: 'euro' },
      tooltip: [{ field: 'properties.name', title: 'Comune' }, { field: 'text', title: 'PNRR' }],
    },
  });
  window.__benchShown = values.map(({ code, pnrr }) => [code, pnrr]);
  return performance.now();
}

window.__benchRendered = main();
