/**
 * Smoke test of the CDN build (run `pnpm build` first): the page loads
 * dist/cdn/pnrr-widgets.js as a webmaster would, with no src and no configure().
 * A card-only page loads one JS file (and the card's blocks chunk with its
 * data) and reads the data package copied beside it; the chart's code and vega arrive only when a chart is added.
 */
import { expect } from '@open-wc/testing';
import { normalise, settled, until } from './helpers/page.js';

const CDN = '/packages/widgets/dist/cdn/';
const resources = () => performance.getEntriesByType('resource').map((e) => new URL(e.name));

describe('CDN build: dist/cdn/pnrr-widgets.js', () => {
  const errors: unknown[][] = [];
  const originalError = console.error;
  before(async () => {
    console.error = (...args: unknown[]) => {
      errors.push(args);
      originalError(...args);
    };
    const url = `${CDN}pnrr-widgets.js`;
    try {
      await import(/* @vite-ignore */ url);
    } catch (error) {
      throw new Error(`Cannot load ${url}: build the package first (pnpm --filter @pnrr-toscana/widgets build).`, { cause: error });
    }
  });
  after(() => {
    console.error = originalError;
  });

  it('a card-only page: one script and its blocks chunk, data from dist/cdn/data/toscana/, nothing from another origin', async () => {
    const el = document.createElement('pnrr-project-card');
    el.setAttribute('cup', 'H91J12000770005');
    document.body.append(el);
    expect(await settled(el)).to.equal('ready');
    expect(normalise(el.shadowRoot!.querySelector('[part="amount"] .value')!.textContent!)).to.equal('222.485.840 €');
    const all = resources();
    expect(all.filter((u) => u.origin !== location.origin).map(String)).to.deep.equal([]);
    const cdn = all.filter((u) => u.pathname.startsWith(CDN)).map((u) => u.pathname.slice(CDN.length));
    // Issue 10: the payments, awardee and target blocks are one small chunk, requested together with the data,
    // with the number formatting it shares with the figures (figure/amounts.ts).
    const js = cdn.filter((p) => p.endsWith('.js'));
    expect(js).to.have.length(3);
    expect(js[0]).to.equal('pnrr-widgets.js');
    const chunk = (name: string) => js.slice(1).filter((p) => new RegExp(`^chunks/${name}-[\\w-]+\\.js$`).test(p));
    expect(chunk('monitor-blocks')).to.have.length(1);
    expect(chunk('amounts')).to.have.length(1);
    // The manifest and one shard (its name depends on the package's shard count): the one holding the CUP.
    const json = cdn.filter((p) => p.endsWith('.json')).sort();
    expect(json).to.have.length(2);
    expect(json[0]).to.equal('data/toscana/manifest.json');
    expect(json[1]).to.match(/^data\/toscana\/projects\/[0-9a-f]{2,}\.json$/);
    const shard = (await (await fetch(`${CDN}${json[1]}`)).json()) as { projects: Array<{ cup: string }> };
    expect(shard.projects.map((p) => p.cup)).to.include('H91J12000770005');
    expect(customElements.get('pnrr-spending-chart'), 'the chart is not loaded on a card-only page').to.equal(undefined);
    el.remove();
  });

  it('adding a chart loads its chunk, then vega, lazily from beside the bundle', async () => {
    const chart = document.createElement('pnrr-spending-chart');
    chart.setAttribute('group-by', 'mission');
    document.body.append(chart);
    await until(() => customElements.get('pnrr-spending-chart'), 'the chart chunk to register the element');
    await customElements.whenDefined('pnrr-spending-chart');
    expect(await settled(chart)).to.equal('ready');
    await until(() => resources().some((u) => u.pathname.startsWith(`${CDN}chunks/`) && /embed|vega/.test(u.pathname)), 'the vega chunk');
    const js = resources()
      .filter((u) => u.pathname.startsWith(CDN) && u.pathname.endsWith('.js'))
      .map((u) => u.pathname.slice(CDN.length));
    expect(js.every((p) => p === 'pnrr-widgets.js' || p.startsWith('chunks/')), js.join(', ')).to.equal(true);
    expect(resources().filter((u) => u.origin !== location.origin).map(String)).to.deep.equal([]);
    chart.remove();
  });

  it('adding a map registers it too and draws the 273 comuni from the package beside the bundle', async () => {
    const map = document.createElement('pnrr-municipality-map');
    document.body.append(map);
    await until(() => customElements.get('pnrr-municipality-map'), 'the map chunk to register the element');
    expect(await settled(map)).to.equal('ready');
    await until(() => (map.shadowRoot!.querySelectorAll('.plot svg .mark-shape.layer_0_marks path').length === 273 ? true : null), 'the 273 comuni', 15000);
    expect(resources().some((u) => u.pathname === `${CDN}data/toscana/boundaries.topo.json`)).to.equal(true);
    map.remove();
  });

  it('a card under a strict Content-Security-Policy (no eval, no inline styles): rendered, no violation', async () => {
    const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
    const iframe = document.createElement('iframe');
    iframe.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<script type="module" src="${CDN}pnrr-widgets.js"></script>
</head><body><pnrr-project-card cup="I97I21000010002"></pnrr-project-card></body></html>`;
    const violations: string[] = [];
    document.body.append(iframe);
    try {
      const doc = await until(() => (iframe.contentDocument?.querySelector('pnrr-project-card') ? iframe.contentDocument : null), 'the framed page');
      doc.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      const card = doc.querySelector('pnrr-project-card')!;
      await until(() => card.shadowRoot?.querySelector('[part="amount"]'), 'the card to render', 10000);
      expect(normalise(card.shadowRoot!.querySelector('[part="amount"] .value')!.textContent!)).to.equal('€389,200');
      expect(getComputedStyle(card.shadowRoot!.querySelector('[part="base"]')!).borderTopStyle, 'styles applied').to.equal('solid');
      expect(doc.head.querySelectorAll('style')).to.have.length(0);
      expect(violations).to.deep.equal([]);
    } finally {
      iframe.remove();
    }
  });

  it('logged no errors', () => {
    expect(errors.map((args) => args.map(String).join(' '))).to.deep.equal([]);
  });
});
