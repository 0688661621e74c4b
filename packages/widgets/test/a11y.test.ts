/**
 * Accessibility beyond what axe checks: forced colours (Windows High
 * Contrast), reduced motion, reflow at 320 CSS px, text at 200 %, target size
 * and focus, tab order, status messages, language of the content, numbers in
 * words for speech, and projects per 10,000 inhabitants. Real Chromium, real
 * data over real HTTP; media features are emulated through CDP (the
 * `emulate-media-features` command of web-test-runner.config.mjs).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient } from '@pnrr-toscana/sdk';
import '../src/card/define.js';
import '../src/chart/define.js';
import '../src/map/define.js';
import type { PnrrElement } from '../src/base/pnrr-element.js';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { DATA, normalise, uniqueId, until } from './helpers/page.js';

const sdk = createClient({ baseUrl: new URL(DATA, location.href) });

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

type Feature = { name: string; value: string };
const emulate = (features: Feature[]) => executeServerCommand('emulate-media-features', features);

/** A CSS colour (keyword included) as the rgb() Chromium resolves it to now. */
function resolve(color: string): string {
  const probe = document.createElement('span');
  probe.style.setProperty('color', color);
  probe.style.setProperty('forced-color-adjust', 'none');
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

function luminance(color: string): number {
  const [r, g, b] = /rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)/.exec(resolve(color))!.slice(1).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

async function figure<T extends PnrrElement<unknown>>(template: ReturnType<typeof html>): Promise<T> {
  const el = await fixture<T>(template);
  await (el as unknown as PnrrSpendingChart).chartRendered();
  await el.updateComplete;
  return el;
}

/** The element focused now, through shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Text of `node` that assistive technology can reach: aria-hidden subtrees (the SVG) left out. */
function visibleToAT(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  return [...node.childNodes].map(visibleToAT).join(' ');
}

const describeFocus = (e: Element | null): string => (e ? e.getAttribute('part') || e.getAttribute('class') || e.id || e.tagName.toLowerCase() : 'none');

describe('accessibility: forced colours (Windows High Contrast)', () => {
  before(() => emulate([{ name: 'forced-colors', value: 'active' }]));
  after(() => emulate([]));

  it('the emulation is on', () => {
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
  });

  it('chart: the drawing keeps its colours (forced-color-adjust: none) and takes them from the system colours', async () => {
    const el = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} group-by="implementing-body" top="3"></pnrr-spending-chart>`);
    expect(getComputedStyle($(el, '.plot-image')!).forcedColorAdjust).to.equal('none');
    const bars = $$(el, '.plot svg .mark-rect path').map((p) => getComputedStyle(p).fill);
    expect(bars).to.have.length(4);
    // Bars in LinkText, the "others" bar in GrayText: two system colours, both distinct from Canvas.
    expect(bars.slice(0, 3).every((f) => f === resolve('LinkText'))).to.equal(true);
    expect(bars[3]).to.equal(resolve('GrayText'));
    expect(contrast(bars[0]!, 'Canvas')).to.be.at.least(3);
    const texts = $$(el, '.plot svg text').filter((t) => t.textContent!.trim() !== '');
    expect(texts.length).to.be.greaterThan(0);
    for (const t of texts) expect(getComputedStyle(t).fill).to.equal(resolve('CanvasText'));
  });

  it('map: the classes keep distinct fills, the legend swatches match them, the selection is in Highlight', async () => {
    const el = await figure<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} selected="048017"></pnrr-municipality-map>`);
    expect(getComputedStyle($(el, '.plot-image')!).forcedColorAdjust).to.equal('none');
    const fills = new Set($$(el, '.plot svg .mark-shape.layer_0_marks path').map((p) => getComputedStyle(p).fill));
    // 5 classes + the no-projects class, all different.
    expect(fills.size).to.equal(6);
    const swatches = new Set($$(el, '.plot svg .role-legend-symbol path').map((p) => getComputedStyle(p).fill));
    expect(swatches).to.deep.equal(fills);
    await until(() => $$(el, '.plot svg .mark-shape.inert_selected_marks path').length === 1, 'the selection outline');
    expect(getComputedStyle($$(el, '.plot svg .mark-shape.inert_selected_marks path')[0]!).stroke).to.equal(resolve('Highlight'));
    // Halo under the outline and comune borders in Canvas, province borders in CanvasText.
    expect(getComputedStyle($$(el, '.plot svg .mark-shape.inert_halo_marks path')[0]!).stroke).to.equal(resolve('Canvas'));
    expect(getComputedStyle($$(el, '.plot svg .mark-shape.inert_borders_marks path')[0]!).stroke).to.equal(resolve('CanvasText'));
  });

  it('focus ring, buttons and disabled buttons use system colours', async () => {
    const box = await fixture<HTMLDivElement>(html`<div><button id="before">before</button><pnrr-spending-chart src=${DATA}></pnrr-spending-chart></div>`);
    const el = box.querySelector('pnrr-spending-chart')!;
    await el.chartRendered();
    box.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    const toggle = $(el, '[part~="table-toggle"]')!;
    expect(deepActive()).to.equal(toggle);
    const ring = getComputedStyle(toggle);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    expect(ring.outlineColor).to.equal(resolve('LinkText'));
    expect(contrast(ring.outlineColor, 'Canvas')).to.be.at.least(3);
    const png = $(el, '[part~="download-png"]') as HTMLButtonElement;
    png.disabled = true;
    expect(getComputedStyle(png).color).to.equal(resolve('GrayText'));
    expect(getComputedStyle(png).opacity).to.equal('1');
    png.disabled = false;
  });

  it('the loading skeleton stays visible (GrayText bones on Canvas)', async () => {
    const id = uniqueId();
    const el = await fixture<PnrrElement<unknown>>(html`<pnrr-project-card cup="H91J12000770005" src=${`/__test/slow/${id}${DATA}`}></pnrr-project-card>`);
    expect(el.state).to.equal('loading');
    const bone = $(el, '.bone')!;
    expect(getComputedStyle(bone).backgroundColor).to.equal(resolve('GrayText'));
    expect(resolve('GrayText')).to.not.equal(resolve('Canvas'));
    el.remove();
  });
});

