/**
 * Issue 10 in the card: who carries the project out ("Chi realizza"), what it must achieve
 * ("Obiettivi"), paid of financed, the note on the two data dates, and the `monitor-href` link —
 * on the real tram card (H91J12000770005) and on the hostile package at 320 px.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { createClient } from '@pnrr-toscana/sdk';
import '../src/card/define.js';
import type { PnrrProjectCard } from '../src/card/project-card.js';
import { anacCigUrl, monitorUrl } from '../src/card/monitor-blocks.js';
import { DATA, HOSTILE, axeViolations, hostileProjects, normalise, serverLog, settled, textOf, uniqueId, until } from './helpers/page.js';

const TRAM = 'H91J12000770005';
const MANY_TENDERS = 'H92E22000070008'; // 246 tenders in the 2025 awardee file
const sdk = createClient({ baseUrl: new URL(DATA, location.href) });
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

async function card(template: ReturnType<typeof html>): Promise<PnrrProjectCard> {
  const el = await fixture<PnrrProjectCard>(template);
  await settled(el);
  return el;
}

describe('<pnrr-project-card>: awardees, targets, payments and the monitoring link', () => {
  before(() => setViewport({ width: 1024, height: 900 }));

  it('the tram card shows its tender with the CIG linked to ANAC and the five members of the grouping with their roles', async () => {
    const expected = await sdk.project(TRAM);
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    const block = $(el, '[part="awardees"]')!;
    const text = normalise(block.textContent!);
    expect(text).to.include('Chi realizza');
    // The names and roles as the 2025 CSV writes them (aggiudicatari_gare_toscana.csv; the Node test compares all rows with the CSV).
    expect(text).to.include("PAVIMENTAL - SOCIETA' PER AZIONI (MANDANTE, Società per azioni)");
    expect(text).to.include('CMB Cooperativa Muratori e Brasccianti di Carpi Sooc. Coop. (MANDATARIA');
    const names = $$(el, '[part="awardees"] .awardees li').map((li) => normalise(li.textContent!));
    expect(names).to.have.length(5);
    for (const a of expected.tenders![0]!.awardees) expect(names.some((n) => n.startsWith(a.name))).to.equal(true, a.name);
    const link = block.querySelector('a')!;
    expect(link.href).to.equal('https://dati.anticorruzione.it/superset/dashboard/dettaglio_cig/?cig=9524700F13');
    expect(normalise(link.textContent!)).to.equal('CIG 9524700F13 su ANAC');
    expect(text).to.include('LAVORI · PROCEDURA RISTRETTA');
    expect(text).to.include('Gare e aggiudicatari al 31 marzo 2025');
  });

  it('the tram card shows its target: 0 of 5.4 km of tramway built, in text, the bar only decorative', async () => {
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    const block = $(el, '[part="targets"]')!;
    const text = normalise(block.textContent!);
    expect(text).to.include('Obiettivi');
    expect(text).to.include('KM DI INFRASTRUTTURA TRANVIARIA COSTRUITI');
    expect(text).to.include('realizzato 0 su 5,4 Chilometri (0%)');
    const bar = block.querySelector('progress.bar') as HTMLProgressElement;
    expect(bar.getAttribute('aria-hidden')).to.equal('true');
    expect(bar.value).to.equal(0);
    expect(bar.hasAttribute('style'), 'no style attribute (strict CSP)').to.equal(false);
    const en = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} lang="en"></pnrr-project-card>`);
    expect(normalise($(en, '[part="targets"]')!.textContent!)).to.include('achieved 0 of 5.4 Chilometri (0%)');
  });

  it('explains the two totals: the project list of 1 March 2023 and the payments file of 31 March 2025', async () => {
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    const text = textOf(el);
    // The two figures of the issue, each next to its date.
    expect(text).to.include('Finanziamento totale: 222.485.840 €');
    const note = normalise($(el, '[part="vintage"]')!.textContent!);
    expect(note).to.include("il finanziamento totale di 222.485.840 € viene dall'elenco dei progetti al 1 marzo 2023");
    expect(note).to.include('il totale finanziato di 283.445.790 € dal file dei pagamenti al 31 marzo 2025');
    expect(note).to.match(/per questo le due cifre possono differire/);
    const paid = normalise($(el, '[part="paid"]')!.textContent!);
    expect(paid).to.equal('Pagato 4.648.873 € su 283.445.790 € finanziati (1,6%).');
    const en = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} lang="en"></pnrr-project-card>`);
    const noteEn = normalise($(en, '[part="vintage"]')!.textContent!);
    expect(noteEn).to.include('the project list as of 1 March 2023');
    expect(noteEn).to.include('the payments file as of 31 March 2025');
  });

  it('monitor-href: a link with the CUP URL-encoded; none by default; a javascript: template is refused', async () => {
    const none = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    expect($(none, '[part="monitor"]')).to.equal(null);
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} monitor-href="https://example.org/monitor?cup={cup}&local={localCode}"></pnrr-project-card>`);
    const link = $(el, '[part="monitor"] a') as HTMLAnchorElement;
    expect(link.href).to.equal(`https://example.org/monitor?cup=${TRAM}&local=${TRAM}`);
    expect(normalise(link.textContent!)).to.equal('Monitora questo progetto');
    for (const bad of ['javascript:alert(1)//{cup}', ' JavaScript:alert({cup})', 'data:text/html,{cup}', 'http://[::1']) {
      const refused = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} monitor-href=${bad}></pnrr-project-card>`);
      expect($(refused, '[part="monitor"]'), bad).to.equal(null);
      expect($$(refused, 'a').some((a) => !/^https?:/.test((a as HTMLAnchorElement).href)), bad).to.equal(false);
    }
    // The compact card keeps the link.
    const compact = await card(html`<pnrr-project-card compact cup=${TRAM} src=${DATA} monitor-href="/monitor?cup={cup}"></pnrr-project-card>`);
    expect(($(compact, '[part="monitor"] a') as HTMLAnchorElement).href).to.equal(new URL(`/monitor?cup=${TRAM}`, location.href).href);
    expect($(compact, '[part="awardees"]')).to.equal(null);
  });

  it('monitorUrl() and anacCigUrl() encode the values', () => {
    const p = { cup: TRAM, localCode: 'A&b=c/d?#e f' };
    expect(monitorUrl('https://x.example/f?c={cup}&l={localCode}', p)).to.equal(`https://x.example/f?c=${TRAM}&l=A%26b%3Dc%2Fd%3F%23e%20f`);
    expect(monitorUrl('ftp://x.example/{cup}', p)).to.equal(null);
    expect(monitorUrl(undefined, p)).to.equal(null);
    expect(new URL(anacCigUrl('A&B=1/?#x')).searchParams.get('cig')).to.equal('A&B=1/?#x');
  });

  it('a project with 246 tenders shows two and a button; Enter loads and shows all 246, announced, focus on the third', async () => {
    const expected = (await sdk.tenders(MANY_TENDERS))!;
    expect(expected).to.have.length(246);
    const el = await card(html`<pnrr-project-card cup=${MANY_TENDERS} src=${DATA}></pnrr-project-card>`);
    const items = () => $$(el, '[part="awardees"] .tenders > li');
    expect(items()).to.have.length(2);
    const button = $(el, '[part="more-tenders"]') as HTMLButtonElement;
    expect(button.tagName).to.equal('BUTTON');
    expect(normalise(button.textContent!)).to.equal('Mostra tutte le 246 gare');
    const status = $(el, '[part="tenders-status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(normalise(status.textContent!)).to.equal('');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => items().length === 246, 'all 246 tenders shown');
    expect(items().map((li) => li.querySelector('a')?.textContent ?? li.textContent)).to.have.length(246);
    // In the order of client.tenders(), CIG by CIG.
    const cigs = items().map((li) => normalise(li.querySelector('a, span')!.textContent!));
    expect(cigs).to.deep.equal(expected.map((t) => (t.cig ? `CIG ${t.cig} su ANAC` : `Procedura senza CIG (codice ReGiS ${t.pda})`)));
    expect($(el, '[part="more-tenders"]'), 'the button is gone').to.equal(null);
    expect(normalise(status.textContent!)).to.equal('Mostrate tutte le 246 gare.');
    expect(el.shadowRoot!.activeElement, 'focus on the first tender not shown before').to.equal(items()[2]);
  });

  it('a failing tenders file (500, then 404): an error state and the button again; a retry by mouse shows all 246', async () => {
    for (const status of [500, 404]) {
      const id = uniqueId();
      const src = `/__test/tenders-${status}/${id}${DATA}`;
      const el = await card(html`<pnrr-project-card cup=${MANY_TENDERS} src=${src} lang="en"></pnrr-project-card>`);
      const items = () => $$(el, '[part="awardees"] .tenders > li');
      const click = async (selector: string) => {
        const target = $(el, selector)!;
        target.scrollIntoView({ block: 'center' });
        const r = target.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
      };
      await click('[part="more"]'); // expand the card: its lower part is clipped until then
      expect(normalise($(el, '[part="more-tenders"]')!.textContent!)).to.equal('Show all 246 tenders');
      await click('[part="more-tenders"]');
      const text = await until(() => (/could not be loaded/.test($(el, '[part="tenders-status"]')!.textContent!) ? normalise($(el, '[part="tenders-status"]')!.textContent!) : null), `the error state (${status})`, 20000);
      expect(text).to.equal('The other tenders could not be loaded. Try again.');
      expect(items()).to.have.length(2);
      expect(normalise($(el, '[part="more-tenders"]')!.textContent!)).to.equal('Try again to show all 246 tenders');
      expect(await axeViolations(el), 'the error state').to.deep.equal([]);
      expect((await serverLog(id)).some((e) => e.outcome === 'failed' && e.path.includes('/tenders/'))).to.equal(true);
      // The server recovers; the same button tries again.
      await fetch(`/__test/flaky-up/${id}`);
      await click('[part="more-tenders"]');
      await until(() => items().length === 246, `all 246 tenders after the retry (${status})`);
      expect(normalise($(el, '[part="tenders-status"]')!.textContent!)).to.equal('Showing all 246 tenders.');
    }
  });

  it('a project with one tender has no button (the tram)', async () => {
    const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA}></pnrr-project-card>`);
    expect($$(el, '[part="awardees"] .tenders > li')).to.have.length(1);
    expect($(el, '[part="more-tenders"]')).to.equal(null);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`the blocks have no axe-core violations (${theme})`, async () => {
      const el = await card(html`<pnrr-project-card cup=${TRAM} src=${DATA} theme=${theme} monitor-href="https://example.org/m?cup={cup}"></pnrr-project-card>`);
      expect($(el, '[part="awardees"]')).to.not.equal(null);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }
});

describe('<pnrr-project-card>: hostile awardees and indicators at 320 px', () => {
  before(() => setViewport({ width: 320, height: 900 }));
  after(() => setViewport({ width: 1024, height: 900 }));

  it('names are text, bidi-isolated, bounded; the CIG is encoded in the link; the page never scrolls sideways', async () => {
    const projects = await hostileProjects();
    for (const p of projects) {
      const box = await fixture<HTMLElement>(html`<div style="inline-size: 100%; max-inline-size: 320px"><pnrr-project-card src=${HOSTILE} cup=${p.cup}></pnrr-project-card></div>`);
      const el = box.firstElementChild as PnrrProjectCard;
      expect(await el.settled()).to.equal('ready');
      expect((window as unknown as Record<string, unknown>)['__pnrrHostile'], 'a script from the data ran').to.equal(undefined);
      expect($$(el, 'img, script, iframe, object, embed').length).to.equal(0);
      const awardee = $(el, '[part="awardees"] .awardees li')!;
      const shown = awardee.textContent!.replace(/[\u2068\u2069]/g, '');
      // Text, not markup; bidi controls removed and the name isolated; a 10,000-character name clipped.
      expect(shown.startsWith(p.awardee.replace(/[\u202e]/g, '').slice(0, 100))).to.equal(true, p.awardee.slice(0, 40));
      expect(awardee.textContent).to.not.match(/\u202e/);
      expect(shown.length).to.be.below(400);
      const link = $(el, '[part="awardees"] a') as HTMLAnchorElement;
      expect(new URL(link.href).searchParams.get('cig')).to.equal(p.cig);
      expect(link.href).to.equal(`https://dati.anticorruzione.it/superset/dashboard/dettaglio_cig/?cig=${encodeURIComponent(p.cig)}`);
      expect(normalise($(el, '[part="targets"]')!.textContent!)).to.include('realizzato 1 su 3');
      expect(el.getBoundingClientRect().width).to.be.at.most(320.5);
      expect(document.scrollingElement!.scrollWidth, 'page scroll width').to.be.at.most(window.innerWidth);
      expect(el.getBoundingClientRect().height, 'card height').to.be.at.most(2400);
      // Real pointer input reaches the ANAC link (nothing overlaps it).
      link.scrollIntoView({ block: 'center' });
      const r = link.getBoundingClientRect();
      const hit = el.shadowRoot!.elementFromPoint(r.left + 2, r.top + r.height / 2);
      expect(hit === link || link.contains(hit)).to.equal(true);
      await sendMouse({ type: 'move', position: [Math.round(r.left + 2), Math.round(r.top + r.height / 2)] });
      box.remove();
    }
  });
});
