import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient } from '@pnrr-toscana/sdk';
import '../src/map/define.js';
import '../src/chart/define.js';
import type { PnrrElement } from '../src/base/pnrr-element.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { DATA, axeViolations, normalise, textOf, until } from './helpers/page.js';

const sdk = createClient({ baseUrl: new URL(DATA, location.href) });

async function map(template: ReturnType<typeof html>): Promise<PnrrMunicipalityMap> {
  const el = await fixture<PnrrMunicipalityMap>(template);
  await el.chartRendered();
  return el;
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** SVG paths of the comuni layer (the first geoshape layer). */
const comunePaths = (el: Element) => $$(el, '.plot svg .mark-shape.layer_0_marks path');
/** The comune code vega bound to an SVG path (vega's SVG renderer keeps the scenegraph item on `__data__`). */
const codeOfPath = (path: Element) => (path as unknown as { __data__?: { datum?: { properties?: { pro_com_t?: string } } } }).__data__?.datum?.properties?.pro_com_t;

function tableValues(el: Element): Map<string, number> {
  return new Map($$(el, 'table tbody tr').map((tr) => [tr.dataset.key!, Number(tr.querySelector<HTMLElement>('td[data-value]')!.dataset.value)]));
}

describe('<pnrr-municipality-map>', () => {
  it('draws the 273 comuni of Tuscany from the package TopoJSON, with province borders and a legend', async () => {
    const [territories, rows] = await Promise.all([sdk.territories(), sdk.spending({ groupBy: 'comune' })]);
    const el = await map(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`);
    expect(el.state).to.equal('ready');
    const paths = comunePaths(el);
    expect(paths).to.have.length(273);
    expect(new Set(paths.map(codeOfPath))).to.deep.equal(new Set(territories.comuni.map((c) => c.code)));
    // Province borders: one mesh path, not filled.
    const mesh = $$(el, '.plot svg .mark-shape.inert_borders_marks path');
    expect(mesh).to.have.length(1);
    expect(mesh[0]!.getAttribute('fill')).to.be.oneOf([null, 'none', 'transparent']);
    // Drawn over the comuni, the borders never take the pointer (test/map-pointer.test.ts: the real mouse).
    expect(getComputedStyle(mesh[0]!).pointerEvents).to.equal('none');
    // A legend with the classes and the no-data class.
    expect($$(el, '.plot svg .role-legend').length).to.equal(1);
    // Every comune in the data table, with the SDK's value.
    const table = tableValues(el);
    expect(table.size).to.equal(273);
    for (const r of rows.filter((x) => x.kind === 'comune')) expect(table.get(r.key), r.key).to.equal(r.value);
    // Only the topology and small JSON files were read: no GeoJSON.
    const data = performance.getEntriesByType('resource').filter((e) => e.name.includes(DATA));
    expect(data.some((e) => e.name.endsWith('/boundaries.topo.json'))).to.equal(true);
    expect(data.filter((e) => /geojson/i.test(e.name))).to.deep.equal([]);
  });

  it('states the amount not attributable to a single comune (province- and region-wide projects)', async () => {
    const rows = await sdk.spending({ groupBy: 'comune' });
    const buckets = rows.filter((r) => r.kind === 'province-wide' || r.kind === 'region-wide');
    expect(buckets.length).to.be.greaterThan(1);
    const total = buckets.reduce((s, r) => s + r.amount, 0);
    const { totals } = await sdk.provenance();
    // Reconciles with the package totals: province-wide + region-wide PNRR cents.
    expect(Math.round(total * 100)).to.equal(totals.provinceWide.pnrrCents + totals.regionWide.pnrrCents);
    const el = await map(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`);
    const mln = (total / 1e6).toLocaleString('it-IT', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    expect(textOf(el)).to.include(`Non attribuibili a un solo comune, quindi non sulla mappa: ${mln} milioni di euro`);
    expect($$(el, 'table tfoot tr').map((tr) => tr.dataset.key).sort()).to.deep.equal(buckets.map((b) => b.key).sort());
  });

  it('per-capita values equal amount / ISTAT 1/1/2021 population of each comune', async () => {
    const [plain, territories] = await Promise.all([sdk.spending({ groupBy: 'comune' }), sdk.territories()]);
    const el = await map(html`<pnrr-municipality-map src=${DATA} per-capita></pnrr-municipality-map>`);
    const table = tableValues(el);
    let checked = 0;
    for (const c of territories.comuni) {
      const amount = plain.find((r) => r.key === c.code)?.amount ?? 0;
      expect(table.get(c.code), c.name).to.be.closeTo(amount / c.population.istat2021!, 1e-9);
      checked++;
    }
    expect(checked).to.equal(273);
    expect(textOf(el)).to.include('Valori per abitante, popolazione ISTAT, 1/1/2021.');
  });

  it('re-renders when `metric` changes', async () => {
    const el = await map(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`);
    const before = await el.chartRendered();
    el.setAttribute('metric', 'count');
    await until(async () => el.query.metric === 'count' && (await el.chartRendered()) !== before, 'the re-render');
    const counts = await sdk.spending({ groupBy: 'comune', metric: 'count' });
    const table = tableValues(el);
    for (const r of counts.filter((x) => x.kind === 'comune')) expect(table.get(r.key)).to.equal(r.value);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Numero di progetti per comune · Toscana');
    expect(comunePaths(el)).to.have.length(273);
  });

  it('zooms to a province: only its comuni, with its outline', async () => {
    const territories = await sdk.territories();
    const firenze = territories.comuni.filter((c) => c.province === '048');
    const el = await map(html`<pnrr-municipality-map src=${DATA} province="048"></pnrr-municipality-map>`);
    const paths = comunePaths(el);
    expect(paths).to.have.length(firenze.length);
    expect(paths.every((p) => codeOfPath(p)!.startsWith('048'))).to.equal(true);
    expect($$(el, 'select option[value]:not([value=""])')).to.have.length(firenze.length);
    expect(textOf(el)).to.include('Provincia di Firenze');
  });

  it('clicking a comune selects it, highlights it and fires pnrr-municipality-select { code, name }', async () => {
    const el = await map(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`);
    const path = comunePaths(el).find((p) => codeOfPath(p) === '048017')!;
    const heard = oneEvent(document, 'pnrr-municipality-select');
    path.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const event = await heard;
    expect(event.detail).to.deep.equal({ code: '048017', name: 'Firenze' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.getAttribute('selected')).to.equal('048017');
    await until(async () => $$(el, '.plot svg .mark-shape.inert_selected_marks path').length === 1, 'the highlight');
    const outline = $$(el, '.plot svg .mark-shape.inert_selected_marks path')[0]!;
    expect(codeOfPath(outline)).to.equal('048017');
    expect(($(el, 'select') as HTMLSelectElement).value).to.equal('048017');
    expect(textOf(el)).to.include('Firenze:');
  });

  it('choosing a comune by keyboard in the list beside the map fires the same event', async () => {
    const territories = await sdk.territories();
    const el = await map(html`<pnrr-municipality-map src=${DATA} province="100"></pnrr-municipality-map>`);
    const select = $(el, 'select') as HTMLSelectElement;
    // The list is labelled.
    expect(normalise($(el, `label[for="${select.id}"]`)!.textContent!)).to.equal('Scegli un comune');
    const byName = territories.comuni.filter((c) => c.province === '100').sort((a, b) => a.name.localeCompare(b.name, 'it'));
    select.focus();
    const heard = oneEvent(el, 'pnrr-municipality-select');
    await sendKeys({ press: 'ArrowDown' });
    const event = await heard;
    expect(event.detail).to.deep.equal({ code: byName[0]!.code, name: byName[0]!.name });
    expect(el.selected).to.equal(byName[0]!.code);
  });

  it('keeps vega inside its shadow root and reads nothing from another origin', async () => {
    const headStyles = document.head.querySelectorAll('style').length;
    const bodyChildren = new Set(document.body.children);
    const el = await map(html`<pnrr-municipality-map src=${DATA} selected="048017"></pnrr-municipality-map>`);
    const path = comunePaths(el)[0]!;
    const r = path.getBoundingClientRect();
    path.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2 }));
    await until(() => !$(el, '.tooltip')!.hidden, 'the tooltip');
    expect(document.head.querySelectorAll('style').length).to.equal(headStyles);
    expect(document.getElementById('vg-tooltip-element')).to.equal(null);
    expect([...document.body.children].filter((c) => !bodyChildren.has(c) && !c.contains(el))).to.deep.equal([]);
    const foreign = performance.getEntriesByType('resource').filter((e) => new URL(e.name).origin !== location.origin);
    expect(foreign.map((e) => e.name)).to.deep.equal([]);
  });

  it('downloads the map as an SVG with its title, note and source, drawn off-page', async () => {
    const el = await map(html`<pnrr-municipality-map src=${DATA} province="047"></pnrr-municipality-map>`);
    const bodyChildren = document.body.childElementCount;
    const original = HTMLAnchorElement.prototype.click;
    let href = '';
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      href = this.href;
    };
    try {
      $(el, '[part~="download-svg"]')!.click();
      await until(() => href, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    const svg = await (await fetch(href)).text();
    expect(svg).to.include('Finanziamento PNRR per comune · Provincia di Pistoia');
    expect(svg).to.include((await sdk.manifest()).licence.name);
    expect(document.body.childElementCount).to.equal(bodyChildren);
  });

  it('shows an error for a malformed province code', async () => {
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} province="48"></pnrr-municipality-map>`);
    expect(await el.settled()).to.equal('error');
    expect(textOf(el)).to.include('48');
  });

  it('shows the not-found state for a province that is not in the package', async () => {
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} province="099"></pnrr-municipality-map>`);
    expect(await el.settled()).to.equal('not-found');
    expect(textOf(el)).to.include('099');
    expect(await el.chartRendered()).to.equal(null);
  });

  it('shows the same empty state as the chart when a filter matches nothing (M7 did not exist in 2023, M9 never)', async () => {
    for (const mission of ['M7', 'M9']) {
      const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} mission=${mission}></pnrr-municipality-map>`);
      expect(await el.settled(), mission).to.equal('empty');
      expect(await el.chartRendered()).to.equal(null);
      expect($(el, '.plot')).to.equal(null);
      expect(normalise($(el, '[part~="empty"]')!.textContent!)).to.equal('Nessun progetto per questa combinazione di filtri.');
      expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal(`Finanziamento PNRR per comune · Toscana · missione ${mission}`);
      // The chart with the same filter says the same.
      const chart = await fixture<PnrrElement<unknown>>(html`<pnrr-spending-chart src=${DATA} mission=${mission}></pnrr-spending-chart>`);
      expect(await chart.settled()).to.equal('empty');
      expect(normalise(chart.shadowRoot!.querySelector('[part~="empty"]')!.textContent!)).to.equal(normalise($(el, '[part~="empty"]')!.textContent!));
    }
  });

  it('warns once per value when `selected` is not a comune of the package, naming the attribute and the value', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = await map(html`<pnrr-municipality-map src=${DATA} selected="abc"></pnrr-municipality-map>`);
      el.metric = 'count';
      await until(async () => el.query.metric === 'count' && (await el.settled()) === 'ready', 'the redraw');
      await el.chartRendered();
      el.selected = '999999';
      await el.updateComplete;
      el.selected = '048017';
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    const mine = warnings.filter((w) => w.includes('pnrr-municipality-map'));
    expect(mine).to.have.length(2);
    expect(mine[0]).to.include('selected="abc"');
    expect(mine[1]).to.include('selected="999999"');
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['it', 'en'] as const) {
      it(`has no axe violations (${theme}, ${lang}), with a selection and the table open`, async () => {
        const el = await map(html`<pnrr-municipality-map src=${DATA} theme=${theme} lang=${lang} province="045" selected="045010"></pnrr-municipality-map>`);
        $(el, '[part~="table-toggle"]')!.click();
        await el.updateComplete;
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }
  }
});
