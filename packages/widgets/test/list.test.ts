/**
 * <pnrr-project-list> (issue #9): real data over real HTTP, real keyboard and
 * pointer input. Expected figures are computed here from the package files
 * (facts.json, lists/*.json), not through the element's code path.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
// The page registers the card too (as the CDN bundle and ./define do): the list opens it in place.
import '../src/card/define.js';
import '../src/list/define.js';
import type { PnrrProjectList, ProjectSelectDetail } from '../src/list/project-list.js';
import type { PnrrProjectCard } from '../src/card/project-card.js';
import { DATA, HOSTILE, axeViolations, hostileProjects, normalise, settled, textOf, uniqueId, until } from './helpers/page.js';
import { parseCsv } from './helpers/csv.js';

const PRATO = '100005';
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

interface Item { cup: string; localCode: string; title: string; bodyName: string; areaPnrrCents: number; places: string[] }
const json = async <T>(path: string): Promise<T> => (await (await fetch(path)).json()) as T;
/** Every item of a list, read without the SDK: the list file, then a paged list's page files 2…pages. */
async function listFile(key: string, base = DATA): Promise<{ items: Item[]; pages: number }> {
  const file = await json<{ items: Item[]; paging?: { pages: number } }>(`${base}lists/${key}.json`);
  const pages = file.paging?.pages ?? 1;
  const items = [...file.items];
  for (let n = 2; n <= pages; n++) items.push(...(await json<{ items: Item[] }>(`${base}lists/${key}/${n}.json`)).items);
  return { items, pages };
}
/** What a test route (`/__test/<route>/<id>/…`) was asked for, as package paths. */
async function requested(route: string, id: string): Promise<string[]> {
  const log = await json<Array<{ route: string; id: string; path: string }>>('/__test/log');
  return log.filter((e) => e.route === route && e.id === id).map((e) => e.path.slice(DATA.length));
}

async function list(template: ReturnType<typeof html>): Promise<PnrrProjectList> {
  const el = await fixture<PnrrProjectList>(template);
  await settled(el);
  return el;
}

/** The centre of an element in the viewport, after scrolling it into view. */
function centre(node: Element): [number, number] {
  node.scrollIntoView({ block: 'center' });
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}
async function click(node: Element): Promise<void> {
  const [x, y] = centre(node);
  await sendMouse({ type: 'click', position: [x, y] });
}

const rowCups = (el: Element) => $$(el, 'tbody tr[part="row"]').map((r) => `${r.dataset.cup}|${r.dataset.localCode}`);
const statusText = (el: Element) => normalise($(el, '[part="status"]')!.textContent!);

/** Captures what a download button saves (the blob the detached <a download> points at). */
async function download(button: HTMLElement): Promise<{ name: string; text: string }> {
  const original = HTMLAnchorElement.prototype.click;
  let saved: { href: string; name: string } | undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    saved = { href: this.href, name: this.download };
  };
  try {
    button.click();
    await until(() => saved, 'the download');
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  // ignoreBOM: keep the BOM in the text, to check it is there.
  return { name: saved!.name, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(saved!.href)).arrayBuffer()) };
}

