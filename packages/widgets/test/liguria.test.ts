/**
 * Issue #3: another region's data package gives that region's map and charts
 * with no code change. The Liguria package is built from the official CSVs
 * with the SDK's CLI before the tests (scripts/test-data.mjs); the expected
 * counts are those of data/sources/geo/README.md (234 comuni: Imperia 66,
 * Savona 69, Genova 67, La Spezia 32).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createClient } from '@pnrr-toscana/sdk';
import '../src/chart/define.js';
import '../src/map/define.js';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { LIGURIA, normalise } from './helpers/page.js';

const sdk = createClient({ baseUrl: new URL(LIGURIA, location.href) });
const PROVINCES: Record<string, { name: string; comuni: number }> = {
  '008': { name: 'Imperia', comuni: 66 },
  '009': { name: 'Savona', comuni: 69 },
  '010': { name: 'Genova', comuni: 67 },
  '011': { name: 'La Spezia', comuni: 32 },
};

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** SVG paths of the map's comuni layer, and the comune code vega bound to each. */
const comunePaths = (el: Element) => $$(el, '.plot svg .mark-shape.layer_0_marks path');
const codeOfPath = (path: Element) => (path as unknown as { __data__?: { datum?: { properties?: { pro_com_t?: string } } } }).__data__?.datum?.properties?.pro_com_t;

async function drawn<T extends PnrrSpendingChart | PnrrMunicipalityMap>(template: ReturnType<typeof html>): Promise<T> {
  const el = await fixture<T>(template);
  expect(await el.chartRendered(), 'vega view').to.not.equal(null);
  return el;
}

describe('a Liguria data package (built with the SDK CLI), no code change', () => {
  it('is the Ligurian package: region 07, 234 comuni in 4 provinces', async () => {
    const [manifest, { totals }, territories] = await Promise.all([sdk.manifest(), sdk.provenance(), sdk.territories()]);
    expect(manifest.region).to.deep.equal({ code: '07', name: 'Liguria' });
    // data/sources/pnrr-liguria/README.md: 1,318 projects, Σ Finanziamento PNRR 1,405,147,307.66 €.
    expect(totals.projects).to.equal(1318);
    expect(totals.touching.pnrrCents).to.equal(140_514_730_766);
    expect(territories.comuni).to.have.length(234);
    const perProvince = Object.fromEntries(Object.keys(PROVINCES).map((p) => [p, territories.comuni.filter((c) => c.province === p).length]));
    expect(perProvince).to.deep.equal(Object.fromEntries(Object.entries(PROVINCES).map(([p, x]) => [p, x.comuni])));
  });

  it('<pnrr-municipality-map> draws the 234 comuni of Liguria, titled and credited to Liguria', async () => {
    const [territories, manifest] = await Promise.all([sdk.territories(), sdk.manifest()]);
    const el = await drawn<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${LIGURIA}></pnrr-municipality-map>`);
    expect(el.state).to.equal('ready');
    const paths = comunePaths(el);
    expect(paths).to.have.length(234);
    expect(new Set(paths.map(codeOfPath))).to.deep.equal(new Set(territories.comuni.map((c) => c.code)));
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Finanziamento PNRR per comune · Liguria');
    const attribution = normalise($(el, '[part="attribution"]')!.textContent!);
    expect(attribution).to.include('Estratto per la Regione Liguria');
    expect(attribution).to.include(normalise(manifest.attribution.data));
    expect(attribution).to.not.match(/toscana/i);
    // Every comune in the list beside the map and in the data table.
    expect($$(el, 'select option[value]:not([value=""])')).to.have.length(234);
    expect($$(el, 'table tbody tr')).to.have.length(234);
  });

  it('<pnrr-municipality-map province="011"> zooms to La Spezia: its 32 comuni', async () => {
    const el = await drawn<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${LIGURIA} province="011"></pnrr-municipality-map>`);
    const paths = comunePaths(el);
    expect(paths).to.have.length(PROVINCES['011']!.comuni);
    expect(paths.every((p) => codeOfPath(p)!.startsWith('011'))).to.equal(true);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Finanziamento PNRR per comune · Provincia di La Spezia');
  });

  it('<pnrr-spending-chart group-by="province"> shows the 4 Ligurian provinces with the SDK spending() values', async () => {
    const rows = await sdk.spending({ groupBy: 'province' });
    const provinces = rows.filter((r) => r.kind === 'province');
    const buckets = rows.filter((r) => r.kind === 'region-wide');
    expect(provinces.map((r) => r.key).sort()).to.deep.equal(Object.keys(PROVINCES));
    const el = await drawn<PnrrSpendingChart>(html`<pnrr-spending-chart src=${LIGURIA} group-by="province"></pnrr-spending-chart>`);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Finanziamento PNRR per provincia · Liguria');
    // The bars as drawn (vega's data), then the table, equal the SDK's answer on the same package.
    const view = (await el.chartRendered())!;
    const bars = (view.data('rows') as Array<{ key: string; label: string; value: number }>).map((d) => ({ key: d.key, label: d.label, value: d.value }));
    expect(bars).to.deep.equal(provinces.map((r) => ({ key: r.key, label: PROVINCES[r.key]!.name, value: r.value })));
    const body = $$(el, 'table tbody tr').map((tr) => ({ key: tr.dataset.key, value: Number(tr.querySelector<HTMLElement>('td[data-value]')!.dataset.value) }));
    expect(body).to.deep.equal(provinces.map((r) => ({ key: r.key, value: r.value })));
    // The region-wide bucket, when the package has one, is a footer row, not a bar.
    const foot = $$(el, 'table tfoot tr').map((tr) => ({ key: tr.dataset.key, value: Number(tr.querySelector<HTMLElement>('td[data-value]')!.dataset.value) }));
    expect(foot).to.deep.equal(buckets.map((r) => ({ key: r.key, value: r.amount })));
    // Everything attributed inside the region: the 4 provinces plus the bucket make the region total.
    const { totals } = await sdk.provenance();
    const cents = Math.round([...provinces, ...buckets].reduce((s, r) => s + r.amount, 0) * 100);
    expect(cents).to.equal(totals.inside.pnrrCents);
  });
});
