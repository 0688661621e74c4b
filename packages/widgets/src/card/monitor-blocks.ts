/**
 * The card's civic-monitoring blocks, in their own chunk: the card imports this
 * module together with the project (in parallel, so it is there when the data
 * are, with no second render), and a page's first JavaScript stays within the
 * card-only budget (docs/size.md).
 *
 * - "Pagamenti": the financed-and-paid table, the paid-vs-financed bar and the
 *   *vintage note* (the project list and the payments file are two releases
 *   with two dates, so their totals may differ);
 * - "Chi realizza": the tenders (CIG linked to ANAC's public CIG page) and their awardees;
 * - "Obiettivi": each target indicator, realised of programmed, in text with a decorative bar;
 * - "Monitora questo progetto": a link built from the `monitor-href` template.
 *
 * Each block is a small function of the project, so the card can place them as its layout needs.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Indicator, ProjectResult, Tender } from '@pnrr-toscana/sdk';
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
  /* On paper the tenders past the first five are printed too. */
  @media print {
    details::details-content {
      content-visibility: visible;
    }
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

/** How many tenders are shown before the rest is folded into a disclosure. */
const SHOWN_TENDERS = 5;

function tenderItem(tender: Tender, lang: Lang): TemplateResult {
  const t = monitorMessages[lang];
  const facts = [tender.contractType, tender.procedure].filter((x): x is string => !!x).map((x) => isolate(x, 80));
  if (tender.baseCents) facts.push(t.base(moneyFull(euros(tender.baseCents), lang)));
  return html`<li>
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

/** "Chi realizza": the tenders and their awardees; nothing when the package has no awardee data. */
export function awardeesBlock(p: ProjectResult, lang: Lang, level: number): TemplateResult | typeof nothing {
  const tenders = p.tenders;
  if (!tenders) return nothing;
  const t = monitorMessages[lang];
  const dated = tenders.map((x) => x.referenceDate).filter((d): d is string => d !== null).sort().pop();
  const list = (items: Tender[]) => html`<ul class="tenders">${items.map((x) => tenderItem(x, lang))}</ul>`;
  return html`<section class="awarded" part="awardees" aria-label=${t.awardees}>
    ${headingTemplate(level, t.awardees, 'subtitle')}
    ${tenders.length === 0 ? html`<p class="muted">${t.noTenders}</p>` : list(tenders.slice(0, SHOWN_TENDERS))}
    ${tenders.length > SHOWN_TENDERS
      ? html`<details><summary>${t.moreTenders(tenders.length - SHOWN_TENDERS)}</summary>${list(tenders.slice(SHOWN_TENDERS))}</details>`
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
