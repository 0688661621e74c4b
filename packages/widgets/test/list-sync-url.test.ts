/**
 * `sync-url` on <pnrr-project-list> (issue 9): the page, search, sort and order the reader chose
 * go into the page's URL fragment, a new element on that address shows the same view, and Back /
 * Forward follow the pages. Real keyboard input on the list's own controls.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/list/define.js';
import type { PnrrProjectList } from '../src/list/project-list.js';
import { DATA, normalise, until } from './helpers/page.js';

const PRATO = '100005';
const hashValues = () => new URLSearchParams(location.hash.slice(1));
const start = location.pathname + location.search;
const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const firstRow = (el: Element) => $(el, 'tbody tr[part="row"]')!.dataset.cup;
const status = (el: Element) => normalise($(el, '[part="status"]')!.textContent!);

describe('sync-url on the project list', function () {
  this.timeout(60_000);
  afterEach(() => history.replaceState(null, '', start));

  it('Enter on "next" writes the page (a history entry); Back and Forward follow it; a new element on the address shows that page', async () => {
    const el = await fixture<PnrrProjectList>(html`<pnrr-project-list src=${DATA} comune=${PRATO} sync-url></pnrr-project-list>`);
    expect(await el.settled()).to.equal('ready');
    expect(location.hash, 'nothing written on load').to.equal('');
    const pageOne = firstRow(el);
    const before = history.length;

    $(el, '[part~="next"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => hashValues().get('list.page') === '2', 'list.page=2 in the fragment');
    expect(history.length, 'a new page is a history entry').to.equal(before + 1);
    await el.settled();
    const pageTwo = firstRow(el);
    expect(pageTwo).to.not.equal(pageOne);
    expect(status(el)).to.match(/21/);

    history.back();
    await until(() => (el.page ?? 1) === 1, 'Back to page 1');
    await el.settled();
    expect(firstRow(el)).to.equal(pageOne);
    history.forward();
    await until(() => el.page === 2, 'Forward to page 2');
    await el.settled();
    expect(firstRow(el)).to.equal(pageTwo);

    // What a shared link or a reload does: a new element on this address.
    el.remove();
    const again = await fixture<PnrrProjectList>(html`<pnrr-project-list src=${DATA} comune=${PRATO} sync-url></pnrr-project-list>`);
    expect(await again.settled()).to.equal('ready');
    expect(again.page).to.equal(2);
    expect(firstRow(again)).to.equal(pageTwo);
  });

  it('typing a search writes it and goes back to page 1 (one history entry for the whole word: Back returns to page 3); a new element starts with it', async () => {
    history.replaceState(null, '', `${start}#list.page=3`);
    const el = await fixture<PnrrProjectList>(html`<pnrr-project-list src=${DATA} comune=${PRATO} sync-url></pnrr-project-list>`);
    expect(await el.settled()).to.equal('ready');
    expect(el.page).to.equal(3);
    const before = history.length;
    $(el, '[part="search"]')!.focus();
    await sendKeys({ type: 'scuola' });
    await until(() => hashValues().get('list.q') === 'scuola', 'list.q=scuola in the fragment');
    await el.settled();
    expect(hashValues().has('list.page'), 'a new search goes back to page 1').to.equal(false);
    // Its first keystroke left page 3 (a new entry); the other keystrokes replace it.
    expect(history.length, 'one entry for the whole word').to.equal(before + 1);

    el.remove();
    const again = await fixture<PnrrProjectList>(html`<pnrr-project-list src=${DATA} comune=${PRATO} sync-url></pnrr-project-list>`);
    expect(await again.settled()).to.equal('ready');
    expect(($(again, '[part="search"]') as HTMLInputElement).value).to.equal('scuola');
    history.back();
    await until(() => again.page === 3 && (again.q ?? '') === '', 'Back to page 3 without the search');
  });

  it('hostile or invalid values in the fragment are ignored or kept as plain text; without sync-url nothing is read or written', async () => {
    history.replaceState(null, '', `${start}#list.page=abc&list.sort=%3Cscript%3E&list.order=up&list.q=${encodeURIComponent('<img src=x onerror=alert(1)>')}&other=1`);
    const el = await fixture<PnrrProjectList>(html`<pnrr-project-list src=${DATA} comune=${PRATO} sync-url></pnrr-project-list>`);
    expect(await el.settled()).to.equal('ready');
    expect(el.page ?? 1).to.equal(1);
    expect(el.sort).to.equal(undefined);
    expect(el.order).to.equal(undefined);
    // A search text is text: it is searched for (nothing matches), never parsed as markup.
    expect(el.q).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(hashValues().get('other'), 'other keys of the page stay').to.equal('1');
    el.remove();

    history.replaceState(null, '', `${start}#list.page=2`);
    const plain = await fixture<PnrrProjectList>(html`<pnrr-project-list src=${DATA} comune=${PRATO}></pnrr-project-list>`);
    expect(await plain.settled()).to.equal('ready');
    expect(plain.page ?? 1).to.equal(1);
  });
});
