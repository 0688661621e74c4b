import { expect, fixture, html } from '@open-wc/testing';
import { createClient, type ProjectResult } from '@pnrr-toscana/sdk';
// Every element is registered (as a page using the package's ./define would), yet a card-only page loads no vega.
import '../src/define.js';
import { PnrrProjectCard } from '../src/card/project-card.js';
import { define } from '../src/base/define.js';
import { DATA, axeViolations, normalise, serverLog, settled, textOf, uniqueId, until } from './helpers/page.js';

const TRAM = 'H91J12000770005'; // Firenze tramway line 4.2, M2C2I4.2: 222.485.840 € PNRR (data README / issue 3)
const SHARED = 'B65F21001810001'; // two local projects share this CUP
const MIXED = 'I97I21000010002'; // PNRR + comune + privato

const sdk = createClient({ baseUrl: new URL(DATA, location.href) });

async function card(template: ReturnType<typeof html>): Promise<PnrrProjectCard> {
  const el = await fixture<PnrrProjectCard>(template);
  await settled(el);
  return el;
}

describe('<pnrr-project-card>', () => {
  it('shows the title and the PNRR funding of H91J12000770005, as read through the SDK', async () => {
    const expected: ProjectResult = await sdk.project(TRAM);
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    expect(el.state).to.equal('ready');
    const text = textOf(el);
    const title = el.shadowRoot!.querySelector('[part="title"]')!;
    expect(title.getAttribute('role')).to.equal('heading');
    expect(title.getAttribute('aria-level')).to.equal('3');
    expect(normalise(title.textContent!)).to.equal(normalise(expected.title));
    const amount = normalise(el.shadowRoot!.querySelector('[part="amount"] .value')!.textContent!);
    // The literal of the issue, and the SDK's own value formatted to whole euros.
    expect(amount).to.equal('222.485.840 €');
    expect(amount).to.equal(`${Math.round(expected.funding.pnrrCents / 100).toLocaleString('it-IT', { useGrouping: true })} €`.replace(/\u00a0/g, ' '));
    expect(text).to.include(TRAM);
    expect(text).to.include('Rivoluzione verde e transizione ecologica');
    expect(text).to.include(expected.measure.name);
    expect(text).to.include('COMUNE DI FIRENZE');
    expect(text).to.include('Campi Bisenzio');
    expect(text).to.include('Firenze (quota attribuita 50%)');
    // Financed is not paid: both are labelled, with the payments' date.
    expect(text).to.include('Finanziato e pagato al 31 marzo 2025');
    expect(text).to.include('4.648.873 €');
    // Data date and attribution from the manifest.
    const manifest = await sdk.manifest();
    expect(text).to.include(manifest.attribution.data);
    expect(text).to.include('Dati al 1 marzo 2023');
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.href);
    expect(links).to.include(`https://www.opencup.gov.it/portale/web/opencup/home/progetto/-/cup/${TRAM}`);
    expect(links).to.include(manifest.licence.url);
  });

  it('lists the other funding sources in a table that adds up to the total', async () => {
    const expected = await sdk.project(MIXED);
    const el = await card(html`<pnrr-project-card cup=${MIXED} src=${DATA}></pnrr-project-card>`);
    const cells = (tr: Element) => [...tr.children].map((c) => normalise(c.textContent!)).join(' ');
    const rows = [...el.shadowRoot!.querySelectorAll('[part="sources"] tbody tr')].map(cells);
    expect(rows).to.have.length(1 + Object.keys(expected.funding.sources).length);
    expect(rows[0]).to.match(/^PNRR 389\.200 €/);
    expect(rows).to.include('Comune 39.510 € 8,3%');
    expect(rows.some((r) => r.startsWith('Privato'))).to.equal(true);
    const total = cells(el.shadowRoot!.querySelector('[part="sources"] tfoot tr')!);
    expect(total).to.equal('Totale 477.000 € 100%');
  });

  it('accepts a CUP typed in lower case with spaces around it', async () => {
    const el = await card(html`<pnrr-project-card cup=${`  ${TRAM.toLowerCase()} `} src=${DATA}></pnrr-project-card>`);
    expect(el.state).to.equal('ready');
  });

  it('reads the embedded package when no src is given', async () => {
    const el = await card(html`<pnrr-project-card cup=${TRAM}></pnrr-project-card>`);
    expect(el.state).to.equal('ready');
    expect(textOf(el)).to.include('222.485.840 €');
  });

  it('shows an error naming the problem for a malformed CUP', async () => {
    let fired: unknown;
    const el = await card(html`<pnrr-project-card cup="H91J1200077" src=${DATA} @pnrr-error=${(e: CustomEvent) => (fired = e.detail.error)}></pnrr-project-card>`);
    expect(el.state).to.equal('error');
    const text = textOf(el);
    expect(text).to.include('Valore non valido per CUP: «H91J1200077»');
    expect(text).to.include('15 caratteri');
    // Announced once, politely, by the status region (no assertive role="alert").
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.include('Valore non valido per CUP');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="retry"]'), 'retrying cannot fix a malformed CUP').to.equal(null);
    expect((fired as { code: string }).code).to.equal('invalid-argument');
  });

  it('shows an error when the cup attribute is missing', async () => {
    const el = await card(html`<pnrr-project-card src=${DATA}></pnrr-project-card>`);
    expect(el.state).to.equal('error');
    expect(textOf(el)).to.include('Manca il valore di CUP');
  });

  it('shows the not-found state for a well-formed CUP that is not in the data', async () => {
    const el = await card(html`<pnrr-project-card cup="Z99Z99999999999" src=${DATA} lang="en"></pnrr-project-card>`);
    expect(el.state).to.equal('not-found');
    expect(textOf(el)).to.include('Project with CUP “Z99Z99999999999” was not found in the data.');
    // The manifest was read, so the attribution is still there.
    expect(el.shadowRoot!.querySelector('[part="attribution"]')!.textContent).to.include('Italia Domani');
  });

  it('shows which local project of a shared CUP it is, and local-code selects another', async () => {
    const expected = await sdk.project(SHARED);
    expect(expected.localCodes).to.have.length(2);
    const el = await card(html`<pnrr-project-card cup=${SHARED} src=${DATA}></pnrr-project-card>`);
    expect(textOf(el)).to.include(`Progetto locale 1 di 2 con questo CUP (codice locale ${expected.localCodes[0]})`);
    el.setAttribute('local-code', expected.localCodes[1]!);
    await settled(el);
    expect(textOf(el)).to.include(`Progetto locale 2 di 2 con questo CUP (codice locale ${expected.localCodes[1]})`);
    const second = await sdk.project(SHARED, { localCode: expected.localCodes[1]! });
    expect(normalise(el.shadowRoot!.querySelector('[part="amount"] .value')!.textContent!)).to.equal(
      `${(second.funding.pnrrCents / 100).toLocaleString('it-IT', { maximumFractionDigits: 0, useGrouping: true })} €`.replace(/\u00a0/g, ' '),
    );
  });

  it('re-renders when the cup attribute changes', async () => {
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    const other = await sdk.project(MIXED);
    el.setAttribute('cup', MIXED);
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    await settled(el);
    expect(normalise(el.shadowRoot!.querySelector('[part="title"]')!.textContent!)).to.equal(normalise(other.title));
    expect(textOf(el)).not.to.include(TRAM);
  });

  it('fires pnrr-load, bubbling and composed, once the project is shown', async () => {
    const seen: Array<{ event: CustomEvent; target: EventTarget | undefined }> = [];
    const listener = (e: Event) => seen.push({ event: e as CustomEvent, target: e.composedPath()[0] });
    document.addEventListener('pnrr-load', listener);
    try {
      const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
      await until(() => seen.length > 0, 'pnrr-load');
      expect(seen[0]!.event.bubbles && seen[0]!.event.composed).to.equal(true);
      expect(seen[0]!.target === el, 'dispatched by the card').to.equal(true);
      expect(seen[0]!.event.detail.referenceDate).to.equal('2023-03-01');
    } finally {
      document.removeEventListener('pnrr-load', listener);
    }
  });

  it('compact card keeps title, amount and links but not the tables', async () => {
    const el = await card(html`<pnrr-project-card compact cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    expect(textOf(el)).to.include('222.485.840 €');
    expect(el.shadowRoot!.querySelector('[part="sources"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="links"] a')).not.to.equal(null);
  });

  it('heading-level sets the level of the title and of the sub-headings', async () => {
    const el = await card(html`<pnrr-project-card heading-level="2" cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    expect(el.shadowRoot!.querySelector('[part="title"]')!.getAttribute('aria-level')).to.equal('2');
    const subs = [...el.shadowRoot!.querySelectorAll('[part="subtitle"]')].map((h) => h.getAttribute('aria-level'));
    // Funding, Payments, Chi realizza, Obiettivi.
    expect(subs).to.deep.equal(['3', '3', '3', '3']);
  });

  it('fits a 260 px wide column: the tables scroll inside focusable regions instead of overflowing the card', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 260px; font: 16px/1.5 sans-serif"><pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card></div>`,
    );
    const el = wrapper.querySelector('pnrr-project-card')!;
    await settled(el);
    const article = el.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(260);
    expect(article.scrollWidth, 'no horizontal overflow of the card').to.be.at.most(article.clientWidth + 1);
    const regions = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.table-scroll')];
    expect(regions.map((r) => r.querySelector('table')?.getAttribute('part'))).to.deep.equal(['sources', 'payments']);
    for (const region of regions) {
      expect(region.getAttribute('role')).to.equal('region');
      expect(region.getAttribute('tabindex')).to.equal('0');
      expect(region.getAttribute('aria-label')).to.not.equal('');
      expect(region.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 1);
    }
  });

  it('renders data as text, never as markup', async () => {
    const el = await card(html`<pnrr-project-card cup="<img src=x onerror=alert(1)>" src=${DATA}></pnrr-project-card>`);
    expect(el.state).to.equal('error');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(textOf(el)).to.include('<img src=x onerror=alert(1)>'.toUpperCase());
  });

  it('define() tolerates a second registration and warns when the class differs', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      expect(() => define('pnrr-project-card', PnrrProjectCard)).not.to.throw();
      expect(warnings).to.have.length(0);
      expect(() => define('pnrr-project-card', class extends PnrrProjectCard {})).not.to.throw();
      expect(warnings).to.have.length(1);
      expect(customElements.get('pnrr-project-card') === PnrrProjectCard).to.equal(true);
    } finally {
      console.warn = original;
    }
  });
});

