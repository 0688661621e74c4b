/**
 * Issue #6, item 3: the map answers the real mouse on every comune. The
 * province borders (and the selection outlines) are drawn over the comuni;
 * if they take pointer events, a large part of the map answers nothing. The
 * mouse here is the browser's own (sendMouse: CDP input events, hit-tested by
 * Chromium), never a dispatched event: it is moved over an interior point of
 * every one of the 273 comuni, then clicks each.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import { createClient } from '@pnrr-toscana/sdk';
import '../src/map/define.js';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { DATA, until, viewportPoint } from './helpers/page.js';

const sdk = createClient({ baseUrl: new URL(DATA, location.href) });

type Path = SVGPathElement & { __data__?: { datum?: { properties?: { pro_com_t?: string } } } };
const comunePaths = (el: Element) => [...el.shadowRoot!.querySelectorAll<Path>('.plot svg .mark-shape.layer_0_marks path')];
const codeOf = (p: Path) => p.__data__?.datum?.properties?.pro_com_t;

describe('<pnrr-municipality-map> under the real mouse', () => {
  before(() => setViewport({ width: 1280, height: 900 }));
  after(async () => {
    await resetMouse();
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the tooltip of every one of the 273 comuni, and clicking selects each with its code', async function () {
    this.timeout(600_000);
    const territories = await sdk.territories();
    const names = new Map(territories.comuni.map((c) => [c.code, c.name]));
    const el = await fixture<PnrrMunicipalityMap>(html`<pnrr-municipality-map src=${DATA}></pnrr-municipality-map>`);
    expect(await el.chartRendered()).to.not.equal(null);
    const tooltip = el.shadowRoot!.querySelector<HTMLElement>('.tooltip')!;
    const codes = comunePaths(el).map(codeOf) as string[];
    expect(codes).to.have.length(273);

    // Hover: the tooltip names the comune under the mouse.
    let hovered = 0;
    const missedHover: string[] = [];
    for (const code of codes) {
      const path = comunePaths(el).find((p) => codeOf(p) === code)!;
      const position = viewportPoint(path);
      await sendMouse({ type: 'move', position });
      const shown = await until(() => !tooltip.hidden && tooltip.textContent!.split('\n')[0] === names.get(code), `the tooltip of ${code}`, 300).catch(() => false);
      if (shown) hovered++;
      else missedHover.push(`${code} ${names.get(code)} → ${tooltip.hidden ? '(none)' : tooltip.textContent!.split('\n')[0]}`);
    }

    // Click: each comune fires its own pnrr-municipality-select (the map redraws its selection each time).
    let clicked = 0;
    const missedClick: string[] = [];
    const heard: string[] = [];
    const listener = (e: Event) => heard.push((e as CustomEvent<{ code: string }>).detail.code);
    el.addEventListener('pnrr-municipality-select', listener);
    try {
      for (const code of codes) {
        await el.chartRendered();
        const path = comunePaths(el).find((p) => codeOf(p) === code)!;
        const position = viewportPoint(path);
        heard.length = 0;
        await sendMouse({ type: 'click', position });
        const ok = await until(() => heard.length > 0, `the selection of ${code}`, 300).catch(() => false);
        if (ok && heard.length === 1 && heard[0] === code && el.selected === code) clicked++;
        else missedClick.push(`${code} ${names.get(code)} → ${heard.join(',') || '(no event)'}`);
      }
    } finally {
      el.removeEventListener('pnrr-municipality-select', listener);
    }
    // The figures issue #6 asks for (docs/reliability.md).
    console.info(`map under the real mouse: tooltips ${hovered}/273, selections ${clicked}/273`);
    expect({ hovered, clicked }, `tooltips ${hovered}/273, selections ${clicked}/273`).to.deep.equal({ hovered: 273, clicked: 273 });
    expect(missedHover, `${hovered}/273 tooltips`).to.deep.equal([]);
    expect(missedClick, `${clicked}/273 selections`).to.deep.equal([]);
  });
});
