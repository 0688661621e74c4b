/**
 * Shareable views (issue 9): `sync-url` keeps the map's chosen comune and
 * province and a figure's data-table view in the page's URL fragment, restores
 * them when an element is created on that address (what a reload or a shared
 * link does) and follows Back / Forward. Real input only: the mouse on the
 * map's comuni and the toolbar, the keyboard in the list of comuni.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../src/map/define.js';
import '../src/chart/define.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import { readFragment, writeFragment } from '../src/base/url-state.js';
import { DATA, until, viewportPoint } from './helpers/page.js';

type Path = SVGPathElement & { __data__?: { datum?: { properties?: { pro_com_t?: string } } } };
const comunePath = (el: Element, code: string) =>
  [...el.shadowRoot!.querySelectorAll<Path>('.plot svg .mark-shape.layer_0_marks path')].find((p) => p.__data__?.datum?.properties?.pro_com_t === code)!;

const PRATO = '100005';
const FIRENZE = '048017';
const LIVORNO = '049009';

/** Clicks a comune of the map with the real mouse and waits for the selection. */
async function clickComune(el: PnrrMunicipalityMap, code: string): Promise<void> {
  // Vega draws only near the viewport.
  el.scrollIntoView({ block: 'center' });
  await el.chartRendered();
  await sendMouse({ type: 'click', position: viewportPoint(comunePath(el, code)) });
  await until(() => el.selected === code, `the selection of ${code}`);
  await el.updateComplete;
}

/** Clicks an element of a shadow root at its centre. */
async function clickAt(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}

const hashValues = () => new URLSearchParams(location.hash.slice(1));
const start = location.pathname + location.search;