describe('accessibility: reduced motion', () => {
  after(() => emulate([]));

  for (const motion of ['no-preference', 'reduce'] as const) {
    it(`skeleton: ${motion === 'reduce' ? 'no animation at all' : 'pulses'} with prefers-reduced-motion: ${motion}`, async () => {
      await emulate([{ name: 'prefers-reduced-motion', value: motion }]);
      const id = uniqueId();
      const el = await fixture<PnrrElement<unknown>>(html`<pnrr-spending-chart src=${`/__test/slow/${id}${DATA}`}></pnrr-spending-chart>`);
      expect(el.state).to.equal('loading');
      const animations = el.shadowRoot!.getAnimations();
      const transitions = $$(el, '*').filter((e) => parseFloat(getComputedStyle(e).transitionDuration) > 0);
      if (motion === 'reduce') {
        expect(animations).to.deep.equal([]);
        expect(transitions).to.deep.equal([]);
      } else expect(animations.length).to.be.greaterThan(0);
      el.remove();
    });
  }
});

describe('accessibility: reflow at 320 CSS px (WCAG 1.4.10)', () => {
  before(() => setViewport({ width: 320, height: 640 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const tag of ['chart', 'map'] as const) {
    it(`${tag}: no horizontal page scroll; the wide data table scrolls in a labelled, focusable region`, async () => {
      const el =
        tag === 'chart'
          ? await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} group-by="province" per-capita></pnrr-spending-chart>`)
          : await figure<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} per-capita selected="048017"></pnrr-municipality-map>`);
      $(el, '[part~="table-toggle"]')!.click();
      await el.updateComplete;
      expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(320);
      const wrap = $(el, '.table-wrap')!;
      // Everything outside the table region fits the viewport.
      const outside = $$(el, '.frame *').filter((e) => !wrap.contains(e) && !e.closest('.visually-hidden, svg'));
      for (const e of outside) expect(e.getBoundingClientRect().right, describeFocus(e)).to.be.at.most(320.5);
      expect(wrap.getBoundingClientRect().right).to.be.at.most(320.5);
      // The table may be wider than the screen: it scrolls inside a region a keyboard can reach and a screen reader names.
      expect(wrap.getAttribute('role')).to.equal('region');
      expect(wrap.getAttribute('tabindex')).to.equal('0');
      expect(normalise(wrap.getAttribute('aria-label')!)).to.equal(normalise($(el, 'caption')!.textContent!));
      expect(getComputedStyle(wrap).overflowX).to.equal('auto');
    });
  }
});

