/**
 * The card's civic-monitoring blocks, in their own chunk: the card imports this
 * module together with the project (in parallel, so it is there when the data
 * are, with no second render), and a page's first JavaScript stays within the
 * card-only budget (docs/size.md).
 *
 * - "Pagamenti": the financed-and-paid table, the paid-vs-financed bar and the
 *   *vintage note* (the project list and the payments file are two releases
 *   with two dates, so their totals may differ);
 * - "Chi realizza": the tenders (CIG linked to ANAC's public CIG page) and their awardees: the first
 *   ones (those the project's shard record carries), and a button that loads and shows them all;
 * - "Obiettivi": each target indicator, realised of programmed, in text with a decorative bar;
 * - "Monitora questo progetto": a link built from the `monitor-href` template.
 *
 * Each block is a small function of the project, so the card can place them as its layout needs.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Indicator, PnrrClient, ProjectResult, Tender } from '@pnrr-toscana/sdk';
import { headingTemplate } from '../base/states.js';
import type { Lang } from '../i18n/lang.js';
import { monitorMessages } from '../i18n/card-monitor.js';
import { date, euros, isolate, moneyFull, percent } from '../format.js';
import { number } from '../figure/amounts.js';

/** ANAC's public page of a CIG (Banca dati nazionale dei contratti pubblici), the CIG URL-encoded. */
export const anacCigUrl = (cig: string): string => `https://dati.anticorruzione.it/superset/dashboard/dettaglio_cig/?cig=${encodeURIComponent(cig)}`;

/**
 * The monitoring link of a project from a `monitor-href` template: `{cup}` and `{localCode}` are
 * replaced by the URL-encoded values. Only http(s) URLs are accepted (relative ones resolve against
 * the page); anything else (`javascript:`, `data:`, a malformed URL) gives null: no link.
 */
