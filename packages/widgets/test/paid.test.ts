/**
 * metric="paid" and metric="paid-share" on the chart and the map, and region="liguria",
 * against sums made here from the package files themselves (facts-paid.json and
 * measures.json fetched raw, not through the SDK), in Chromium over real HTTP.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/chart/define.js';
import '../src/map/define.js';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { DATA, normalise, textOf } from './helpers/page.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

interface PaidFactsFile {
  referenceDates: { projects: string; payments: string };
  submeasures: string[];
  amounts: Record<string, Array<[number, number, number, number]>>;
}
interface MeasuresFile {
  submeasures: Array<{ code: string; measure: string }>;
  measures: Array<{ code: string; component: string }>;
  components: Array<{ code: string; mission: string }>;
}

const json = async <T>(path: string): Promise<T> => (await (await fetch(path)).json()) as T;

/** Σ paid ÷ Σ financed by mission over every comune and bucket key of facts-paid.json. */
async function shareByMission(): Promise<Map<string, number>> {
  const [facts, measures] = await Promise.all([json<PaidFactsFile>(`${DATA}facts-paid.json`), json<MeasuresFile>(`${DATA}measures.json`)]);
  const measureOf = new Map(measures.submeasures.map((s) => [s.code, s.measure]));
  const componentOf = new Map(measures.measures.map((m) => [m.code, m.component]));
  const missionOf = new Map(measures.components.map((c) => [c.code, c.mission]));
  const sums = new Map<string, [number, number]>();
  for (const tuples of Object.values(facts.amounts)) {
    for (const [index, paid, unpaid] of tuples) {
      const mission = missionOf.get(componentOf.get(measureOf.get(facts.submeasures[index]!)!)!)!;
      const s = sums.get(mission) ?? [0, 0];
      s[0] += paid;
      s[1] += paid + unpaid;
      sums.set(mission, s);
    }
  }
  return new Map([...sums].map(([m, [paid, financed]]) => [m, paid / financed]));
}

function tableValues(el: Element): Map<string, number> {
  return new Map($$(el, 'table tbody tr').map((tr) => [tr.dataset.key!, Number(tr.querySelector<HTMLElement>('td[data-value]')!.dataset.value)]));
}

describe('metric="paid-share" and metric="paid"', () => {
  it('the chart by mission draws Σ paid ÷ Σ financed of each mission, computed here from facts-paid.json', async () => {
    const expected = await shareByMission();
    expect([...expected.keys()].sort()).to.deep.equal(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} metric="paid-share"></pnrr-spending-chart>`);
    const view = await el.chartRendered();
    expect(el.state).to.equal('ready');
    const drawn = (view!.data('rows') as Array<{ key: string; value: number }>).map((d) => [d.key, d.value]);
    expect(new Map(drawn as Array<[string, number]>)).to.deep.equal(expected);
    expect(tableValues(el)).to.deep.equal(expected);
    // Percentages by Intl, the payments' date in the title, the rule in the notes, euros in the table.
    const title = normalise($(el, '[part="title"]')!.textContent!);
    expect(title).to.equal('Quota pagata per missione · Toscana · pagamenti al 31 marzo 2025');
    const top = [...expected].sort((a, b) => b[1] - a[1])[0]!;
    const pct = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 1 }).format(top[1]);
    expect(normalise($(el, '[part="summary"]')!.textContent!)).to.include(`${top[0]} ha la quota pagata più alta: ${normalise(pct)}`);
    expect(normalise($(el, '[part="notes"]')!.textContent!)).to.include('non una media di quote');
    const headers = $$(el, 'table thead th').map((th) => normalise(th.textContent!));
    expect(headers).to.include.members(['Pagato (€)', 'Finanziato alla data dei pagamenti (€)']);
  });

  it('in English: "Share paid", the date and the percentages in English', async () => {
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} metric="paid-share" lang="en"></pnrr-spending-chart>`);
    await el.chartRendered();
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Share paid by mission · Toscana · payments as of 31 March 2025');
    expect(textOf(el)).to.match(/\d+(\.\d)?%/);
  });

  it('the map of the share paid per comune renders for Tuscany on a 0–100 % legend, Firenze as computed here', async () => {
    const facts = await json<PaidFactsFile>(`${DATA}facts-paid.json`);
    const firenze = facts.amounts['048017']!;
    const want = firenze.reduce((a, t) => a + t[1], 0) / firenze.reduce((a, t) => a + t[1] + t[2], 0);
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} metric="paid-share"></pnrr-municipality-map>`);
    await el.chartRendered();
    expect(el.state).to.equal('ready');
    expect($$(el, '.plot svg .mark-shape.role-mark path').length).to.be.greaterThan(273 - 1);
    expect(tableValues(el).get('048017')).to.equal(want);
    // The SVG text drops the no-break space before "%".
    const legend = normalise($(el, '.plot svg .role-legend')!.textContent!).replace(/ %/g, '%');
    for (const range of ['da 0% a 20%', 'da 20% a 40%', 'da 40% a 60%', 'da 60% a 80%', 'da 80% a 100%']) expect(legend).to.include(range);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Quota pagata per comune · Toscana · pagamenti al 31 marzo 2025');
  });

  it('paid per inhabitant draws; paid-share with per-capita shows a message naming both attributes', async () => {
    const ok = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} metric="paid" group-by="province" per-capita></pnrr-spending-chart>`);
    await ok.chartRendered();
    expect(ok.state).to.equal('ready');
    expect(normalise($(ok, '[part="title"]')!.textContent!)).to.equal('Pagamenti per abitante per provincia · Toscana · pagamenti al 31 marzo 2025');
    for (const tag of ['chart', 'map'] as const) {
      const el = await fixture(
        tag === 'chart'
          ? html`<pnrr-spending-chart src=${DATA} metric="paid-share" per-capita></pnrr-spending-chart>`
          : html`<pnrr-municipality-map src=${DATA} metric="paid-share" per-capita></pnrr-municipality-map>`,
      );
      expect(await (el as PnrrSpendingChart).settled()).to.equal('error');
      expect(textOf(el)).to.include('Gli attributi metric e per-capita non si possono usare insieme');
    }
  });
});

describe('region="liguria"', () => {
  it('the chart reads the SDK’s embedded Liguria package: PNRR per inhabitant by province, 4 provinces', async () => {
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart region="liguria" group-by="province" per-capita></pnrr-spending-chart>`);
    await el.chartRendered();
    expect(el.state).to.equal('ready');
    expect([...tableValues(el).keys()].sort()).to.deep.equal(['008', '009', '010', '011']);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.include('Liguria');
  });

  it('metric="paid-share" on Liguria says the package has no payments file; an unknown region names the choices', async () => {
    const paid = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart region="liguria" metric="paid-share"></pnrr-spending-chart>`);
    expect(await paid.settled()).to.equal('error');
    expect(textOf(paid)).to.include('Il pacchetto dati di Liguria non ha il file dei pagamenti');
    const bad = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart region="lazio"></pnrr-spending-chart>`);
    expect(await bad.settled()).to.equal('error');
    expect(textOf(bad)).to.include('Valore non valido per region: «lazio»');
  });
});
