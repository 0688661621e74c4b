/**
 * The iframe embed (issue 9), as a webmaster's page meets it: a host page
 * (test/embed-host/*.html, strict CSP) frames dist/cdn/embed.html with the
 * snippet of the docs, with and without the host script pnrr-embed.js. Run
 * `pnpm build` first (the embed lives in the CDN build).
 */
import { expect } from '@open-wc/testing';
import type { PnrrSpendingChart } from '../src/chart/spending-chart.js';
import { normalise, until } from './helpers/page.js';

const CDN = '/packages/widgets/dist/cdn/';

/** Loads `src` in an iframe of the test page, sized like a browser window, and resolves with its document. */
async function frame(src: string, width = 900, height = 1200): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.width = String(width);
  iframe.height = String(height);
  iframe.src = src;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  return iframe;
}

/** The embed iframe of a host page and the element it shows, once drawn. */
async function embedOf(host: HTMLIFrameElement, tag = 'pnrr-spending-chart'): Promise<{ embed: HTMLIFrameElement; el: PnrrSpendingChart }> {
  const embed = await until(() => host.contentDocument!.querySelector<HTMLIFrameElement>('iframe[data-pnrr-embed]'), 'the embed iframe');
  const el = await until(() => embed.contentDocument?.querySelector<PnrrSpendingChart>(tag), `the ${tag} in the embed`);
  await until(() => embed.contentWindow!.customElements.get(tag), `${tag} defined`);
  return { embed, el };
}

const contentHeight = (embed: HTMLIFrameElement) => embed.contentDocument!.body.getBoundingClientRect().height;