describe('sync-url: shareable views in the URL fragment', function () {
  // Two figures drawing on a busy 2-core machine.
  this.timeout(90_000);
  before(() => setViewport({ width: 1280, height: 900 }));
  afterEach(() => history.replaceState(null, '', start));
  after(async () => {
    await resetMouse();
    await setViewport({ width: 800, height: 600 });
  });

  it('a click on a comune writes it to the fragment (a new history entry); a new element on that address shows it; Back restores the previous one', async () => {
    const before = history.length;
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} sync-url></pnrr-municipality-map>`);
    expect(await el.settled()).to.equal('ready');
    expect(location.hash, 'nothing written on load').to.equal('');

    await clickComune(el, PRATO);
    expect(hashValues().get('map.comune')).to.equal(PRATO);
    await clickComune(el, FIRENZE);
    expect(hashValues().get('map.comune')).to.equal(FIRENZE);
    expect(history.length).to.equal(before + 2);

    // Reload-like: a new element reads the address.
    el.remove();
    const again = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} sync-url></pnrr-municipality-map>`);
    expect(again.selected).to.equal(FIRENZE);
    expect(await again.settled()).to.equal('ready');
    const select = again.shadowRoot!.querySelector('select')!;
    expect(select.value).to.equal(FIRENZE);

    // Back: Prato again, then no selection (the markup's).
    history.back();
    await until(() => again.selected === PRATO, 'Back to Prato');
    await again.updateComplete;
    expect(select.value).to.equal(PRATO);
    history.back();
    await until(() => again.selected === undefined, 'Back to no selection');
    history.forward();
    await until(() => again.selected === PRATO, 'Forward to Prato');
  });

  it('the keyboard in the list of comuni is synced too; without sync-url nothing is written', async () => {
    const plain = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`);
    await plain.settled();
    await clickComune(plain, PRATO);
    expect(location.hash).to.equal('');
    plain.remove();

    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} sync-url id="toscana"></pnrr-municipality-map>`);
    await el.settled();
    const select = el.shadowRoot!.querySelector('select')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' }); // the first comune by name: Abetone Cutigliano
    await until(() => el.selected !== undefined, 'a keyboard selection');
    expect(hashValues().get('toscana.comune')).to.equal(el.selected);
  });

  it('the markup is the baseline: a page with selected= and province= writes only what the reader changed, and an empty fragment restores the markup', async () => {
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} sync-url province="Livorno" selected=${LIVORNO}></pnrr-municipality-map>`);
    await el.settled();
    expect(location.hash).to.equal('');
    await clickComune(el, '049014'); // Portoferraio
    expect(location.hash).to.equal('#map.comune=049014');
    location.hash = '';
    await until(() => el.selected === LIVORNO, 'the markup selection back');
    expect(el.province).to.equal('Livorno');
  });

  it('two synced elements keep each other\'s keys and a page\'s own fragment pieces', async () => {
    history.replaceState(null, '', `${start}#intro&other=1`);
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <pnrr-municipality-map src=${DATA} sync-url></pnrr-municipality-map>
      <pnrr-spending-chart src=${DATA} sync-url></pnrr-spending-chart>
    </div>`);
    const map = wrap.querySelector('pnrr-municipality-map')!;
    const chart = wrap.querySelector('pnrr-spending-chart')! as PnrrSpendingChart;
    await Promise.all([map.settled(), chart.settled()]);
    await clickComune(map, PRATO);
    chart.scrollIntoView({ block: 'center' });
    await chart.chartRendered();
    await clickAt(chart.shadowRoot!.querySelector('[part~="table-toggle"]')!);
    await until(() => hashValues().get('chart.table') === '1', 'the chart key');
    expect(location.hash).to.equal(`#intro&other=1&map.comune=${PRATO}&chart.table=1`);
    expect(chart.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!.hidden).to.equal(false);
    // A view toggle replaces the history entry: Back undoes the map's selection, and the table stays.
    await clickComune(map, FIRENZE);
    history.back();
    await until(() => map.selected === PRATO, 'Back to Prato');
    expect(hashValues().get('chart.table')).to.equal('1');
    // Hiding the table takes the chart's key away, the map's stays.
    await clickAt(chart.shadowRoot!.querySelector('[part~="table-toggle"]')!);
    await until(() => !hashValues().has('chart.table'), 'the chart key removed');
    expect(location.hash).to.equal(`#intro&other=1&map.comune=${PRATO}`);
  });

  it('hostile fragment values are ignored: markup, huge strings, bad escapes, unknown comuni', async () => {
    const huge = '1'.repeat(10_000);
    const hostile = [
      `map.comune=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      `map.province=${encodeURIComponent('<b>Firenze</b>')}`,
      `chart.table=${encodeURIComponent('"><script>')}`,
      `map.table=%E0%A4%A`,
      `other.comune=${huge}`,
    ].join('&');
    history.replaceState(null, '', `${start}#${hostile}`);
    const map = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} sync-url></pnrr-municipality-map>`);
    expect(await map.settled()).to.equal('ready');
    expect(map.selected).to.equal(undefined);
    expect(map.province).to.equal(undefined);
    expect(map.shadowRoot!.querySelector('img, b, script')).to.equal(null);
    expect(map.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!.hidden).to.equal(true);

    history.replaceState(null, '', `${start}#map.province=${huge.replace(/1/g, 'a')}&map.comune=${'0'.repeat(10_000)}`);
    const again = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} sync-url></pnrr-municipality-map>`);
    expect(again.province).to.equal(undefined);
    expect(again.selected).to.equal(undefined);
    expect(await again.settled()).to.equal('ready');
  });

  it('readFragment / writeFragment: own keys replaced, every other piece kept as written', () => {
    expect(readFragment('#a.x=1&b.x=2&a.y=%3Cb%3E&top', 'a.')).to.deep.equal({ x: '1', y: '<b>' });
    expect(writeFragment('#top&a.x=1&b.x=2', 'a.', { x: '3', y: '' })).to.equal('#top&b.x=2&a.x=3');
    expect(writeFragment('#a.x=1', 'a.', { x: '' })).to.equal('');
    expect(writeFragment('', 'a.', { x: '<b> &' })).to.equal('#a.x=%3Cb%3E%20%26');
  });
});
