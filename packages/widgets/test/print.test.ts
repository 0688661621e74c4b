/**
 * Printing (issue 9): with `print` media emulated (Chromium's own media
 * emulation, as the print preview uses), a chart and a map in the dark theme
 * show light colours, their title, summary, notes and source line, no button
 * or form control, and a drawing that fits its box (nothing clipped), redrawn
 * in light colours. A card in the dark theme (and one following a dark system
 * scheme) prints light and whole: no fixed block size, no clipped table, long
 * texts unclamped, the tenders shown, links as text followed by their address, the
 * data date and the attribution kept. A list prints its page of rows whole,
 * without download or paging buttons, its titles as text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../src/map/define.js';
import '../src/chart/define.js';
import '../src/card/define.js';
import '../src/list/define.js';
import { createClient } from '@pnrr-toscana/sdk';
import type { PnrrFigureElement, FigureData } from '../src/figure/figure-element.js';
import { DATA, normalise, until } from './helpers/page.js';

type Figure = PnrrFigureElement<FigureData>;

/** The system colour scheme, through CDP (web-test-runner.config.mjs): the stock emulateMedia resets it when it sets the media type. */
const colorScheme = (value: 'dark' | 'light') => executeServerCommand('emulate-media-features', [{ name: 'prefers-color-scheme', value }]);

/** Luminance 0–255 of an `rgb()` or `#rrggbb` colour. */
const luminance = (color: string): number => {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const parts = hex ? hex.slice(1).map((h) => Number.parseInt(h, 16)) : /(\d+)[, ]+(\d+)[, ]+(\d+)/.exec(color)?.slice(1).map(Number);
  if (!parts) throw new Error(`not a colour: ${color}`);
  const [r, g, b] = parts as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** Elements of the shadow root a reader would see (rendered, not hidden by CSS). */
const visible = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)].filter((e) => e.checkVisibility({ visibilityProperty: true }));

/** Fill of the drawing's text (vega writes its colours as attributes). */
const svgTextFill = (el: Element) => el.shadowRoot!.querySelector('.plot svg text')?.getAttribute('fill') ?? '';