describe('iframe embed: dist/cdn/embed.html', () => {
  afterEach(() => {
    for (const f of document.querySelectorAll('body > iframe')) f.remove();
  });

  it('with the host script, the iframe takes its content height (within 2 px) once the chart of Prato has drawn', async () => {
    const heights: number[] = [];
    const listen = (event: MessageEvent) => {
      if ((event.data as { type?: string })?.type === 'pnrr-embed:height') heights.push((event.data as { height: number }).height);
    };
    const host = await frame('/packages/widgets/test/embed-host/with-script.html');
    host.contentWindow!.addEventListener('message', listen);
    const { embed, el } = await embedOf(host);
    expect(await el.settled()).to.equal('ready');
    expect(await el.chartRendered()).to.not.equal(null);
    // The name in the query string was resolved: the title names the comune.
    expect(normalise(el.shadowRoot!.querySelector('[part="title"]')!.textContent!)).to.include('Prato');
    // clientHeight: the iframe's own box, without the border a host page may give it.
    await until(() => Math.abs(embed.clientHeight - contentHeight(embed)) <= 2, 'the iframe to take its content height');
    expect(Math.abs(contentHeight(embed) - 600)).to.be.greaterThan(2);
    expect(embed.clientHeight).to.be.greaterThan(300);
    // The page's message: { type, id, height } with the id of the query string.
    await until(() => heights.length > 0, 'a height message');
    expect(Number.isInteger(heights.at(-1))).to.equal(true);
  });

  it('without the host script, the iframe keeps the fixed height of the snippet (and the page still posts its height)', async () => {
    const host = await frame('/packages/widgets/test/embed-host/without-script.html');
    const posted: unknown[] = [];
    host.contentWindow!.addEventListener('message', (event) => posted.push(event.data));
    const { embed, el } = await embedOf(host);
    expect(await el.settled()).to.equal('ready');
    await el.chartRendered();
    await until(() => posted.length > 0, 'a height message');
    expect(posted[0]).to.have.keys(['type', 'id', 'height']);
    expect((posted[0] as { id: string }).id).to.equal('prato');
    expect(embed.clientHeight).to.equal(600);
    expect(Math.abs(contentHeight(embed) - 600)).to.be.greaterThan(2);
  });

  it('an unknown parameter is reported by name, as text: ?el=chart&foo=<b>x</b>', async () => {
    const page = await frame(`${CDN}embed.html?el=chart&foo=${encodeURIComponent('<b>x</b>')}&${encodeURIComponent('<i>bar</i>')}=1`);
    const doc = page.contentDocument!;
    const box = await until(() => doc.querySelector<HTMLElement>('[role="alert"]'), 'the message');
    expect(box.checkVisibility()).to.equal(true);
    const text = normalise(box.textContent!);
    expect(text).to.include('«foo»: parametro sconosciuto.');
    expect(text).to.include('«<i>bar</i>»: parametro sconosciuto.');
    expect(doc.querySelector('b, i')).to.equal(null);
    // The known part is still applied: the chart is there, without the unknown attribute.
    const chart = doc.querySelector('pnrr-spending-chart')!;
    expect(chart.getAttributeNames()).to.deep.equal([]);
  });

  it('an invalid value is reported with the valid ones and not applied; a missing or unknown el shows no element', async () => {
    const page = await frame(`${CDN}embed.html?el=map&lang=en&metric=euro&per-capita&province=Firenze`);
    const doc = page.contentDocument!;
    const box = await until(() => doc.querySelector<HTMLElement>('[role="alert"]'), 'the message');
    expect(normalise(box.textContent!)).to.include('“metric”: invalid value (valid values: pnrr, total, count, paid, paid-share).');
    const map = doc.querySelector('pnrr-municipality-map')!;
    expect(map.getAttribute('metric')).to.equal(null);
    expect(map.getAttribute('province')).to.equal('Firenze');
    expect(map.hasAttribute('per-capita')).to.equal(true);
    expect(doc.documentElement.lang).to.equal('en');

    const none = await frame(`${CDN}embed.html?el=script&cup=H91J12000770005`);
    const noneBox = await until(() => none.contentDocument!.querySelector<HTMLElement>('[role="alert"]'), 'the message');
    expect(normalise(noneBox.textContent!)).to.include('«el»: valore non valido (valori ammessi: card, chart, map, list).');
    expect(none.contentDocument!.querySelectorAll('main > :not(noscript)')).to.have.length(1);
  });

  it('a card by CUP under the strict CSP of embed.html: no violation while it loads, no inline script or style', async () => {
    const violations: string[] = [];
    const page = await frame(`${CDN}embed.html?el=card&cup=H91J12000770005&compact`);
    page.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const card = await until(() => page.contentDocument!.querySelector('pnrr-project-card'), 'the card');
    await until(() => page.contentWindow!.customElements.get('pnrr-project-card'), 'the card defined');
    expect(await (card as unknown as { settled(): Promise<string> }).settled()).to.equal('ready');
    expect(card.hasAttribute('compact')).to.equal(true);
    const html = await (await fetch(`${CDN}embed.html`)).text();
    expect(html).to.include("script-src 'self'");
    expect(html).to.include('<noscript>');
    expect(/<script(?![^>]*\ssrc=)[^>]*>/.test(html), 'no inline script').to.equal(false);
    expect(/<style|\sstyle=/.test(html), 'no inline style').to.equal(false);
    expect(violations).to.deep.equal([]);
  });

  it('a project list by comune name, with the paid-share sort: ?el=list&comune=Prato&sort=paid-share', async () => {
    const page = await frame(`${CDN}embed.html?el=list&comune=Prato&sort=paid-share&q=${encodeURIComponent('<b>x</b>')}`);
    const list = await until(() => page.contentDocument!.querySelector('pnrr-project-list'), 'the list');
    await until(() => page.contentWindow!.customElements.get('pnrr-project-list'), 'the list defined');
    expect(await (list as unknown as { settled(): Promise<string> }).settled()).to.equal('ready');
    expect(list.getAttribute('comune')).to.equal('Prato');
    expect(list.getAttribute('sort')).to.equal('paid-share');
    // A search with markup characters is refused by embed.html's text rule (and never applied).
    expect(list.hasAttribute('q')).to.equal(false);
    expect(page.contentDocument!.querySelector('b')).to.equal(null);
  });
});