describe('<pnrr-project-card> loading and failures over HTTP', () => {
  it('reserves its final size while loading', async () => {
    const id = uniqueId();
    const el = await fixture<PnrrProjectCard>(html`<pnrr-project-card cup=${TRAM} src=${`/__test/slow/${id}${DATA}`}></pnrr-project-card>`);
    expect(el.state).to.equal('loading');
    const frame = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(frame.getAttribute('aria-busy')).to.equal('true');
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(el.getBoundingClientRect().height).to.be.at.least(26 * rem - 1);
    expect(textOf(el)).to.include('Caricamento');
    el.remove();
  });

  it('aborts its request when removed mid-load, and loads again when put back', async () => {
    const id = uniqueId();
    const loads: Event[] = [];
    const el = await fixture<PnrrProjectCard>(
      html`<pnrr-project-card cup=${TRAM} src=${`/__test/slow/${id}${DATA}`} @pnrr-load=${(e: Event) => loads.push(e)}></pnrr-project-card>`,
    );
    await until(async () => (await serverLog(id)).some((e) => e.outcome === 'waiting'), 'the request to reach the server');
    const parent = el.parentElement!;
    el.remove();
    const log = await until(async () => {
      const entries = await serverLog(id);
      return entries.every((e) => e.outcome !== 'waiting') ? entries : null;
    }, 'the server to see the request end');
    expect(log.map((e) => e.outcome), 'the browser gave up the request').to.deep.equal(['aborted']);
    expect(loads).to.have.length(0);
    parent.append(el);
    expect(await settled(el)).to.equal('ready');
    expect(textOf(el)).to.include('222.485.840 €');
  });

  it('shows a network error with a retry button that works once the server answers', async () => {
    const id = uniqueId();
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${`/__test/flaky/${id}${DATA}`}></pnrr-project-card>`);
    expect(el.state).to.equal('error');
    expect(textOf(el)).to.include('Impossibile leggere i dati PNRR');
    expect(textOf(el)).to.include('HTTP 503');
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!;
    expect(retry.textContent).to.equal('Riprova');
    await fetch(`/__test/flaky-up/${id}`, { cache: 'no-store' });
    retry.click();
    expect(await settled(el)).to.equal('ready');
    expect(textOf(el)).to.include('222.485.840 €');
  });

  it('requests only same-origin data files: no vega, no third party', async () => {
    const before = new Set(performance.getEntriesByType('resource').map((e) => e.name));
    await card(html`<pnrr-project-card cup=${MIXED} src=${DATA}></pnrr-project-card>`);
    const after = performance.getEntriesByType('resource').map((e) => e.name);
    const all = after.map((n) => new URL(n));
    expect(all.filter((u) => u.origin !== location.origin).map((u) => u.href)).to.deep.equal([]);
    // The vega libraries themselves (our own src/vega/ wrappers are small and import them lazily).
    expect(after.filter((n) => /node_modules\/(\.pnpm\/)?vega/.test(n))).to.deep.equal([]);
    const fresh = after.filter((n) => !before.has(n) && n.includes(DATA)).map((n) => new URL(n).pathname.slice(DATA.length));
    expect(fresh.every((p) => p === 'manifest.json' || /^projects\/[0-9a-f]{2}\.json$/.test(p)), fresh.join(', ')).to.equal(true);
    expect(document.cookie).to.equal('');
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });
});

describe('<pnrr-project-card> language and accessibility', () => {
  it('speaks the nearest lang of the page, crossing shadow roots; own lang wins; unknown languages fall back to it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card></div>`);
    const inherited = wrapper.querySelector('pnrr-project-card')!;
    await settled(inherited);
    expect(textOf(inherited)).to.include('PNRR funding');

    const host = await fixture<HTMLDivElement>(html`<div lang="en-GB"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('pnrr-project-card');
    inner.setAttribute('cup', TRAM);
    inner.setAttribute('src', DATA);
    root.append(inner);
    await settled(inner);
    expect(textOf(inner)).to.include('PNRR funding');
    expect(textOf(inner)).to.include('€222,485,840');

    inner.setAttribute('lang', 'it');
    await inner.updateComplete;
    expect(textOf(inner)).to.include('Finanziamento PNRR');

    const fr = await fixture<HTMLDivElement>(html`<div lang="fr"><pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card></div>`);
    const french = fr.querySelector('pnrr-project-card')!;
    await settled(french);
    expect(textOf(french)).to.include('Finanziamento PNRR');

    // A site's language switcher rewriting an ancestor's lang.
    wrapper.setAttribute('lang', 'it');
    await until(() => textOf(inherited).includes('Finanziamento PNRR'), 'the card to switch to Italian');
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['it', 'en'] as const) {
      it(`has no axe-core violations (${theme}, ${lang})`, async () => {
        const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} theme=${theme} lang=${lang}></pnrr-project-card>`);
        expect(await axeViolations(el)).to.deep.equal([]);
        const error = await card(html`<pnrr-project-card cup="BAD" src=${DATA} theme=${theme} lang=${lang}></pnrr-project-card>`);
        expect(await axeViolations(error)).to.deep.equal([]);
        const shared = await card(html`<pnrr-project-card cup=${MIXED} src=${DATA} theme=${theme} lang=${lang}></pnrr-project-card>`);
        expect(await axeViolations(shared)).to.deep.equal([]);
      });
    }
  }

  it('theme="dark" switches to the dark palette, and --pnrr-* properties override it', async () => {
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} theme="dark"></pnrr-project-card>`);
    const frame = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(getComputedStyle(frame).backgroundColor).to.equal('rgb(26, 26, 26)');
    el.style.setProperty('--pnrr-dark-color-background', 'rgb(0, 0, 80)');
    expect(getComputedStyle(frame).backgroundColor).to.equal('rgb(0, 0, 80)');
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    expect(getComputedStyle(frame).backgroundColor).to.equal('rgb(255, 255, 255)');
  });
});
