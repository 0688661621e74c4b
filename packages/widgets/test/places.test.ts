/**
 * Names instead of codes (issue 9): the chart's `comune` and the map's
 * `province` attributes take a name, typed any case, with or without accents;
 * an unknown name shows the error state naming the attribute, with the closest
 * names. Expected figures come from the SDK's answers by code.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createClient } from '@pnrr-toscana/sdk';
import '../src/chart/define.js';
import '../src/map/define.js';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { DATA, textOf } from './helpers/page.js';

const sdk = createClient({ baseUrl: new URL(DATA, location.href) });
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const comunePaths = (el: Element) => $$(el, '.plot svg .mark-shape.layer_0_marks path');
const codeOfPath = (path: Element) => (path as unknown as { __data__?: { datum?: { properties?: { pro_com_t?: string } } } }).__data__?.datum?.properties?.pro_com_t;

async function drawn(el: PnrrSpendingChart): Promise<Array<{ key: string; value: number }>> {
  const view = await el.chartRendered();
  expect(view, 'vega view').to.not.equal(null);
  return (view!.data('rows') as Array<{ key: string; value: number }>).map((d) => ({ key: d.key, value: d.value }));
}

describe('places by name in the widgets', () => {
  it('<pnrr-spending-chart comune="prato"> draws the missions of Prato with the figures of comune="100005"', async () => {
    const expected = (await sdk.spending({ comune: '100005' })).map((r) => ({ key: r.key, value: r.value }));
    expect(expected.length).to.be.greaterThan(1);
    const byCode = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} comune="100005"></pnrr-spending-chart>`);
    const byName = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} comune="prato"></pnrr-spending-chart>`);
    expect(await drawn(byName)).to.deep.equal(expected);
    expect(await drawn(byCode)).to.deep.equal(expected);
    // Same title, notes (the province-wide money left out is Prato's province's: 100000) and table.
    expect(textOf(byName)).to.equal(textOf(byCode));
    expect(textOf(byName)).to.include('Prato');
  });

  it('accents and case do not matter: comune="CASTELFRANCO PIANDISCO" is Castelfranco Piandiscò (051040)', async () => {
    const expected = (await sdk.spending({ comune: '051040' })).map((r) => ({ key: r.key, value: r.value }));
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} comune="CASTELFRANCO PIANDISCO"></pnrr-spending-chart>`);
    expect(await drawn(el)).to.deep.equal(expected);
    expect(textOf(el)).to.include('Castelfranco Piandiscò');
  });

  it('<pnrr-municipality-map province="Firenze"> zooms to province 048', async () => {
    const firenze = (await sdk.territories()).comuni.filter((c) => c.province === '048');
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} province="Firenze"></pnrr-municipality-map>`);
    await el.chartRendered();
    expect(el.state).to.equal('ready');
    const paths = comunePaths(el);
    expect(paths).to.have.length(firenze.length);
    expect(paths.every((p) => codeOfPath(p)!.startsWith('048'))).to.equal(true);
    expect(textOf(el)).to.include('Provincia di Firenze');
  });

  it('an unknown name shows the error naming the attribute, with the closest names, as text', async () => {
    const map = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} province="Fiernze"></pnrr-municipality-map>`);
    expect(await map.settled()).to.equal('error');
    expect(textOf(map)).to.include('Valore non valido per provincia: «Fiernze».');
    expect(textOf(map)).to.include('Nomi più vicini: Firenze (048)');
    const chart = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} lang="en" comune="<b>Prto</b>"></pnrr-spending-chart>`);
    expect(await chart.settled()).to.equal('error');
    expect(textOf(chart)).to.include('Invalid comune: “<b>Prto</b>”.');
    expect(textOf(chart)).to.include('Closest names: ');
    expect(chart.shadowRoot!.querySelector('b')).to.equal(null);
    expect(await chart.chartRendered()).to.equal(null);
  });

  it('a name for both a comune and a province is read as the attribute says: comune="Firenze" is the comune', async () => {
    const expected = (await sdk.spending({ comune: '048017' })).map((r) => ({ key: r.key, value: r.value }));
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} comune="Firenze"></pnrr-spending-chart>`);
    expect(await drawn(el)).to.deep.equal(expected);
  });
});