describe('accessibility: text at 200 % (WCAG 1.4.4)', () => {
  before(() => {
    document.documentElement.style.fontSize = '200%';
  });
  after(() => {
    document.documentElement.style.fontSize = '';
  });

  it('chart and map: buttons, labels and legend grow with the text and nothing is cut', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 780px"><pnrr-spending-chart src=${DATA}></pnrr-spending-chart><pnrr-municipality-map src=${DATA}></pnrr-municipality-map></div>`,
    );
    const chart = box.querySelector('pnrr-spending-chart')!;
    const map = box.querySelector('pnrr-municipality-map')!;
    for (const el of [chart, map]) {
      el.scrollIntoView();
      await el.chartRendered();
    }
    for (const el of [chart, map]) {
      for (const b of $$(el, 'button, select')) {
        expect(parseFloat(getComputedStyle(b).fontSize), describeFocus(b)).to.be.at.least(24);
        expect(b.scrollWidth, `${describeFocus(b)} width`).to.be.at.most(b.clientWidth + 1);
        expect(b.scrollHeight, `${describeFocus(b)} height`).to.be.at.most(b.clientHeight + 1);
      }
      // The drawing's text follows the page's text size.
      const texts = $$(el, '.plot svg text').filter((t) => t.textContent!.trim() !== '');
      for (const t of texts) expect(parseFloat(t.getAttribute('font-size') ?? getComputedStyle(t).fontSize), t.textContent!).to.be.at.least(24);
    }
    // Legend labels whole (no ellipsis) and inside the drawing.
    const svg = $(map, '.plot svg')!.getBoundingClientRect();
    const labels = $$(map, '.plot svg .role-legend-label text');
    expect(labels.length).to.equal(6);
    for (const l of labels) {
      expect(l.textContent).not.to.include('…');
      expect(l.getBoundingClientRect().right, l.textContent!).to.be.at.most(svg.right + 0.5);
    }
  });
});

describe('accessibility: targets, focus and keyboard', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`every control is at least 24×24 px and its focus ring has 3:1 contrast (${theme})`, async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div><pnrr-spending-chart src=${DATA} theme=${theme}></pnrr-spending-chart><pnrr-municipality-map src=${DATA} province="100" theme=${theme}></pnrr-municipality-map></div>`,
      );
      for (const el of [...box.children] as PnrrSpendingChart[]) {
        // Figures draw only near the viewport.
        el.scrollIntoView();
        await el.chartRendered();
        await el.updateComplete;
        $(el, '[part~="table-toggle"]')!.click();
        await el.updateComplete;
        const controls = $$(el, 'button, select, [tabindex="0"]');
        expect(controls.length).to.be.at.least(5);
        const background = getComputedStyle(el).getPropertyValue('--_background').trim();
        for (const c of controls) {
          const r = c.getBoundingClientRect();
          expect(r.width, `${describeFocus(c)} width`).to.be.at.least(24);
          expect(r.height, `${describeFocus(c)} height`).to.be.at.least(24);
          c.focus();
          const s = getComputedStyle(c);
          expect(s.outlineStyle, describeFocus(c)).to.equal('solid');
          expect(parseFloat(s.outlineWidth)).to.be.at.least(2);
          expect(contrast(s.outlineColor, background), `${describeFocus(c)} ring`).to.be.at.least(3);
        }
      }
    });
  }

  it('map: tab order is list → table toggle → downloads → table → attribution; Enter opens the table; the list works by keyboard', async () => {
    const box = await fixture<HTMLDivElement>(html`<div><button id="before">before</button><pnrr-municipality-map src=${DATA} province="100"></pnrr-municipality-map></div>`);
    const el = box.querySelector('pnrr-municipality-map')!;
    await el.chartRendered();
    await el.updateComplete;
    box.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal($(el, 'select'));
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.selected, 'a selection');
    const chosen = $(el, '.chosen')!;
    expect(chosen.getAttribute('aria-live')).to.equal('polite');
    expect(normalise(chosen.textContent!)).to.match(/^\S.*: .*progett/);
    await sendKeys({ press: 'Tab' });
    const toggle = $(el, '[part~="table-toggle"]')!;
    expect(deepActive()).to.equal(toggle);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)).to.equal($(el, '.table-wrap'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(describeFocus(deepActive()));
    }
    expect(order).to.deep.equal(['button download-csv', 'button download-png', 'button download-svg', 'table-wrap', 'a']);
    expect(deepActive()!.closest('[part="attribution"]')).to.not.equal(null);
  });

  it('downloads have clear names (it, en) and announce that the file was handed to the browser', async () => {
    for (const [lang, csv, png, svg, started] of [
      ['it', 'Scarica i dati (CSV)', 'Scarica l’immagine (PNG)', 'Scarica l’immagine (SVG)', 'Download avviato:'],
      ['en', 'Download the data (CSV)', 'Download the image (PNG)', 'Download the image (SVG)', 'Download started:'],
    ] as const) {
      const el = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} lang=${lang}></pnrr-spending-chart>`);
      expect(normalise($(el, '[part~="download-csv"]')!.textContent!)).to.equal(csv);
      expect(normalise($(el, '[part~="download-png"]')!.textContent!)).to.equal(png);
      expect(normalise($(el, '[part~="download-svg"]')!.textContent!)).to.equal(svg);
      const status = $(el, '[part="toolbar"] [role="status"]')!;
      expect(status.textContent!.trim()).to.equal('');
      const original = HTMLAnchorElement.prototype.click;
      let name = '';
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        name = this.download;
      };
      try {
        $(el, '[part~="download-csv"]')!.click();
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      await el.updateComplete;
      expect(name).to.match(/\.csv$/);
      expect(normalise(status.textContent!)).to.equal(`${started} ${name}.`);
    }
  });
});

