import { expect, fixture, html } from '@open-wc/testing';
import { createClient, type SpendingRow } from '@pnrr-toscana/sdk';
import '../src/chart/define.js';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import { DATA, axeViolations, normalise, textOf, until } from './helpers/page.js';

const sdk = createClient({ baseUrl: new URL(DATA, location.href) });

async function chart(template: ReturnType<typeof html>): Promise<PnrrSpendingChart> {
  const el = await fixture<PnrrSpendingChart>(template);
  await el.chartRendered();
  return el;
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** The bars as drawn: datum of each bar mark in the vega scenegraph, in order. */
async function drawnBars(el: PnrrSpendingChart): Promise<Array<{ key: string; value: number }>> {
  const view = await el.chartRendered();
  expect(view, 'vega view').to.not.equal(null);
  return (view!.data('rows') as Array<{ key: string; value: number }>).map((d) => ({ key: d.key, value: d.value }));
}

/** Values of the data table's body rows, by key (data-value holds the unformatted number). */
function tableValues(el: Element): Array<{ key: string; value: number }> {
  return $$(el, 'table tbody tr').map((tr) => ({ key: tr.dataset.key!, value: Number(tr.querySelector<HTMLElement>('td[data-value]')!.dataset.value) }));
}

/** Captures what a toolbar button saves (href of the detached <a download>). */
async function captureDownload(button: HTMLElement): Promise<{ href: string; name: string }> {
  const original = HTMLAnchorElement.prototype.click;
  let saved: { href: string; name: string } | undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    saved = { href: this.href, name: this.download };
  };
  try {
    button.click();
    return (await until(() => saved, 'a download'))!;
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
}

describe('<pnrr-spending-chart>', () => {
  it('draws six bars M1–M6 whose values are the SDK spending() values', async () => {
    const expected: SpendingRow[] = await sdk.spending({ groupBy: 'mission' });
    expect(expected.map((r) => r.key).sort()).to.deep.equal(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    const el = await chart(html`<pnrr-spending-chart src=${DATA}></pnrr-spending-chart>`);
    expect(el.state).to.equal('ready');
    const want = expected.map((r) => ({ key: r.key, value: r.value }));
    expect(await drawnBars(el)).to.deep.equal(want);
    expect(tableValues(el)).to.deep.equal(want);
    // Six bar shapes in the SVG, and six rows in the table.
    expect($$(el, '.plot svg .mark-rect path')).to.have.length(6);
    // The largest mission inside Tuscany (attributed shares), in Italian words and Intl digits
    // (words, not "mln €", in sentences: a screen reader reads them as written).
    const top = expected[0]!;
    const mln = (top.value / 1e6).toLocaleString('it-IT', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    expect(normalise($(el, '[part="summary"]')!.textContent!)).to.equal(`${top.key} riceve di più: ${mln} milioni di euro. 6 gruppi in tutto.`);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Finanziamento PNRR per missione · Toscana');
    // The chart is an image with a label, the table is the alternative; the summary is read once, from the page.
    const plot = $(el, '.plot')!.closest('[role="img"]')!;
    expect(plot).to.not.equal(null);
    expect(plot.getAttribute('aria-label')).to.equal('Grafico a barre. I valori sono nella tabella dei dati.');
    const table = $(el, 'table')!;
    expect(table.querySelector('caption')).to.not.equal(null);
    expect($$(el, 'table th[scope="row"]')).to.have.length(6);
    expect($$(el, 'table thead th[scope="col"]').length).to.be.at.least(3);
  });

  it('speaks English with lang="en"', async () => {
    const top = (await sdk.spending({ groupBy: 'mission' }))[0]!;
    const el = await chart(html`<pnrr-spending-chart src=${DATA} lang="en"></pnrr-spending-chart>`);
    const mln = (top.value / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    expect(normalise($(el, '[part="summary"]')!.textContent!)).to.equal(`${top.key} receives the most: €${mln} million. 6 groups in all.`);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('PNRR funding by mission · Toscana');
  });

  it('re-renders when `comune` changes, and states the attribution rule', async () => {
    const el = await chart(html`<pnrr-spending-chart src=${DATA}></pnrr-spending-chart>`);
    const before = await drawnBars(el);
    el.setAttribute('comune', '048017');
    await until(async () => (await el.chartRendered()) && el.query.comune === '048017', 'the re-render');
    const expected = await sdk.spending({ groupBy: 'mission', comune: '048017' });
    const after = await drawnBars(el);
    expect(after).to.deep.equal(expected.map((r) => ({ key: r.key, value: r.value })));
    expect(after).to.not.deep.equal(before);
    expect(tableValues(el)).to.deep.equal(after);
    const text = textOf(el);
    expect(text).to.include('· Firenze');
    expect(text).to.include('Gli importi sono quelli attribuiti al comune');
    // Province-wide (048000) and region-wide (000000) money is named, with its amount.
    const buckets = (await sdk.spending({ groupBy: 'comune' })).filter((r) => r.key === '048000' || r.key === '000000');
    expect(buckets).to.have.length(2);
    expect(text).to.include('Non inclusi qui');
    expect($$(el, 'table tfoot tr').map((tr) => tr.dataset.key)).to.have.members(['048000', '000000']);
  });

  it('per-capita values by province equal amount / ISTAT 1/1/2021 population, and the denominator is named', async () => {
    const [plain, territories] = await Promise.all([sdk.spending({ groupBy: 'province' }), sdk.territories()]);
    const el = await chart(html`<pnrr-spending-chart src=${DATA} group-by="province" per-capita></pnrr-spending-chart>`);
    const drawn = await drawnBars(el);
    const provinces = plain.filter((r) => r.kind === 'province');
    expect(drawn).to.have.length(provinces.length);
    expect(drawn).to.have.length(10);
    for (const bar of drawn) {
      const amount = plain.find((r) => r.key === bar.key)!.amount;
      const people = territories.provinces.find((p) => p.code === bar.key)!.population.istat2021!;
      expect(bar.value).to.be.closeTo(amount / people, 1e-9);
    }
    // Sorted per inhabitant, largest first.
    const values = drawn.map((b) => b.value);
    expect(values).to.deep.equal([...values].sort((a, b) => b - a));
    const text = textOf(el);
    expect(text).to.include('Valori per abitante, popolazione ISTAT, 1/1/2021.');
    // The region-wide bucket is not a province: it is stated apart.
    expect(text).to.include('Non attribuibili a una sola provincia');
  });

  it('groups implementing bodies as top N plus "others"', async () => {
    const all = await sdk.spending({ groupBy: 'implementing-body' });
    const el = await chart(html`<pnrr-spending-chart src=${DATA} group-by="implementing-body" top="5"></pnrr-spending-chart>`);
    const drawn = await drawnBars(el);
    expect(drawn).to.have.length(6);
    expect(drawn.slice(0, 5)).to.deep.equal(all.slice(0, 5).map((r) => ({ key: r.key, value: r.value })));
    const others = all.slice(5).reduce((s, r) => s + r.value, 0);
    expect(drawn[5]!.value).to.be.closeTo(others, 1e-6);
    expect(textOf(el)).to.include(`Altri (${all.length - 5})`);
  });

  it('shows the empty state for a filter combination with no data', async () => {
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} comune="048017" province="050"></pnrr-spending-chart>`);
    expect(await el.settled()).to.equal('empty');
    expect(textOf(el)).to.include('Nessun progetto per questa combinazione di filtri.');
    expect(await el.chartRendered()).to.equal(null);
    expect($(el, '.plot')).to.equal(null);
  });

  it('names the combination, not group-by, for group-by="province" with a comune', async () => {
    for (const [lang, words] of [
      ['it', 'Gli attributi group-by e comune non si possono usare insieme'],
      ['en', 'The attributes group-by and comune cannot be used together'],
    ] as const) {
      const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} lang=${lang} group-by="province" comune="048017"></pnrr-spending-chart>`);
      expect(await el.settled()).to.equal('error');
      const text = textOf(el);
      expect(text).to.include(words);
      expect(text).to.include('group-by="province"');
      expect(text).to.include('comune="048017"');
      expect(text).to.not.match(/(Valore non valido per|Invalid) group-by/);
    }
  });

  it('shows the error state for an invalid group-by', async () => {
    const el = await fixture<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} group-by="planet"></pnrr-spending-chart>`);
    expect(await el.settled()).to.equal('error');
    expect(textOf(el)).to.include('planet');
  });

  it('downloads a CSV of the current view (BOM, RFC 4180) and the drawing as SVG and PNG', async () => {
    const expected = await sdk.spending({ groupBy: 'mission', province: '048' });
    const el = await chart(html`<pnrr-spending-chart src=${DATA} province="048"></pnrr-spending-chart>`);
    const csv = await captureDownload($(el, '[part~="download-csv"]')!);
    expect(csv.name).to.match(/\.csv$/);
    const bytes = new Uint8Array(await (await fetch(csv.href)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\ufeff/, '').trim().split('\r\n');
    // Header, one line per group, then the region-wide money left out by the province filter.
    expect(lines.length).to.equal(1 + expected.length + 1);
    const m2 = lines.find((l) => l.startsWith('M2,'))!;
    expect(m2.split(',')).to.include(String(expected.find((r) => r.key === 'M2')!.value));
    const svg = await captureDownload($(el, '[part~="download-svg"]')!);
    expect(svg.name).to.match(/\.svg$/);
    const svgText = await (await fetch(svg.href)).text();
    expect(svgText).to.match(/^<svg/);
    // The saved image stands alone: title, the region-wide note and the source line are drawn in.
    const manifest = await sdk.manifest();
    expect(svgText).to.include('Finanziamento PNRR per missione · Provincia di Firenze');
    expect(svgText).to.include('Non inclusi qui');
    expect(svgText).to.include(manifest.licence.name);
    expect(svgText.match(/<path/g)!.length).to.be.at.least(expected.length);
    const png = await captureDownload($(el, '[part~="download-png"]')!);
    expect(png.href).to.match(/^data:image\/png;base64,/);
  });

  it('opens the data table with its toggle button', async () => {
    const el = await chart(html`<pnrr-spending-chart src=${DATA}></pnrr-spending-chart>`);
    const toggle = $(el, '[part~="table-toggle"]')!;
    const wrap = $(el, '#data-table')!;
    expect(wrap.hidden).to.equal(true);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(wrap.hidden).to.equal(false);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
  });

  it('follows its width (ResizeObserver): a narrower element redraws narrower, labels wrapped, never cut', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 760px"><pnrr-spending-chart src=${DATA}></pnrr-spending-chart></div>`);
    const el = box.querySelector('pnrr-spending-chart')!;
    const wide = (await el.chartRendered())!;
    const wideWidth = $(el, '.plot svg')!.getBoundingClientRect().width;
    box.style.width = '360px';
    await until(async () => (await el.chartRendered()) !== wide, 'the redraw');
    const svg = $(el, '.plot svg')!;
    expect(svg.getBoundingClientRect().width).to.be.lessThan(wideWidth);
    // The drawing fits its box, and every label word is drawn (wrapped onto more lines).
    expect(svg.getBoundingClientRect().width).to.be.at.most($(el, '.plot')!.getBoundingClientRect().width + 1);
    // Row labels: on the y axis (side layout) or each above its bar (stacked, as here at 360 px).
    const rowLabels = $$(el, '.plot svg .role-axis-label text, .plot svg .row_labels_marks text');
    expect(rowLabels).to.have.length(6);
    const labels = normalise(rowLabels.map((t) => t.textContent).join(' '));
    for (const row of await sdk.spending({ groupBy: 'mission' })) expect(labels).to.include(normalise(`${row.key} ${row.label}`).split(' ').slice(-1)[0]!);
    // The longest label (M1) needs more than one line at this width.
    expect(Math.max(...rowLabels.map((t) => t.querySelectorAll('tspan').length))).to.be.greaterThan(1);
    expect(labels).not.to.include('…');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`on a 320 px wide phone puts each label above its bar: labels whole and inside the plot, no overlaps, compact rows, wide bars (${theme})`, async () => {
      const expected = await sdk.spending({ groupBy: 'mission' });
      // A phone's sans-serif (wider than the test page's default serif), so long labels wrap.
      const box = await fixture<HTMLDivElement>(html`<div style="width: 320px; font: 16px sans-serif"><pnrr-spending-chart src=${DATA} group-by="mission" theme=${theme}></pnrr-spending-chart></div>`);
      const el = box.querySelector('pnrr-spending-chart')!;
      expect(await drawnBars(el)).to.deep.equal(expected.map((r) => ({ key: r.key, value: r.value })));
      const plot = $(el, '.plot')!.getBoundingClientRect();
      const texts = $$(el, '.plot svg text').filter((t) => t.textContent!.trim() !== '');
      const bars = $$(el, '.plot svg .mark-rect path').map((p) => p.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      expect(bars).to.have.length(expected.length);
      // Every label is drawn whole (its lines joined give the label back: nothing cut, no ellipsis).
      const lines = (t: Element) => (t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map((s) => s.textContent) : [t.textContent]).join(' ');
      const drawn = texts.map((t) => normalise(lines(t)));
      for (const row of expected) expect(drawn).to.include(normalise(`${row.key} ${row.label}`));
      // Every text box is inside the plot, and no two boxes (texts, bars) overlap.
      const boxes = [...texts.map((t) => ({ what: normalise(lines(t)), r: t.getBoundingClientRect() })), ...bars.map((r, i) => ({ what: `bar ${i}`, r }))];
      const eps = 0.5;
      for (const { what, r } of boxes) {
        expect(r.left, `${what}: left`).to.be.at.least(plot.left - eps);
        expect(r.right, `${what}: right`).to.be.at.most(plot.right + eps);
        expect(r.top, `${what}: top`).to.be.at.least(plot.top - eps);
        expect(r.bottom, `${what}: bottom`).to.be.at.most(plot.bottom + eps);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r;
          const b = boxes[j]!.r;
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > eps && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > eps;
          expect(overlap, `${boxes[i]!.what} overlaps ${boxes[j]!.what}`).to.equal(false);
        }
      }
      // Compact rows: from one bar to the next at most two label lines and a bar (not a 5-line label column).
      const pitches = bars.slice(1).map((r, i) => r.top - bars[i]!.top);
      expect(Math.max(...pitches), `row heights ${pitches.map(Math.round).join(', ')} px`).to.be.at.most(72);
      // Bars start at the plot's left edge and the longest spans most of the width.
      for (const r of bars) expect(r.left - plot.left).to.be.below(10);
      expect(Math.max(...bars.map((r) => r.width)) / plot.width).to.be.at.least(0.5);
      // Each value is printed right after the end of its bar (same row), inside the plot.
      const data = (await el.chartRendered())!.data('rows') as Array<{ valueLabel: string }>;
      data.forEach((d, i) => {
        const value = texts.find((t) => normalise(t.textContent!) === normalise(d.valueLabel));
        expect(value, d.valueLabel).to.not.equal(undefined);
        const r = value!.getBoundingClientRect();
        expect(r.left).to.be.at.least(bars[i]!.right);
        expect((r.top + r.bottom) / 2).to.be.within(bars[i]!.top, bars[i]!.bottom);
      });
      // Labels and values in the theme's text colour (dark theme: light text on the dark background).
      const ink = getComputedStyle(el).getPropertyValue('--_text').trim();
      for (const t of texts) expect(t.getAttribute('fill')).to.equal(ink);
      // Still an image with a label over an SVG hidden from assistive technology.
      expect($(el, '.plot')!.closest('[role="img"]')!.getAttribute('aria-label')).to.include('Grafico a barre');
    });
  }

  it('draws only when scrolled near the viewport', async () => {
    const box = await fixture<HTMLDivElement>(html`<div><div style="height: 4000px"></div><pnrr-spending-chart src=${DATA}></pnrr-spending-chart></div>`);
    const el = box.querySelector('pnrr-spending-chart')!;
    expect(await el.settled()).to.equal('ready');
    await new Promise((r) => setTimeout(r, 300));
    expect($(el, '.plot')!.childElementCount, 'nothing drawn off screen').to.equal(0);
    el.scrollIntoView();
    expect(await el.chartRendered()).to.not.equal(null);
    expect($$(el, '.plot svg .mark-rect path')).to.have.length(6);
    window.scrollTo(0, 0);
  });

  it('keeps vega inside its shadow root: no <style> in head, nothing added to body, no request to another origin', async () => {
    const headStyles = document.head.querySelectorAll('style').length;
    const bodyChildren = new Set(document.body.children);
    const el = await chart(html`<pnrr-spending-chart src=${DATA} group-by="comune"></pnrr-spending-chart>`);
    // Hover a bar so the tooltip handler runs.
    const bar = $$(el, '.plot svg .mark-rect path')[0]!;
    const r = bar.getBoundingClientRect();
    bar.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: r.x + 2, clientY: r.y + 2 }));
    await until(() => !$(el, '.tooltip')!.hidden, 'the tooltip');
    expect($(el, '.tooltip')!.textContent).to.include('progett');
    expect(document.head.querySelectorAll('style').length).to.equal(headStyles);
    expect(document.getElementById('vg-tooltip-element')).to.equal(null);
    const added = [...document.body.children].filter((c) => !bodyChildren.has(c) && !c.contains(el));
    expect(added.map((c) => c.outerHTML.slice(0, 80))).to.deep.equal([]);
    const foreign = performance.getEntriesByType('resource').filter((e) => new URL(e.name).origin !== location.origin);
    expect(foreign.map((e) => e.name)).to.deep.equal([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['it', 'en'] as const) {
      it(`has no axe violations (${theme}, ${lang}), with the table open`, async () => {
        const el = await chart(html`<pnrr-spending-chart src=${DATA} theme=${theme} lang=${lang} group-by="province" per-capita></pnrr-spending-chart>`);
        $(el, '[part~="table-toggle"]')!.click();
        await el.updateComplete;
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }
  }
});