describe('<pnrr-project-list>', () => {
  after(() => resetMouse());

  it('heading: Prato, its project count and PNRR sum as the fact table has them', async () => {
    // Independent of the list files: facts.json sums the PNRR attributed to the comune by sub-measure.
    const facts = await json<{ amounts: Record<string, Array<[number, number, number, number]>> }>(`${DATA}facts.json`);
    const rows = facts.amounts[PRATO]!;
    const pnrrCents = rows.reduce((s, r) => s + r[1], 0);
    const projects = rows.reduce((s, r) => s + r[3], 0); // a project has one sub-measure: counts add up
    expect(projects).to.equal(90); // the issue's figure
    const el = await list(html`<pnrr-project-list comune="Prato" src=${DATA}></pnrr-project-list>`);
    expect(el.state).to.equal('ready');
    const title = $(el, '[part="title"]')!;
    expect(title.getAttribute('role')).to.equal('heading');
    expect(title.getAttribute('aria-level')).to.equal('2');
    const millions = (pnrrCents / 100 / 1e6).toLocaleString('it-IT', { maximumFractionDigits: 1 });
    expect(normalise(title.textContent!)).to.equal(`Prato: 90 progetti, ${millions} mln € di fondi PNRR`);
    const full = `${Math.round(pnrrCents / 100).toLocaleString('it-IT')} €`;
    expect(normalise($(el, '[part="summary"]')!.textContent!)).to.include(normalise(full));
    // A real table: caption, column headers, 20 rows on page 1 of 5.
    expect(normalise($(el, 'caption')!.textContent!)).to.equal('Progetti PNRR: Prato. Ordinati per finanziamento PNRR attribuito, decrescente. Pagina 1 di 5.');
    expect($$(el, 'thead th[scope="col"]')).to.have.length(6);
    expect($$(el, 'tbody tr[part="row"]')).to.have.length(20);
    expect(statusText(el)).to.equal('Progetti 1–20 di 90. Ordinati per finanziamento PNRR attribuito, decrescente.');
    // Attribution and data date.
    expect(textOf(el)).to.include('Dati al 1 marzo 2023');
    // In English.
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(normalise(title.textContent!)).to.equal(`Prato: 90 projects, €${(pnrrCents / 100 / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1 })}M of PNRR funding`);
  });

  it('pages by keyboard: Enter on "next" shows rows 21–40, focus stays, the last page disables it', async () => {
    const file = await listFile(PRATO);
    const el = await list(html`<pnrr-project-list comune=${PRATO} src=${DATA}></pnrr-project-list>`);
    const byArea = [...file.items].sort((a, b) => b.areaPnrrCents - a.areaPnrrCents || (a.cup < b.cup ? -1 : a.cup > b.cup ? 1 : a.localCode < b.localCode ? -1 : 1));
    expect(rowCups(el)).to.deep.equal(byArea.slice(0, 20).map((i) => `${i.cup}|${i.localCode}`));
    const next = $(el, '[part~="next"]')!;
    next.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(statusText(el)).to.match(/^Progetti 21–40 di 90\./);
    expect(rowCups(el)).to.deep.equal(byArea.slice(20, 40).map((i) => `${i.cup}|${i.localCode}`));
    expect(el.shadowRoot!.activeElement).to.equal(next);
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Space' });
    await settled(el);
    expect(statusText(el)).to.match(/^Progetti 81–90 di 90\./);
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement, 'focus is not lost on the last page').to.equal(next);
    expect(normalise($(el, '.page-of')!.textContent!)).to.equal('Pagina 5 di 5');
    // Shift+Tab reaches "previous", which goes back one page.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="previous"]'));
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(statusText(el)).to.match(/^Progetti 61–80 di 90\./);
  });

  it('searches case- and accent-insensitively as the user types: "citta" finds "Città"', async () => {
    const file = await listFile('048019');
    const expected = file.items.filter((i) => fold(`${i.title}\n${i.cup}\n${i.localCode}\n${i.bodyName}`).includes('citta'));
    expect(expected.some((i) => i.title.includes('Città'))).to.equal(true);
    const el = await list(html`<pnrr-project-list comune="048019" src=${DATA}></pnrr-project-list>`);
    await click($(el, '[part="search"]')!);
    await sendKeys({ type: 'citta' });
    await until(() => rowCups(el).length === expected.length && statusText(el).includes('citta'), 'the search result');
    expect(new Set(rowCups(el))).to.deep.equal(new Set(expected.map((i) => `${i.cup}|${i.localCode}`)));
    expect(statusText(el)).to.include(`${expected.length} progetti per «citta»`);
    expect(el.q).to.equal('citta');
    // Nothing matches: said in the status line, not the empty state of the element.
    await sendKeys({ type: 'zzzq' });
    await until(() => rowCups(el).length === 0, 'no rows');
    expect(statusText(el)).to.equal('Nessun progetto corrisponde a «cittazzzq».');
    expect(el.state).to.equal('ready');
  });

  it('sorts by a header button, announced through aria-sort', async () => {
    const el = await list(html`<pnrr-project-list comune=${PRATO} src=${DATA}></pnrr-project-list>`);
    const th = (sort: string) => $(el, `button[data-sort="${sort}"]`)!.closest('th')!;
    expect(th('pnrr').getAttribute('aria-sort')).to.equal('descending');
    expect(th('title').hasAttribute('aria-sort')).to.equal(false);
    await click($(el, 'button[data-sort="title"]')!);
    await until(() => th('title').getAttribute('aria-sort') === 'ascending', 'sorted by title');
    await settled(el);
    expect(th('pnrr').hasAttribute('aria-sort')).to.equal(false);
    const collator = new Intl.Collator('it', { sensitivity: 'base', numeric: true });
    const titles = $$(el, 'tbody tr[part="row"] th [part~="open"]').map((b) => b.textContent!.trim());
    expect(titles).to.deep.equal([...titles].sort((a, b) => collator.compare(a, b)));
    // Again: descending.
    await click($(el, 'button[data-sort="title"]')!);
    await until(() => th('title').getAttribute('aria-sort') === 'descending', 'title descending');
    // Paid share: descending, projects without payment data last.
    await click($(el, 'button[data-sort="paid-share"]')!);
    await until(() => th('paid-share').getAttribute('aria-sort') === 'descending', 'sorted by paid share');
    await settled(el);
    const shares = $$(el, 'tbody tr[part="row"] td:last-child').map((td) => td.dataset.value!);
    const numbers = shares.filter((s) => s !== '').map(Number);
    expect(numbers).to.deep.equal([...numbers].sort((a, b) => b - a));
    expect(normalise($(el, 'caption')!.textContent!)).to.include('Ordinati per quota pagata, decrescente');
  });

  it('a row opens the card in place, fires pnrr-project-select, and closes again', async () => {
    const events: ProjectSelectDetail[] = [];
    const el = await list(html`<pnrr-project-list comune=${PRATO} src=${DATA} @pnrr-project-select=${(e: CustomEvent<ProjectSelectDetail>) => events.push(e.detail)}></pnrr-project-list>`);
    const row = $$(el, 'tbody tr[part="row"]')[1]!;
    const open = row.querySelector<HTMLButtonElement>('[part~="open"]')!;
    expect(open.getAttribute('aria-expanded')).to.equal('false');
    await click(open);
    const card = await until(() => $<PnrrProjectCard>(el, '[part="card-row"] pnrr-project-card'), 'the card');
    // The card's definition is imported when a first card opens.
    await until(() => customElements.get('pnrr-project-card'), 'the card element registered');
    expect(open.getAttribute('aria-expanded')).to.equal('true');
    expect(card.cup).to.equal(row.dataset.cup);
    expect(card.localCode).to.equal(row.dataset.localCode);
    expect(events).to.deep.equal([{ cup: row.dataset.cup, localCode: row.dataset.localCode, title: open.textContent!.trim() }]);
    expect(await card.settled()).to.equal('ready');
    expect(normalise($(card, '[part="title"]')!.textContent!)).to.equal(normalise(open.textContent!));
    expect($(card, '[part="title"]')!.getAttribute('aria-level')).to.equal('3');
    // The card row follows its project's row.
    expect(row.nextElementSibling!.getAttribute('part')).to.equal('card-row');
    await click(open);
    await until(() => !$(el, '[part="card-row"]'), 'the card closed');
    expect(open.getAttribute('aria-expanded')).to.equal('false');
    // A page that cancels the event keeps the card closed.
    el.addEventListener('pnrr-project-select', (e) => e.preventDefault());
    await click(open);
    await el.updateComplete;
    expect($(el, '[part="card-row"]')).to.equal(null);
    expect(events).to.have.length(3);
  });

  it('card-href makes each title a link to the project page, CUP and local code URL-encoded', async () => {
    const el = await list(html`<pnrr-project-list comune=${PRATO} src=${DATA} card-href="/progetti/{cup}?codice={localCode}"></pnrr-project-list>`);
    // Prato's local codes carry a slash ("C35B22000140005/1"): encoded, it cannot change the path.
    await click($(el, 'button[data-sort="title"]')!);
    await settled(el);
    const rows = $$(el, 'tbody tr[part="row"]');
    const slashed = rows.find((r) => r.dataset.localCode!.includes('/')) ?? rows[0]!;
    const link = slashed.querySelector<HTMLAnchorElement>('a[part~="open"]')!;
    expect(link.getAttribute('href')).to.equal(`/progetti/${encodeURIComponent(slashed.dataset.cup!)}?codice=${encodeURIComponent(slashed.dataset.localCode!)}`);
    expect($(el, 'button[part~="open"]')).to.equal(null);
    let selected: ProjectSelectDetail | undefined;
    el.addEventListener('pnrr-project-select', (e) => {
      selected = e.detail;
      e.preventDefault(); // the test page stays where it is
    });
    await click(link);
    expect(selected?.cup).to.equal(slashed.dataset.cup);
    expect(location.pathname).to.not.include('/progetti/');
  });

  it('downloads the whole filtered list as CSV, not just one page', async () => {
    const file = await listFile('048017');
    const expected = file.items.filter((i) => fold(`${i.title}\n${i.cup}\n${i.localCode}\n${i.bodyName}`).includes('universit'));
    expect(expected.length).to.be.greaterThan(20);
    const el = await list(html`<pnrr-project-list comune="Firenze" q="Universit" src=${DATA}></pnrr-project-list>`);
    expect(rowCups(el)).to.have.length(20);
    const { name, text } = await download($(el, '[part~="download-csv"]')!);
    expect(name).to.equal('progetti-pnrr-firenze-universit.csv');
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header![0]).to.equal('CUP');
    expect(header).to.include('Finanziamento PNRR attribuito a Firenze (euro)');
    expect(rows).to.have.length(expected.length);
    expect(new Set(rows.map((r) => `${r[0]}|${r[1]}`))).to.deep.equal(new Set(expected.map((i) => `${i.cup}|${i.localCode}`)));
    // Amounts in euros, as numbers: the area's share of the first row.
    const first = expected.find((i) => i.cup === rows[0]![0] && i.localCode === rows[0]![1])!;
    expect(Number(rows[0]![header!.indexOf('Finanziamento PNRR attribuito a Firenze (euro)')])).to.equal(first.areaPnrrCents / 100);
  });

  it('shows the empty state for a filter that matches nothing, under its heading', async () => {
    const el = await list(html`<pnrr-project-list comune=${PRATO} body="00000000000" src=${DATA}></pnrr-project-list>`);
    expect(el.state).to.equal('empty');
    expect(normalise($(el, '[part="title"]')!.textContent!)).to.match(/^Prato: 0 progetti/);
    expect(textOf(el)).to.include('Nessun progetto PNRR per questa selezione.');
  });

  it('names an unknown comune with the closest names; a network error offers a retry that works', async () => {
    const bad = await list(html`<pnrr-project-list comune="Pratto" src=${DATA}></pnrr-project-list>`);
    expect(bad.state).to.equal('error');
    expect(textOf(bad)).to.include('Prato (100005)');
    const id = uniqueId();
    const el = await list(html`<pnrr-project-list comune=${PRATO} src=${`/__test/flaky/${id}${DATA}`}></pnrr-project-list>`);
    expect(el.state).to.equal('error');
    const retry = $(el, '[part="retry"]')!;
    await fetch(`/__test/flaky-up/${id}`, { cache: 'no-store' });
    await click(retry);
    await until(() => el.state === 'ready', 'ready after retry');
    await settled(el);
    expect(rowCups(el)).to.have.length(20);
  });

  describe('a paged list (Firenze: its first 200 projects in the list file, the rest in a page file)', () => {
    it('the first screen reads the list file alone; the CSV download reads the rest and has every row', async () => {
      const all = await listFile('048017');
      expect(all.pages, 'Firenze is paged').to.be.greaterThan(1);
      const id = uniqueId();
      const el = await list(html`<pnrr-project-list comune="048017" src=${`/__test/list-pages-count/${id}${DATA}`}></pnrr-project-list>`);
      expect(normalise($(el, '[part="title"]')!.textContent!)).to.match(new RegExp(`^Firenze: ${all.items.length} progetti`));
      expect(statusText(el)).to.equal(`Progetti 1–20 di ${all.items.length}. Ordinati per finanziamento PNRR attribuito, decrescente.`);
      expect((await requested('list-pages-count', id)).filter((p) => p.startsWith('lists/'))).to.deep.equal(['lists/048017.json']);
      const button = $(el, '[part~="download-csv"]')!;
      expect(normalise(button.textContent!)).to.equal(`Scarica i dati (CSV, ${all.items.length} progetti)`);
      const { text } = await download(button);
      const [, ...rows] = parseCsv(text.slice(1));
      expect(rows).to.have.length(all.items.length);
      expect(new Set(rows.map((r) => `${r[0]}|${r[1]}`))).to.deep.equal(new Set(all.items.map((i) => `${i.cup}|${i.localCode}`)));
      const pages = Array.from({ length: all.pages - 1 }, (_, i) => `lists/048017/${i + 2}.json`);
      expect((await requested('list-pages-count', id)).filter((p) => p.startsWith('lists/')).sort()).to.deep.equal(['lists/048017.json', ...pages].sort());
    });

    it('the region sorted by title: every project in the CSV, in the order of the table', async () => {
      const manifest = await json<{ region: { code: string } }>(`${DATA}manifest.json`);
      const provenance = await json<{ totals: { projects: number } }>(`${DATA}provenance.json`);
      const all = await listFile(manifest.region.code);
      expect(all.items).to.have.length(provenance.totals.projects);
      const id = uniqueId();
      const el = await list(html`<pnrr-project-list sort="title" src=${`/__test/list-pages-count/${id}${DATA}`}></pnrr-project-list>`);
      // The thousands separator of the element's Italian numbers left out.
      expect(statusText(el).replace(/(\d)\.(\d)/g, '$1$2')).to.match(new RegExp(`^Progetti 1–20 di ${provenance.totals.projects}\\.`));
      const button = $(el, '[part~="download-csv"]')!;
      const rows = parseCsv((await download(button)).text.slice(1)).slice(1);
      expect(rows).to.have.length(provenance.totals.projects);
      expect(rows.slice(0, 20).map((r) => `${r[0]}|${r[1]}`)).to.deep.equal(rowCups(el));
      expect(new Set(rows.map((r) => `${r[0]}|${r[1]}`))).to.deep.equal(new Set(all.items.map((i) => `${i.cup}|${i.localCode}`)));
      // Sorting by title read every page, each once.
      const lists = (await requested('list-pages-count', id)).filter((p) => p.startsWith('lists/'));
      expect(lists).to.have.length(all.pages);
      expect(new Set(lists).size).to.equal(all.pages);
    });

    it('a download that waits for pages: the button says so and is busy, then the CSV comes', async () => {
      const all = await listFile('048017');
      const id = uniqueId();
      const el = await list(html`<pnrr-project-list comune="048017" src=${`/__test/list-pages-slow/${id}${DATA}`}></pnrr-project-list>`);
      const button = $(el, '[part~="download-csv"]')!;
      const saved = download(button);
      await until(() => button.getAttribute('aria-busy') === 'true', 'the busy button');
      expect(normalise(button.textContent!)).to.equal('Preparazione del file CSV…');
      expect(normalise($(el, '.controls [role="status"]')!.textContent!)).to.equal('Preparazione del file CSV: lettura di tutti i progetti dell’elenco.');
      await click(button); // a second click while busy starts no second download
      const rows = parseCsv((await saved).text.slice(1)).slice(1);
      expect(rows).to.have.length(all.items.length);
      await el.updateComplete;
      expect(button.getAttribute('aria-busy')).to.equal('false');
      expect(normalise(button.textContent!)).to.equal(`Scarica i dati (CSV, ${all.items.length} progetti)`);
      expect(normalise($(el, '.controls [role="status"]')!.textContent!)).to.match(/^File progetti-pnrr-firenze\.csv scaricato\.$/);
    });

    it('a missing page file: a search shows the error and a retry under the search box; the retry works', async () => {
      const all = await listFile('048017');
      const expected = all.items.filter((i) => fold(`${i.title}\n${i.cup}\n${i.localCode}\n${i.bodyName}`).includes('scuola'));
      expect(expected.length).to.be.greaterThan(0);
      const id = uniqueId();
      const errors: unknown[] = [];
      const el = await list(html`<pnrr-project-list comune="048017" src=${`/__test/list-pages-404/${id}${DATA}`} @pnrr-error=${(e: CustomEvent) => errors.push(e.detail.error)}></pnrr-project-list>`);
      expect(rowCups(el)).to.have.length(20);
      await click($(el, '[part="search"]')!);
      await sendKeys({ type: 'scuola' });
      const retry = await until(() => $(el, '.list [part="retry"]'), 'the retry button');
      expect(el.state, 'the heading and the search box stay').to.equal('ready');
      expect(textOf(el)).to.include('Non è stato possibile leggere questa parte dell’elenco.');
      expect(errors.length).to.be.greaterThan(0);
      expect($(el, '[part="search"]')).to.not.equal(null);
      await fetch(`/__test/flaky-up/${id}`, { cache: 'no-store' });
      await click(retry);
      await until(() => rowCups(el).length === Math.min(20, expected.length) && statusText(el).includes('scuola'), 'the search result');
      expect(statusText(el)).to.match(new RegExp(`^Progetti 1–${Math.min(20, expected.length)} di ${expected.length} `));
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe-core violations (${theme}, with a card open)`, async () => {
      const el = await list(html`<pnrr-project-list comune=${PRATO} src=${DATA} theme=${theme}></pnrr-project-list>`);
      await click($$(el, '[part~="open"]')[0]!);
      const card = await until(() => $<PnrrProjectCard>(el, 'pnrr-project-card'), 'the card');
      await until(() => customElements.get('pnrr-project-card'), 'the card element');
      await card.settled();
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }

  describe('hostile strings at 320 px', () => {
    before(() => setViewport({ width: 320, height: 800 }));
    after(() => setViewport({ width: 800, height: 600 }));

    it('HTML, bidi and 10,000-character titles stay text and inside the list; the CSV neutralises formulas', async () => {
      const projects = await hostileProjects();
      // Every comune holding a hostile project: titles with HTML, U+202E, 10,000 characters, formulas.
      for (const comune of new Set(projects.map((p) => p.comune))) {
        const box = await fixture<HTMLElement>(html`<div style="inline-size: 100%; max-inline-size: 320px"><pnrr-project-list src=${HOSTILE} comune=${comune}></pnrr-project-list></div>`);
        const el = box.firstElementChild as PnrrProjectList;
        expect(await el.settled()).to.equal('ready');
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        expect($$(el, 'img, script, iframe, object, embed').length, 'nothing from the data became an element').to.equal(0);
        expect((window as unknown as Record<string, unknown>).__pnrrHostile).to.equal(undefined);
        expect(el.getBoundingClientRect().width).to.be.at.most(320.5);
        expect(document.scrollingElement!.scrollWidth, 'the page does not scroll sideways').to.be.at.most(window.innerWidth);
        expect(el.getBoundingClientRect().height, 'long titles are clamped').to.be.at.most(9000);
        const file = await listFile(comune, HOSTILE);
        const { text } = await download($(el, '[part~="download-csv"]')!);
        const rows = parseCsv(text.slice(1)).slice(1);
        expect(rows).to.have.length(file.items.length);
        for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), `cell ${cell.slice(0, 40)}`).to.equal(false);
        for (const item of file.items.filter((i) => /^[=+\-@]/.test(i.title))) expect(rows.some((r) => r[2] === `'${item.title}`), item.title).to.equal(true);
        box.remove();
      }
      expect(projects.some((p) => p.title.startsWith('='))).to.equal(true);
    });
  });

  it('region="liguria": the rows come from the Ligurian package too (Genova), not only the heading', async () => {
    const el = await fixture<PnrrProjectList>(html`<pnrr-project-list region="liguria" comune="010025"></pnrr-project-list>`);
    expect(await el.settled()).to.equal('ready');
    const list = (await (await fetch('/packages/sdk/data/liguria/lists/010025.json')).json()) as { items: Array<{ cup: string; localCode: string }> };
    const genova = new Set(list.items.map((i) => `${i.cup}|${i.localCode}`));
    const rows = rowCups(el);
    expect(rows).to.have.length(Math.min(20, list.items.length));
    expect(rows.filter((r) => !genova.has(r))).to.deep.equal([]);
  });
});