describe('accessibility: screen readers', () => {
  it('chart and map: the summary is read once (not repeated in the image label)', async () => {
    for (const el of [
      await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA}></pnrr-spending-chart>`),
      await figure<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`),
    ]) {
      const summary = normalise($(el, '[part="summary"]')!.textContent!);
      // What assistive technology reads: the text and the labels, less what is aria-hidden (the SVG).
      const labels = $$(el, '[aria-label]').filter((e) => !e.closest('[aria-hidden="true"]'));
      const spoken = [normalise(visibleToAT(el.shadowRoot!)), ...labels.map((e) => normalise(e.getAttribute('aria-label')!))].join(' | ');
      expect(spoken.split(summary).length - 1, spoken).to.equal(1);
      expect(normalise($(el, '[role="img"]')!.getAttribute('aria-label')!)).to.not.include(summary);
    }
  });

  it('the content carries its language: fr page → Italian content (lang="it"); lang="en" on an Italian page → English', async () => {
    const fr = await fixture<HTMLDivElement>(html`<div lang="fr"><pnrr-spending-chart src=${DATA}></pnrr-spending-chart></div>`);
    const chart = fr.querySelector('pnrr-spending-chart')!;
    await chart.settled();
    expect($(chart, '[part="base"]')!.getAttribute('lang')).to.equal('it');
    expect($(chart, '[part="summary"]')!.matches(':lang(it)')).to.equal(true);
    const it = await fixture<HTMLDivElement>(html`<div lang="it"><pnrr-municipality-map src=${DATA} lang="en"></pnrr-municipality-map></div>`);
    const map = it.querySelector('pnrr-municipality-map')!;
    await map.settled();
    expect($(map, '[part="summary"]')!.matches(':lang(en)')).to.equal(true);
    expect($(map, '[part="base"]')!.getAttribute('lang')).to.equal('en');
  });

  it('one polite status region: quiet on the first load, "loading" then "updated" on a reload, the error once', async () => {
    const el = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA}></pnrr-spending-chart>`);
    const status = () => $$(el, '[role="status"]').filter((s) => !s.closest('[part="toolbar"]'));
    expect(status()).to.have.length(1);
    // Outside the aria-busy frame, so it is heard while the frame is busy.
    expect(status()[0]!.closest('[aria-busy]')).to.equal(null);
    expect(status()[0]!.textContent!.trim()).to.equal('');
    expect($$(el, '[role="alert"], [aria-live="assertive"]')).to.deep.equal([]);
    el.setAttribute('group-by', 'province');
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    expect(normalise(status()[0]!.textContent!)).to.equal('Caricamento dei dati PNRR…');
    await el.settled();
    expect(normalise(status()[0]!.textContent!)).to.equal('Dati PNRR aggiornati.');
    el.setAttribute('group-by', 'planet');
    expect(await el.settled()).to.equal('error');
    expect(normalise(status()[0]!.textContent!)).to.include('planet');
    expect($$(el, '[role="alert"], [aria-live="assertive"]')).to.deep.equal([]);
  });

  it('summary and notes say amounts in words ("milioni di euro", "€… million"), never "mln €"', async () => {
    const top = (await sdk.spending({ groupBy: 'mission' }))[0]!;
    const it = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} comune="048017"></pnrr-spending-chart>`);
    const prose = () => normalise([$(it, '[part="summary"]')!.textContent!, $(it, '[part="notes"]')!.textContent!].join(' '));
    expect(prose()).to.include('milioni di euro');
    expect(prose()).not.to.match(/mln|mld|mila €/);
    const en = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} lang="en"></pnrr-spending-chart>`);
    const m = (top.value / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1 });
    expect(normalise($(en, '[part="summary"]')!.textContent!)).to.include(`€${m} million`);
  });
});

describe('projects per 10,000 inhabitants (metric="count" per-capita)', () => {
  it('map: values, title, table, summary, denominator note and CSV header per 10,000 inhabitants', async () => {
    const [counts, territories] = await Promise.all([sdk.spending({ groupBy: 'comune', metric: 'count', perCapita: 'istat2021' }), sdk.territories()]);
    const el = await figure<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA} metric="count" per-capita></pnrr-municipality-map>`);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Numero di progetti per 10.000 abitanti per comune · Toscana');
    const firenze = counts.find((r) => r.key === '048017')!;
    const people = territories.comuni.find((c) => c.code === '048017')!.population.istat2021!;
    expect(firenze.value).to.be.closeTo(firenze.count / people, 1e-9);
    const row = $(el, 'tr[data-key="048017"]')!;
    const cell = row.querySelector<HTMLElement>('td[data-value]')!;
    expect(Number(cell.dataset.value)).to.be.closeTo(firenze.value * 10000, 1e-6);
    expect(normalise(cell.textContent!)).to.equal((firenze.value * 10000).toLocaleString('it-IT', { maximumFractionDigits: 1 }));
    expect(normalise($(el, 'thead')!.textContent!)).to.include('Numero di progetti per 10.000 abitanti');
    expect(normalise($(el, '[part="summary"]')!.textContent!)).to.include(' per 10.000 abitanti.');
    expect(normalise($(el, '[part="notes"]')!.textContent!)).to.include('Valori per 10.000 abitanti, popolazione ISTAT, 1/1/2021.');
    // Legend classes in the same unit: readable numbers, not 0,0012.
    const legend = $$(el, '.plot svg .role-legend-label text').map((t) => t.textContent!);
    expect(legend.join(' ')).not.to.match(/0,00/);
    let href = '';
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      href = this.href;
    };
    try {
      $(el, '[part~="download-csv"]')!.click();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    const csv = (await (await fetch(href)).text()).replace(/^\ufeff/, '').split('\r\n');
    const header = csv[0]!.split(',');
    expect(header[4]).to.equal('Numero di progetti per 10.000 abitanti');
    const line = csv.find((l) => l.startsWith('048017,'))!.split(',');
    expect(Number(line[4])).to.be.closeTo(firenze.value * 10000, 1e-6);
  });

  it('chart by province, English: bars are projects per 10,000 inhabitants; money stays per inhabitant', async () => {
    const [counts, money] = await Promise.all([
      sdk.spending({ groupBy: 'province', metric: 'count', perCapita: 'istat2021' }),
      sdk.spending({ groupBy: 'province', perCapita: 'istat2021' }),
    ]);
    const el = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} group-by="province" metric="count" per-capita lang="en"></pnrr-spending-chart>`);
    const drawn = ((await el.chartRendered())!.data('rows') as Array<{ key: string; value: number }>).map((d) => [d.key, d.value] as const);
    const provinces = counts.filter((r) => r.kind === 'province');
    expect(drawn).to.have.length(provinces.length);
    for (const [key, value] of drawn) expect(value, key).to.be.closeTo(provinces.find((r) => r.key === key)!.value * 10000, 1e-6);
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.equal('Number of projects per 10,000 inhabitants by province · Toscana');
    expect(normalise($(el, '[part="summary"]')!.textContent!)).to.include(' per 10,000 inhabitants.');
    const euro = await figure<PnrrSpendingChart>(html`<pnrr-spending-chart src=${DATA} group-by="province" per-capita></pnrr-spending-chart>`);
    const top = money.filter((r) => r.kind === 'province')[0]!;
    expect(((await euro.chartRendered())!.data('rows') as Array<{ value: number }>)[0]!.value).to.be.closeTo(top.value, 1e-9);
    expect(normalise($(euro, '[part="title"]')!.textContent!)).to.equal('Finanziamento PNRR per abitante per provincia · Toscana');
  });
});
