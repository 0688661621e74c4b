/**
 * <pnrr-project-card>: one PNRR project, as a municipal web page or an article
 * would show it. Class only (no registration): import `../card/define.js` or
 * the package's `./define` entry to register the tag.
 */
import { html, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { InvalidArgumentError } from '@pnrr-toscana/sdk';
import type { Localisation, ProjectResult } from '@pnrr-toscana/sdk';
import { PnrrElement } from '../base/pnrr-element.js';
import type { PnrrClient } from '../base/client.js';
import { headingLevel, headingTemplate } from '../base/states.js';
import type { Lang } from '../i18n/lang.js';
import { cardMessages } from '../i18n/card.js';
import { date, euros, isolate, moneyFull, percent, placeName } from '../format.js';
import { cardStyles } from './styles.js';
import type * as MonitorBlocks from './monitor-blocks.js';

/** OpenCUP's public page of a CUP. */
export const openCupUrl = (cup: string): string => `https://www.opencup.gov.it/portale/web/opencup/home/progetto/-/cup/${encodeURIComponent(cup)}`;
/** The Italia Domani open data catalogue, where the source files are published. */
export const CATALOGUE_URL = 'https://www.italiadomani.gov.it/content/sogei-ng/it/it/catalogo-open-data.html';

type Place = { label: string; share: number; scope: Localisation['scope'] };

/**
 * Data text of its own line (title, body, measure): when long, shown on at
 * most 6 lines (styles: `.long`); the full text stays in the page for screen
 * readers and copying, and in the tooltip of its `title`.
 */
const longText = (text: string): string | TemplateResult => ([...text].length > 160 ? html`<span class="long" title=${text}>${text}</span>` : text);

/** Places of a project: each comune / province / region once, outside places summed into one line. */
function places(project: ProjectResult, t: (typeof cardMessages)[Lang]): Place[] {
  const inside: Place[] = [];
  let outsideCount = 0;
  let outsideShare = 0;
  for (const l of project.localisations) {
    if (l.scope === 'comune') inside.push({ label: isolate(placeName(l.comuneName)), share: l.share, scope: l.scope });
    else if (l.scope === 'province-wide') inside.push({ label: t.provinceWide(isolate(placeName(l.provinceName))), share: l.share, scope: l.scope });
    else if (l.scope === 'region-wide') inside.push({ label: t.regionWide(isolate(placeName(l.regionName))), share: l.share, scope: l.scope });
    else {
      outsideCount++;
      outsideShare += l.share;
    }
  }
  if (outsideCount > 0) inside.push({ label: t.outside(outsideCount), share: outsideShare, scope: 'outside' });
  return inside;
}

/**
 * One PNRR project: title, CUP, mission › component › measure, implementing
 * body, places with their attributed share, PNRR and total funding with the
 * other sources, payments (financed is not paid: both are labelled; the
 * payments file's date next to the project list's), who carries it out
 * (tenders and awardees), its target indicators, data date, attribution and
 * links to verify at the source.
 *
 * @summary A PNRR project card, read by CUP from the data package.
 * @tagname pnrr-project-card
 *
 * @csspart card - The `<article>` holding the project.
 * @csspart kicker - The "PNRR project · CUP" line above the title.
 * @csspart title - The project title (a heading).
 * @csspart subtitle - The "Funding" and "Payments" headings.
 * @csspart shared - The "local project i of N with this CUP" line.
 * @csspart details - The list of CUP, plan, implementing body and places.
 * @csspart amount - The PNRR headline amount.
 * @csspart sources - The table of funding sources.
 * @csspart payments - The financed-and-paid table.
 * @csspart links - The "verify at the source" links.
 * @csspart more - The "Mostra tutti i dettagli" button, which shows the whole card (the card keeps one block size until then).
 * @csspart paid - Paid of financed, in text with a decorative bar.
 * @csspart vintage - The note on why the project list's total and the payments file's financed total differ.
 * @csspart awardees - The "Chi realizza" block: tenders (CIG linked to ANAC) and awardees.
 * @csspart more-tenders - The "Mostra tutte le N gare" button, when the project has more tenders than the card shows at first.
 * @csspart tenders-status - The status line of that button (loading, all shown, error).
 * @csspart targets - The "Obiettivi" block: target indicators, realised of programmed.
 * @csspart monitor - The "Monitora questo progetto" paragraph (only with `monitor-href`).
 *
 * @cssprop --pnrr-color-primary - Links, buttons, focus ring and the headline amount.
 * @cssprop --pnrr-color-text - Text colour (light theme); see the base element for every `--pnrr-*` property.
 */
export class PnrrProjectCard extends PnrrElement<ProjectResult> {
  static override properties: PropertyDeclarations = {
    ...PnrrElement.properties,
    cup: { type: String },
    localCode: { type: String, attribute: 'local-code' },
    compact: { type: Boolean, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    monitorHref: { attribute: 'monitor-href' },
  };

  /** The shared element styles plus the card's own layout. */
  static override styles: CSSResultGroup = [PnrrElement.styles, cardStyles];

  /** Codice Unico di Progetto (15 letters and digits, e.g. `H91J12000770005`). Required. Lower case is accepted. */
  declare cup: string | undefined;
  /** Codice Locale Progetto: picks one of several local projects sharing the CUP (default: the first). */
  declare localCode: string | undefined;
  /** Shorter card: title, amounts, places and the source links only. */
  declare compact: boolean;
  /** Level of the card's heading, 1–6 (default 3); sub-headings are one level below. */
  declare headingLevel: number | undefined;
  /**
   * URL template of a "Monitora questo progetto" link, e.g. a civic-monitoring form:
   * `https://example.org/monitor?cup={cup}` (`{cup}` and `{localCode}` are replaced, URL-encoded).
   * Only http(s) URLs are accepted (a `javascript:` template shows no link). Default: no link.
   */
  declare monitorHref: string | undefined;

  // The monitoring blocks (awardees, targets, paid bar, vintage note): a lazy chunk, loaded with the data.
  private blocks: typeof MonitorBlocks | undefined;
  // The "Mostra tutte le N gare" button's state (in the blocks' chunk): every tender once loaded, the load's state.
  private tenders: MonitorBlocks.AllTenders | undefined;

  constructor() {
    super();
    this.compact = false;
    this.skeletonLines = 7;
  }

  private toggle(): void {
    this.expanded = !this.expanded;
    this.requestUpdate();
  }

  protected override dataArgs(): readonly unknown[] {
    return [this.cup, this.localCode];
  }

  protected override async loadData(client: PnrrClient, signal: AbortSignal): Promise<ProjectResult> {
    // Pasted codes often carry spaces or lower case; the CUP itself is upper case.
    const cup = (this.cup ?? '').trim().toUpperCase();
    if (cup === '') throw new InvalidArgumentError('cup', '', 'the cup attribute is required');
    const localCode = this.localCode?.trim();
    const [project, blocks] = await Promise.all([client.project(cup, { signal, ...(localCode ? { localCode } : {}) }), import('./monitor-blocks.js')]);
    blocks.adoptStyles(this.shadowRoot);
    this.blocks = blocks;
    // A new project: its tenders start folded again.
    this.tenders?.abort();
    this.tenders = blocks.allTenders(this, client, project);
    return project;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tenders?.abort();
  }

  protected override renderData(p: ProjectResult): TemplateResult {
    const lang = this.language;
    const t = cardMessages[lang];
    const level = headingLevel(this.headingLevel);
    const sub = Math.min(level + 1, 6);
    const list = places(p, t);
    const shared = p.localCodes.length > 1;
    const equalSplit = list.length > 1 && p.localisations.some((l) => l.shareSource === 'equal-split');
    const open = this.expanded;
    // The whole card stays in the page (screen readers read it all); past the
    // summary (the fixed block size: a full card never fits it, a compact one
    // rarely) it is clipped until the button, or focus moving into the card (a
    // link, a table), expands it.
    return html`<div class="clip" id="card" @focusin=${() => open || this.toggle()}>
      <article class="card" part="card" aria-labelledby="title">
      <p class="kicker" part="kicker">${t.kicker} · ${t.cup} <span class="code">${p.cup}</span></p>
      ${headingTemplate(level, longText(p.title), 'title', 'title')}
      ${shared
        ? html`<p class="shared" part="shared">${t.sharedCup(p.localCodes.indexOf(p.localCode) + 1, p.localCodes.length, isolate(p.localCode))}</p>`
        : nothing}
      <p class="amount" part="amount">
        <span class="label">${t.pnrr}</span>
        <span class="value">${moneyFull(euros(p.funding.pnrrCents), lang)}</span>
        <span class="muted">${t.total}: ${moneyFull(euros(p.funding.totalCents), lang)}</span>
      </p>
      <dl class="details" part="details">
        ${this.compact
          ? html`<dt>${t.mission}</dt><dd>${p.mission.code} ${p.mission.name}</dd>`
          : html`<dt>${t.plan}</dt>
              <dd>
                <ol class="plan">
                  <li><span class="code">${p.mission.code}</span> ${p.mission.name}</li>
                  <li><span class="code">${p.component.code}</span> ${p.component.name}</li>
                  <li><span class="code">${p.measure.id}</span> ${longText(p.measure.name)}</li>
                </ol>
              </dd>`}
        <dt>${t.implementingBody}</dt>
        <dd>${longText(p.implementingBody.name)}</dd>
        ${shared || !this.compact ? html`<dt>${t.localCode}</dt><dd class="code">${p.localCode}</dd>` : nothing}
        <dt>${t.places}</dt>
        <dd>
          <ul class="places">
            ${list.map(
              (pl) => html`<li>${pl.label}${list.length > 1 ? html` <span class="muted">(${t.share(percent(pl.share, lang))})</span>` : nothing}</li>`,
            )}
          </ul>
          ${equalSplit && !this.compact ? html`<p class="note muted">${t.equalSplit}</p>` : nothing}
        </dd>
      </dl>
      ${this.compact ? nothing : this.renderFunding(p, lang, sub)}
      ${this.renderBlocks(p, lang, sub)}
      ${p.source.referenceDate ? html`<p class="muted asof">${t.projectDataAsOf(date(p.source.referenceDate, lang))}</p>` : nothing}
      <p class="links" part="links">
        <span>${t.verify}:</span>
        <a href=${openCupUrl(p.cup)} rel="noopener">${t.openCup(p.cup)}</a>
        <span aria-hidden="true">·</span>
        <a href=${CATALOGUE_URL} rel="noopener">${t.catalogue}</a>
      </p>
    </article></div>
      <button type="button" class="more" part="more" aria-expanded=${open ? 'true' : 'false'} aria-controls="card" @click=${this.toggle}>${t.more}</button>`;
  }

  /** Payments and the monitoring blocks, in card order; in a compact card only the monitoring link. */
  private renderBlocks(p: ProjectResult, lang: Lang, level: number): unknown {
    const b = this.blocks;
    if (!b) return nothing;
    return this.compact
      ? b.monitorLink(p, lang, this.monitorHref)
      : [b.paymentsBlock(p, lang, level), b.awardeesBlock(p, lang, level, this.tenders), b.targetsBlock(p, lang, level), b.monitorLink(p, lang, this.monitorHref)];
  }

  private renderFunding(p: ProjectResult, lang: Lang, level: number): TemplateResult {
    const t = cardMessages[lang];
    const total = p.funding.totalCents;
    const rows: Array<[string, number]> = [[t.pnrrSource, p.funding.pnrrCents]];
    for (const [key, cents] of Object.entries(p.funding.sources)) {
      if (key !== 'pnrr' && cents !== 0) rows.push([t.source(key), cents]);
    }
    const share = (cents: number) => (total > 0 ? percent(cents / total, lang) : '–');
    return html`<section class="funding" aria-label=${t.funding}>
      ${headingTemplate(level, t.funding, 'subtitle')}
      <div class="table-scroll" role="region" tabindex="0" aria-label=${t.sourcesCaption}>
      <table class="sources" part="sources">
        <caption class="visually-hidden">${t.sourcesCaption}</caption>
        <thead>
          <tr><th scope="col">${t.sourceColumn}</th><th scope="col">${t.amountColumn}</th><th scope="col">${t.shareColumn}</th></tr>
        </thead>
        <tbody>
          ${rows.map(([label, cents]) => html`<tr><th scope="row">${label}</th><td>${moneyFull(euros(cents), lang)}</td><td>${share(cents)}</td></tr>`)}
        </tbody>
        <tfoot>
          <tr><th scope="row">${t.totalRow}</th><td>${moneyFull(euros(total), lang)}</td><td>${share(total)}</td></tr>
        </tfoot>
      </table>
      </div>
    </section>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'pnrr-project-card': PnrrProjectCard;
  }
}