export function monitorUrl(template: string | undefined, p: Pick<ProjectResult, 'cup' | 'localCode'>, base = document.baseURI): string | null {
  if (!template || !template.trim()) return null;
  const filled = template.trim().replace(/\{(cup|localCode)\}/g, (_, name: 'cup' | 'localCode') => encodeURIComponent(p[name]));
  let url: URL;
  try {
    url = new URL(filled, base);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}

const styles = css`
  /* A native <progress>: its length needs no style attribute (none is allowed under a strict CSP). */
  .bar {
    display: block;
    inline-size: 100%;
    block-size: 0.5em;
    accent-color: var(--_primary);
  }
  .tenders,
  .awardees,
  .targets {
    margin: 0;
    padding-inline-start: 1.25em;
    display: grid;
    gap: 0.5em;
  }
  .awardees {
    gap: 0.125em;
  }
  .monitor {
    margin: 0;
  }
  .tenders-status:empty {
    display: none;
  }
  .tenders-status.error {
    color: var(--_danger);
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
`;

/** Adds the blocks' stylesheet to the card's shadow root (constructable stylesheet: allowed under a strict CSP). */
export function adoptStyles(root: ShadowRoot | null): void {
  const sheet = styles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** A decorative bar of `ratio` (clamped to 0..1), hidden from assistive technology: the numbers are in the text next to it. */
const bar = (ratio: number): TemplateResult =>
  html`<progress class="bar" aria-hidden="true" max="1000" value=${Math.round(Math.min(Math.max(ratio, 0), 1) * 1000)}></progress>`;

/**
 * "Pagamenti": financed and paid (payments file) in a table, paid of financed as text and bar, and
 * the note on the two vintages: the card's headline total comes from the project list, the
 * financed total here from the payments file, each with its own date.
 */
export function paymentsBlock(p: ProjectResult, lang: Lang, level: number): TemplateResult {
  const t = monitorMessages[lang];
  const pay = p.payments;
  if (!pay) {
    return html`<section class="payments" aria-label=${t.payments}>
      ${headingTemplate(level, t.payments, 'subtitle')}
      <p class="muted">${t.noPayments}</p>
    </section>`;
  }
  const financedPnrr = pay.financedPnrrCents ?? p.funding.pnrrCents;
  const financed = pay.financedTotalCents ?? p.funding.totalCents;
  const ratio = (paid: number, of: number) => (of > 0 ? percent(paid / of, lang) : '–');
  const row = (label: string, of: number, paid: number) => html`<tr>
    <th scope="row">${label}</th>
    <td>${moneyFull(euros(of), lang)}</td>
    <td>${moneyFull(euros(paid), lang)}</td>
    <td>${ratio(paid, of)}</td>
  </tr>`;
  const caption = pay.referenceDate ? t.paymentsCaption(date(pay.referenceDate, lang)) : t.paymentsCaptionUndated;
  const listDate = p.source.referenceDate;
  const twoVintages = pay.financedTotalCents !== null && pay.referenceDate !== null && listDate !== null && (pay.referenceDate !== listDate || financed !== p.funding.totalCents);
  return html`<section class="payments" aria-label=${t.payments}>
    ${headingTemplate(level, t.payments, 'subtitle')}
    <div class="table-scroll" role="region" tabindex="0" aria-label=${caption}>
      <table part="payments">
        <caption>${caption}</caption>
        <thead>
          <tr><td></td><th scope="col">${t.financed}</th><th scope="col">${t.paid}</th><th scope="col">${t.paidShare}</th></tr>
        </thead>
        <tbody>
          ${row(t.pnrr, financedPnrr, pay.pnrrCents)} ${row(t.total, financed, pay.totalCents)}
        </tbody>
      </table>
    </div>
    ${financed > 0
      ? html`<div class="paid" part="paid">
          <p>${t.paidBar(moneyFull(euros(pay.totalCents), lang), moneyFull(euros(financed), lang), percent(pay.totalCents / financed, lang))}</p>
          ${bar(pay.totalCents / financed)}
        </div>`
      : nothing}
    <p class="note muted">${t.notPaid}</p>
    ${twoVintages
      ? html`<p class="note muted" part="vintage">
          ${t.vintage(moneyFull(euros(p.funding.totalCents), lang), date(listDate!, lang), moneyFull(euros(financed), lang), date(pay.referenceDate!, lang))}
          ${t.vintageWhy}
        </p>`
      : nothing}
  </section>`;
}

/**
 * How many tenders the block shows before the "show all" button: the number a shard record carries
 * (the SDK's INLINE_TENDERS), so the card's first render reads nothing but its shard.
 */
export const SHOWN_TENDERS = 2;

/** The card's state of the "show all tenders" button: every tender once loaded, and what the load is doing. */
export interface AllTenders {
  /** Every tender of the project, once loaded. */
  tenders: Tender[] | undefined;
  state: 'idle' | 'loading' | 'error';
  /** Starts loading them (the button's action). */
  load: () => void;
  /** Stops a load under way (the card was removed, or shows another project). */
  abort: () => void;
}

/** What the button's state needs of the card: to render again, and its shadow root to move the focus. */
export interface TendersHost {
  requestUpdate(): void;
  readonly updateComplete: Promise<unknown>;
  readonly shadowRoot: ShadowRoot | null;
}

/**
 * The state of the "show all tenders" button of project `p`: `load()` reads every tender
 * (`client.tenders()`: the CUP's tenders file, once) and shows them, then moves the focus to the
 * first tender not shown before (the button is gone); on failure the button stays, to try again,
 * and the status line says so. Here rather than in the card, so a card-only page's first
 * JavaScript does not carry it.
 */
export function allTenders(host: TendersHost, client: PnrrClient, p: ProjectResult): AllTenders {
  let controller: AbortController | undefined;
  const state: AllTenders = {
    tenders: undefined,
    state: 'idle',
    abort: () => controller?.abort(),
    load: async () => {
      if (state.state === 'loading') return;
      const { signal } = (controller = new AbortController());
      state.state = 'loading';
      host.requestUpdate();
      try {
        state.tenders = (await client.tenders(p.cup, { localCode: p.localCode, signal })) ?? [];
        state.state = 'idle';
        host.requestUpdate();
        await host.updateComplete;
        host.shadowRoot?.querySelector<HTMLElement>('[part="awardees"] .tenders > li[tabindex="-1"]')?.focus();
      } catch {
        // The card itself stays: the block says the tenders could not be read (an aborted load just stops).
        state.state = signal.aborted ? 'idle' : 'error';
        host.requestUpdate();
      }
    },
  };
  return state;
}

function tenderItem(tender: Tender, lang: Lang, index: number): TemplateResult {
  const t = monitorMessages[lang];
  const facts = [tender.contractType, tender.procedure].filter((x): x is string => !!x).map((x) => isolate(x, 80));
  if (tender.baseCents) facts.push(t.base(moneyFull(euros(tender.baseCents), lang)));
  // The first item past the ones shown at first takes the focus when they arrive (the button is gone by then).
  return html`<li tabindex=${index === SHOWN_TENDERS ? '-1' : nothing} data-index=${index}>
    ${tender.cig
      ? html`<a href=${anacCigUrl(tender.cig)} rel="noopener">${t.cigLink(isolate(tender.cig, 40))}</a>`
      : html`<span>${t.noCig(isolate(tender.pda ?? '–', 40))}</span>`}
    ${facts.length ? html`<span class="muted"> · ${facts.join(' · ')}</span>` : nothing}
    ${tender.subject ? html`<p class="long muted" title=${tender.subject}>${tender.subject}</p>` : nothing}
    ${tender.awardees.length
      ? html`<ul class="awardees">
          ${tender.awardees.map(
            (a) => html`<li>${isolate(a.name)}${a.role || a.legalForm ? html` <span class="muted">(${[a.role, a.legalForm].filter((x): x is string => !!x).map((x) => isolate(x, 80)).join(', ')})</span>` : nothing}</li>`,
          )}
        </ul>`
      : html`<p class="muted">${t.notAwarded}</p>`}
  </li>`;
}

/**
 * "Chi realizza": the tenders and their awardees; nothing when the package has no awardee data.
 * The first SHOWN_TENDERS, then a real button "Mostra tutte le N gare" that loads the rest
 * (`client.tenders()`, one small file) and shows every one; a status line announces the loading,
 * the result and an error (the button stays, to try again).
 */
export function awardeesBlock(p: ProjectResult, lang: Lang, level: number, all?: AllTenders): TemplateResult | typeof nothing {
  const first = p.tenders;
  if (!first) return nothing;
  const t = monitorMessages[lang];
  const count = Math.max(p.tenderCount ?? first.length, first.length);
  const tenders = all?.tenders ?? first.slice(0, SHOWN_TENDERS);
  const more = all !== undefined && all.tenders === undefined && count > tenders.length;
  const dated = tenders.map((x) => x.referenceDate).filter((d): d is string => d !== null).sort().pop();
  const loading = all?.state === 'loading';
  const status = loading ? t.loadingTenders : all?.state === 'error' ? t.tendersError : all?.tenders ? t.tendersShown(all.tenders.length) : '';
  return html`<section class="awarded" part="awardees" aria-label=${t.awardees}>
    ${headingTemplate(level, t.awardees, 'subtitle')}
    ${tenders.length === 0 ? html`<p class="muted">${t.noTenders}</p>` : html`<ul class="tenders">${tenders.map((x, i) => tenderItem(x, lang, i))}</ul>`}
    ${more
      ? html`<p class="more-tenders">
          <button type="button" part="more-tenders" aria-disabled=${loading ? 'true' : 'false'} @click=${() => loading || all.load()}>
            ${all.state === 'error' ? t.retryTenders(count) : t.showAllTenders(count)}
          </button>
        </p>`
      : nothing}
    ${all && count > SHOWN_TENDERS
      ? html`<p class=${all.state === 'error' ? 'tenders-status error' : 'tenders-status muted'} part="tenders-status" role="status">${status}</p>`
      : nothing}
    ${dated ? html`<p class="note muted">${t.awardeesAsOf(date(dated, lang))}</p>` : nothing}
  </section>`;
}

function targetItem(i: Indicator, lang: Lang): TemplateResult {
  const t = monitorMessages[lang];
  const unit = i.unit === null ? '' : isolate(i.unit, 60);
  const amount = (v: number) => number(v, lang, 2);
  const measurable = i.programmed !== null && i.programmed > 0 && i.realised !== null;
  return html`<li>
    ${isolate(i.name, 200)} <span class="muted code">${i.code}</span>
    <p>
      ${measurable
        ? t.target(amount(i.realised!), amount(i.programmed!), unit, percent(i.realised! / i.programmed!, lang))
        : t.targetNoValue(i.programmed === null ? '–' : amount(i.programmed), unit)}${i.period ? html` <span class="muted">(${t.period(i.period)})</span>` : nothing}
    </p>
    ${measurable ? bar(i.realised! / i.programmed!) : nothing}
  </li>`;
}

/** "Obiettivi": each target indicator, realised of programmed with its unit; nothing when there are none. */
export function targetsBlock(p: ProjectResult, lang: Lang, level: number): TemplateResult | typeof nothing {
  const indicators = p.indicators;
  if (!indicators || indicators.length === 0) return nothing;
  const t = monitorMessages[lang];
  const dated = indicators.map((x) => x.referenceDate).filter((d): d is string => d !== null).sort().pop();
  return html`<section class="targets-block" part="targets" aria-label=${t.targets}>
    ${headingTemplate(level, t.targets, 'subtitle')}
    <ul class="targets">${indicators.map((i) => targetItem(i, lang))}</ul>
    ${dated ? html`<p class="note muted">${t.targetsAsOf(date(dated, lang))}</p>` : nothing}
  </section>`;
}

/** "Monitora questo progetto", when `monitor-href` is an http(s) template. */
export function monitorLink(p: ProjectResult, lang: Lang, template: string | undefined): TemplateResult | typeof nothing {
  const href = monitorUrl(template, p);
  return href ? html`<p class="monitor" part="monitor"><a href=${href} rel="noopener">${monitorMessages[lang].monitor}</a></p>` : nothing;
}
