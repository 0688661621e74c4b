/**
 * Printing (issue 9): with `print` media emulated (Chromium's own media
 * emulation, as the print preview uses), a chart and a map in the dark theme
 * show light colours, their title, summary, notes and source line, no button
 * or form control, and a drawing that fits its box (nothing clipped), redrawn
 * in light colours.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../src/map/define.js';
import '../src/chart/define.js';
import type { PnrrFigureElement, FigureData } from '../src/figure/figure-element.js';
import { DATA, until } from './helpers/page.js';

type Figure = PnrrFigureElement<FigureData>;

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
});