describe('print media', function () {
  this.timeout(90_000);
  before(() => setViewport({ width: 1000, height: 900 }));
  afterEach(() => emulateMedia({ media: 'screen' }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const tag of ['pnrr-spending-chart', 'pnrr-municipality-map'] as const) {
    it(`${tag} theme="dark": light colours, title, summary and source, no buttons, the drawing whole`, async () => {
      const el = (await fixture(
        tag === 'pnrr-spending-chart'
          ? html`<pnrr-spending-chart src=${DATA} theme="dark" comune="Prato"></pnrr-spending-chart>`
          : html`<pnrr-municipality-map src=${DATA} theme="dark" selected="100005"></pnrr-municipality-map>`,
      )) as Figure;
      expect(await el.chartRendered()).to.not.equal(null);
      const frame = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
      // On screen: dark, with buttons.
      expect(luminance(getComputedStyle(frame).backgroundColor)).to.be.lessThan(60);
      expect(visible(el, 'button').length).to.be.greaterThan(2);
      const screenFill = svgTextFill(el);

      await emulateMedia({ media: 'print' });
      expect(matchMedia('print').matches).to.equal(true);
      expect(getComputedStyle(frame).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(luminance(getComputedStyle(frame).color)).to.be.lessThan(60);
      expect(visible(el, 'button, select, [part~="toolbar"], .tooltip')).to.deep.equal([]);
      for (const part of ['title', 'summary', 'notes', 'attribution']) {
        const node = el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)!;
        expect(node.checkVisibility(), part).to.equal(true);
        expect(node.textContent!.trim().length, part).to.be.greaterThan(0);
      }
      // The drawing is redrawn in the light theme's text colour and is not clipped.
      await until(() => svgTextFill(el) !== screenFill, 'the drawing redrawn for print');
      await el.chartRendered();
      expect(luminance(svgTextFill(el))).to.be.lessThan(60);
      const plot = el.shadowRoot!.querySelector<HTMLElement>('.plot')!;
      const svg = plot.querySelector('svg')!.getBoundingClientRect();
      const box = plot.getBoundingClientRect();
      expect(svg.width).to.be.at.most(box.width + 1);
      expect(plot.scrollHeight).to.be.at.most(plot.clientHeight + 1);
      expect(getComputedStyle(plot).overflow).to.equal('visible');

      // Back to the screen: dark again.
      await emulateMedia({ media: 'screen' });
      await until(() => svgTextFill(el) === screenFill, 'the drawing redrawn for the screen');
    });
  }

  // Siena's INF-ACT research partnership: a 232-character title (clamped to 6 lines on screen),
  // payments, targets and 81 tenders (the first ones in its shard, the rest behind the "show all" button).
  const CUP = 'B63C22001400007';
  for (const [name, theme, scheme] of [
    ['theme="dark"', 'dark', 'light'],
    ['a dark system scheme, no theme attribute', undefined, 'dark'],
  ] as const) {
    it(`pnrr-project-card, ${name}: light colours, the whole card, no buttons, links with their address, source and date`, async () => {
      await colorScheme(scheme);
      await setViewport({ width: 400, height: 900 });
      const project = await createClient({ baseUrl: new URL(DATA, location.href).href }).project(CUP);
      const el = await fixture(html`<pnrr-project-card src=${DATA} cup=${CUP} theme=${theme ?? nothing}></pnrr-project-card>`);
      expect(await (el as unknown as { settled(): Promise<string> }).settled()).to.equal('ready');
      const root = el.shadowRoot!;
      const frame = root.querySelector<HTMLElement>('[part="base"]')!;
      const clip = root.querySelector<HTMLElement>('.clip')!;
      const title = root.querySelector<HTMLElement>('[part~="title"] .long, [part~="title"].long') ?? root.querySelector<HTMLElement>('[part~="title"]')!;
      // On screen: dark, the fixed block size clipping the card, the "show all" button, the title clamped.
      expect(luminance(getComputedStyle(frame).backgroundColor)).to.be.lessThan(60);
      expect(clip.scrollHeight).to.be.greaterThan(clip.clientHeight + 100);
      expect(visible(el, 'button').length).to.be.greaterThan(0);
      expect(title.scrollHeight).to.be.greaterThan(title.clientHeight + 1);
      const shownTenders = [...root.querySelectorAll<HTMLElement>('.tenders > li')];
      expect(shownTenders.length).to.equal(project.tenders!.length);

      await emulateMedia({ media: 'print' });
      expect(matchMedia('print').matches).to.equal(true);
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(scheme === 'dark');
      expect(getComputedStyle(frame).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(luminance(getComputedStyle(frame).color)).to.be.lessThan(60);
      expect(visible(el, 'button')).to.deep.equal([]);
      // Whole: the card grows past its screen block size (30rem), nothing inside it is cut.
      expect(frame.getBoundingClientRect().height).to.be.greaterThan(30 * 16 * 2);
      expect(clip.scrollHeight).to.be.at.most(clip.clientHeight + 1);
      for (const scroll of root.querySelectorAll<HTMLElement>('.table-scroll')) {
        expect(getComputedStyle(scroll).overflowX).to.equal('visible');
        expect(scroll.getBoundingClientRect().right).to.be.at.most(frame.getBoundingClientRect().right + 1);
      }
      expect(title.scrollHeight, 'the long title unclamped').to.be.at.most(title.clientHeight + 1);
      expect(normalise(title.textContent!)).to.equal(normalise(project.title));
      // The tenders on the card are printed (the rest load only on a reader's request).
      for (const li of shownTenders) expect(li.checkVisibility(), 'tender printed').to.equal(true);
      // Links: plain text followed by their address.
      const links = [...root.querySelectorAll<HTMLAnchorElement>('a[href]')];
      expect(links.length).to.be.greaterThan(2);
      expect(links.map((a) => a.href)).to.include(`https://www.opencup.gov.it/portale/web/opencup/home/progetto/-/cup/${CUP}`);
      for (const a of links) {
        expect(getComputedStyle(a).textDecorationLine, a.href).to.equal('none');
        expect(getComputedStyle(a, '::after').content, a.href).to.equal(`" (${a.getAttribute('href')})"`);
      }
      // The project's data date and the attribution line (source, licence, package date) stay.
      const asOf = root.querySelector<HTMLElement>('.asof')!;
      expect(asOf.checkVisibility()).to.equal(true);
      expect(asOf.textContent).to.match(/2023/);
      const attribution = root.querySelector<HTMLElement>('[part~="attribution"]')!;
      expect(attribution.checkVisibility()).to.equal(true);
      expect(normalise(attribution.textContent!)).to.match(/Italia Domani.*CC BY 4\.0/);

      await emulateMedia({ media: 'screen' });
      expect(luminance(getComputedStyle(frame).backgroundColor)).to.be.lessThan(60);
      expect(visible(el, 'button').length).to.be.greaterThan(0);
      await colorScheme('light');
    });
  }
  it('pnrr-project-list theme="dark": light colours, the page of rows whole, no download or paging buttons', async () => {
    await setViewport({ width: 1000, height: 900 });
    const el = await fixture(html`<pnrr-project-list src=${DATA} comune="Prato" theme="dark"></pnrr-project-list>`);
    expect(await (el as unknown as { settled(): Promise<string> }).settled()).to.equal('ready');
    const root = el.shadowRoot!;
    const frame = root.querySelector<HTMLElement>('[part="base"]')!;
    const wrap = root.querySelector<HTMLElement>('.table-wrap')!;
    const rows = [...root.querySelectorAll<HTMLElement>('tbody tr[part~="row"]')];
    expect(rows.length).to.equal(20);
    // On screen: dark, 20 rows scrolling inside the fixed block size, paging and download buttons.
    expect(luminance(getComputedStyle(frame).backgroundColor)).to.be.lessThan(60);
    expect(wrap.scrollHeight).to.be.greaterThan(wrap.clientHeight + 100);
    expect(visible(el, 'button.secondary').length).to.be.at.least(3);

    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(frame).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(luminance(getComputedStyle(frame).color)).to.be.lessThan(60);
    expect(visible(el, 'button.secondary')).to.deep.equal([]);
    expect(wrap.scrollHeight, 'the table not clipped').to.be.at.most(wrap.clientHeight + 1);
    const bottom = frame.getBoundingClientRect().bottom;
    for (const row of rows) {
      expect(row.checkVisibility()).to.equal(true);
      expect(row.getBoundingClientRect().bottom).to.be.at.most(bottom);
    }
    const title = root.querySelector<HTMLElement>('button.link')!;
    expect(getComputedStyle(title).textDecorationLine).to.equal('none');
    expect(luminance(getComputedStyle(title).color)).to.be.lessThan(60);
    for (const part of ['summary', 'status', 'attribution']) {
      expect(root.querySelector<HTMLElement>(`[part~="${part}"]`)!.checkVisibility(), part).to.equal(true);
    }
    await emulateMedia({ media: 'screen' });
    expect(wrap.scrollHeight).to.be.greaterThan(wrap.clientHeight + 100);
  });
});
