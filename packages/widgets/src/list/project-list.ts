/**
 * <pnrr-project-list>: a territory's PNRR projects as a comune's "Attuazione
 * misure PNRR" page lists them — searchable, sortable, paged, downloadable —
 * each row opening the project's card in place. Class only (no registration):
 * import `../list/define.js` or the package's `./define` entry.
 *
 * The SDK's `projects()` is the one query engine: the element asks it for the
 * list as the attributes define it (the heading's figures: its total and sums),
 * then for the page shown of the view (search text, sort, page) whenever they
 * change, and for every row of the view only when the CSV is downloaded. A
 * territory's list file is read once and cached by the SDK; a long list is
 * paged (data-schema.md), so the first screen reads its first page alone, and
 * a search or another sort reads the other pages once.
 */
import { html, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isPnrrError, type Measures, type ProjectListItem, type ProjectSort, type ProjectsPage, type ProjectsQuery } from '@pnrr-toscana/sdk';
import { PnrrElement } from '../base/pnrr-element.js';
import { UrlState, type UrlStateField } from '../base/url-state.js';
import { emit } from '../base/events.js';
import { clientFor, type PnrrClient } from '../base/client.js';
import { describeError, emptyTemplate, errorTemplate, headingLevel, headingTemplate, type ErrorText, type WidgetState } from '../base/states.js';
import type { Lang } from '../i18n/lang.js';
import { listMessages, type ListSort } from '../i18n/list.js';
import { euros, isolate, moneyFull, percent, placeName } from '../format.js';
import { moneyCompact, number } from '../figure/amounts.js';
import { saveText, slug, toCsv } from '../figure/download.js';
import { listStyles } from './styles.js';

/** Rows per page. */
export const PAGE_SIZE = 20;
const SORTS: readonly ListSort[] = ['pnrr', 'total', 'paid-share', 'title'];
/** The SDK's sort key for each column: amounts are the area's share. */
const SDK_SORT: Record<ListSort, ProjectSort> = { pnrr: 'area-pnrr', total: 'area-total', 'paid-share': 'paid-share', title: 'title' };
/** The SDK caps a page at 1000 items: longer lists are read in pages. */
const SDK_PAGE = 1000;
/** The list's own order (the SDK reads a paged list's first page alone for it): the default view's. */
const LIST_ORDER: ProjectSort = 'area-pnrr';

/** The filters of the list, as the SDK takes them. */
export type ListFilters = Pick<ProjectsQuery, 'comune' | 'province' | 'mission' | 'implementingBody'>;

/** What the attributes select: the area, its whole list's figures, the measure names. */
export interface ProjectListData {
  area: { kind: 'comune' | 'province' | 'region'; code: string; name: string };
  /** Province named as a filter on a comune's list (rare), for the filter line. */
  provinceName: string | undefined;
  filters: ListFilters;
  /** Projects of the list and the funding attributed to the area, before any search. */
  count: number;
  pnrrCents: number;
  totalCents: number;
  measures: Measures;
}

/** Detail of `pnrr-project-select`: a row was chosen (cancel the event to keep the card closed / the link unfollowed). */
export interface ProjectSelectDetail {
  cup: string;
  localCode: string;
  title: string;
}

/**
 * Paid ÷ financed, all sources (null without payment data): the SDK's `paid-share` sort rule, restated here
 * because importing the SDK's helper would pull its lazy query chunk into the list's.
 */
const paidShare = (i: ProjectListItem): number | null => (i.paidCents != null && i.financedCents ? i.paidCents / i.financedCents : null);

/**
 * Every item of a query, in SDK pages of 1000: the first gives the total, the others are asked for together (the
 * SDK reads each list page once and sorts the list once).
 */
async function allProjects(client: PnrrClient, query: ProjectsQuery): Promise<ProjectListItem[]> {
  const first = await client.projects({ ...query, limit: SDK_PAGE, offset: 0 });
  const offsets: number[] = [];
  for (let offset = SDK_PAGE; offset < first.total; offset += SDK_PAGE) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => client.projects({ ...query, limit: SDK_PAGE, offset })));
  return [first, ...rest].flatMap((page) => page.items);
}

/** Trimmed attribute value, undefined when empty. */
const opt = (value: string | null | undefined): string | undefined => value?.trim() || undefined;

const rowKey = (p: ProjectListItem): string => `${p.cup}\u0000${p.localCode}`;

/** Long data text: at most 3 lines in a row (styles: `.long`), the whole text in the page and its tooltip. */
const longText = (text: string): string | TemplateResult => ([...text].length > 120 ? html`<span class="long" title=${text}>${text}</span>` : text);

/**
 * A territory's PNRR projects: a heading with the area, the number of
 * projects and the PNRR funding attributed to it; a search box (case- and
 * accent-insensitive); a table sortable by attributed PNRR or total funding,
 * paid share or title, 20 rows a page; each row opens the project's card in
 * place (or follows `card-href`); "get the data" as CSV of the whole filtered
 * list; attribution and data date.
 *
 * @summary A comune's, province's or the region's PNRR projects: search, sort, pages, CSV, cards.
 * @tagname pnrr-project-list
 *
 * @fires pnrr-project-select - A row was opened. `detail: { cup, localCode, title }`. Cancelable: `preventDefault()` keeps the card closed (or the `card-href` link unfollowed).
 *
 * @csspart title - The heading (area, projects, PNRR funding).
 * @csspart summary - The attributed funding sentence and the filters.
 * @csspart controls - The search box and the download button.
 * @csspart search - The search input.
 * @csspart button - Every button (also `download-csv`, `sort`, `open`, `previous`, `next`).
 * @csspart status - The "Projects 1–20 of 90" line (a polite live region).
 * @csspart table - The projects table.
 * @csspart row - Each project's row.
 * @csspart card-row - The row holding an opened card.
 * @csspart pager - The page navigation.
 *
 * @cssprop --pnrr-min-block-size - Height reserved while loading (default 34rem).
 */
export class PnrrProjectList extends PnrrElement<ProjectListData> {
  static override properties: PropertyDeclarations = {
    ...PnrrElement.properties,
    comune: { type: String },
    province: { type: String },
    mission: { type: String },
    body: { type: String },
    q: { type: String },
    sort: { type: String },
    order: { type: String },
    page: { type: Number },
    cardHref: { type: String, attribute: 'card-href' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
  };

  static override styles: CSSResultGroup = [PnrrElement.styles, listStyles];

  /** The comune listed: 6-digit ISTAT code (`100005`) or name (`Prato`, case and accents do not matter). */
  declare comune: string | undefined;
  /** The province listed (or, with `comune`, a filter on it): 3-digit ISTAT code (`100`) or name. Without both: the whole region. */
  declare province: string | undefined;
  /** Only this mission (`M1`…`M7`). */
  declare mission: string | undefined;
  /** Only this implementing body: its key (tax code) as in the data package. */
  declare body: string | undefined;
  /** Search text (the search box starts with it and writes it back): title, CUP, local code, body; case- and accent-insensitive. */
  declare q: string | undefined;
  /** `pnrr` (default: PNRR funding attributed to the area), `total`, `paid-share` or `title`. */
  declare sort: string | undefined;
  /** `desc` (default for amounts) or `asc` (default for the title). */
  declare order: string | undefined;
  /** Page shown, from 1 (default 1; set back to 1 by a new search or sort). */
  declare page: number | undefined;
  /** URL template of a project's own page: `{cup}` and `{localCode}` are replaced (URL-encoded). Rows then link there instead of opening the card in place. */
  declare cardHref: string | undefined;
  /** Level of the list's heading, 1–6 (default 2); an opened card's heading is one level below. */
  declare headingLevel: number | undefined;
  /**
   * Shareable view: the search (`q`), sort, order and page the reader chose are kept in the page's URL
   * fragment (`#list.q=…&list.page=2`, prefixed by the element's `id` if it has one) and restored on load
   * and on Back / Forward; a new page is a history entry, the others replace the current one.
   */
  declare syncUrl: boolean | undefined;
  /** Key of the row whose card is open. */
  private opened: string | undefined;

  private readonly urlState = new UrlState(this, {
    enabled: () => this.syncUrl === true,
    namespace: () => this.id || 'list',
    fields: () => this.urlFields(),
  });

  /** The values `sync-url` keeps: what the reader can change here (the filters are the page's). */
  private urlFields(): Record<string, UrlStateField> {
    return {
      // Any text but control characters (the controller already refuses long or badly escaped values).
      // eslint-disable-next-line no-control-regex -- control characters are what this refuses
      q: { get: () => this.q ?? '', set: (v) => (this.q = v || undefined), valid: (v) => !/[\u0000-\u001f\u007f]/.test(v) },
      sort: { get: () => opt(this.sort) ?? '', set: (v) => (this.sort = v || undefined), valid: (v) => (SORTS as readonly string[]).includes(v) },
      order: { get: () => opt(this.order) ?? '', set: (v) => (this.order = v || undefined), valid: (v) => v === 'asc' || v === 'desc' },
      page: {
        get: () => (this.page !== undefined && this.page > 1 ? String(Math.floor(this.page)) : ''),
        set: (v) => (this.page = v ? Number(v) : undefined),
        valid: (v) => /^[1-9]\d{0,5}$/.test(v),
        push: true,
      },
    };
  }

  private downloadStatus = '';
  /** A CSV download is waiting for the rows (a paged list's other pages). */
  private downloading = false;

  constructor() {
    super();
    this.skeletonLines = 12;
  }

  /**
   * The page shown of the view (search, sort and order applied): its rows, its offset and the view's total. A page
   * past the end (a shared link to a shorter search) shows the last one. No abort signal: a download the reader's
   * next keystroke no longer needs still fills the SDK's cache for the one after.
   */
  private readonly viewTask = new Task(this, {
    task: async ([data, text, sort, order, page]) => {
      if (!data) return undefined;
      const query = { ...this.viewQuery(data as ProjectListData, text as string, sort as ListSort, order as 'asc' | 'desc'), limit: PAGE_SIZE };
      const client = clientFor(this.src, this.region);
      const view = await client.projects({ ...query, offset: ((page as number) - 1) * PAGE_SIZE });
      if (view.items.length > 0 || view.total === 0) return view;
      return client.projects({ ...query, offset: (this.pageCount(view.total) - 1) * PAGE_SIZE });
    },
    args: () => [this.state === 'ready' ? this.dataTask.value : undefined, this.q ?? '', this.sortKey(), this.orderKey(), this.requestedPage()] as unknown[],
    // Shown in place of the table (renderViewError); the page hears of it as of any error of the element.
    onError: (error) => void this.updateComplete.then(() => emit(this, 'pnrr-error', { error })),
  });

  /** The SDK query of the view, without paging. */
  private viewQuery(data: ProjectListData, text: string, sort: ListSort, order: 'asc' | 'desc'): ProjectsQuery {
    return { ...data.filters, text, sort: SDK_SORT[sort], order };
  }

  /** The `page` asked for, a whole number from 1 (the view clamps it to its last page). */
  private requestedPage(): number {
    const n = Math.floor(Number(this.page ?? 1));
    return Number.isFinite(n) && n > 1 ? n : 1;
  }

  /** Resolves when the data and the table of the current view are rendered (never rejects). */
  override async settled(): Promise<WidgetState> {
    const state = await super.settled();
    if (state !== 'ready') return state;
    try {
      await this.viewTask.taskComplete;
    } catch {
      // a failed view keeps the last table
    }
    await this.updateComplete;
    return this.state;
  }

  /** The sort in force (an unknown value falls back to `pnrr`). */
  private sortKey(): ListSort {
    const s = opt(this.sort) as ListSort | undefined;
    return s && SORTS.includes(s) ? s : 'pnrr';
  }

  private orderKey(): 'asc' | 'desc' {
    const o = opt(this.order);
    if (o === 'asc' || o === 'desc') return o;
    return this.sortKey() === 'title' ? 'asc' : 'desc';
  }

  protected override dataArgs(): readonly unknown[] {
    return [opt(this.comune), opt(this.province), opt(this.mission)?.toUpperCase(), opt(this.body)];
  }

  protected override async loadData(client: PnrrClient, signal: AbortSignal): Promise<ProjectListData> {
    const [comune, province, mission, body] = this.dataArgs() as Array<string | undefined>;
    const [c, p, measures] = await Promise.all([
      comune ? client.resolvePlace(comune, { kind: 'comune', signal }) : undefined,
      province ? client.resolvePlace(province, { kind: 'province', signal }) : undefined,
      client.measures({ signal }),
    ]);
    const filters: ListFilters = {
      ...(c ? { comune: c.code } : {}),
      ...(p ? { province: p.code } : {}),
      ...(mission ? { mission } : {}),
      ...(body ? { implementingBody: body } : {}),
    };
    // The heading's figures: total and sums of the whole list, which the first page of a paged list carries.
    const head = await client.projects({ ...filters, sort: LIST_ORDER, limit: 1, signal });
    const region = this.manifest!.region;
    const area = c
      ? { kind: 'comune' as const, code: c.code, name: c.name }
      : p
        ? { kind: 'province' as const, code: p.code, name: p.name }
        : { kind: 'region' as const, code: region.code, name: region.name };
    return {
      area,
      provinceName: c && p ? p.name : undefined,
      filters,
      count: head.total,
      pnrrCents: head.areaPnrrCents,
      totalCents: head.areaTotalCents,
      measures,
    };
  }

  protected override isEmpty(data: ProjectListData): boolean {
    return data.count === 0;
  }

  /** A name that matched no comune or province: the closest names, as the chart and the map give them. */
  protected override ownErrorText(error: unknown, lang: Lang): Partial<ErrorText> | undefined {
    if (!isPnrrError(error, 'invalid-argument')) return undefined;
    const near = (error as { suggestions?: ReadonlyArray<{ name: string; code: string }> }).suggestions;
    return near?.length ? { detail: listMessages[lang].closestPlaces(near.map((p) => `${p.name} (${p.code})`).join(', ')) } : undefined;
  }

  // ------------------------------------------------------------------ wording

  private areaName(data: ProjectListData, lang: Lang): string {
    const t = listMessages[lang];
    const name = isolate(placeName(data.area.name));
    return data.area.kind === 'comune' ? name : data.area.kind === 'province' ? t.province(name) : t.region(name);
  }

  private projectsText(n: number, lang: Lang): string {
    return listMessages[lang].projects(number(n, lang), n === 1);
  }

  private measureOf(data: ProjectListData, item: ProjectListItem): { id: string; name: string } {
    const sub = data.measures.submeasures.find((s) => s.code === item.submeasure);
    const measure = sub ? data.measures.measures.find((m) => m.code === sub.measure) : undefined;
    return measure ? { id: measure.id, name: measure.name } : { id: item.submeasure, name: sub?.name ?? '' };
  }

  // ------------------------------------------------------------------ rendering

  protected override renderEmpty(data: ProjectListData): TemplateResult {
    const lang = this.language;
    return html`${this.renderHeading(data, lang)} ${emptyTemplate(lang, listMessages[lang].empty)}`;
  }

  private renderHeading(data: ProjectListData, lang: Lang): TemplateResult {
    const t = listMessages[lang];
    const text = t.heading(this.areaName(data, lang), this.projectsText(data.count, lang), moneyCompact(euros(data.pnrrCents), lang));
    return headingTemplate(headingLevel(this.headingLevel, 2), text, 'title', 'list-title');
  }

  protected override renderData(data: ProjectListData): TemplateResult {
    const lang = this.language;
    const t = listMessages[lang];
    const view = this.viewTask.value;
    const filters = [
      data.provinceName ? t.provinceFilter(isolate(placeName(data.provinceName))) : '',
      data.filters.mission ? t.missionFilter(data.filters.mission) : '',
      data.filters.implementingBody ? t.bodyFilter(isolate(data.filters.implementingBody)) : '',
    ].filter(Boolean);
    return html`<section class="list" aria-labelledby="list-title">
      ${this.renderHeading(data, lang)}
      <div class="summary" part="summary">
        <p>${t.summary(moneyFull(euros(data.pnrrCents), lang), moneyFull(euros(data.totalCents), lang))}</p>
        ${filters.length ? html`<p>${t.filters(filters.join('; '))}</p>` : nothing}
      </div>
      <div class="controls" part="controls">
        <div class="search">
          <label for="search">${t.search}</label>
          <input
            id="search"
            type="search"
            part="search"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="search-hint"
            .value=${this.q ?? ''}
            @input=${(e: Event) => this.setView({ q: (e.target as HTMLInputElement).value })}
          />
          <span id="search-hint" class="hint muted">${t.searchHint}</span>
        </div>
        <button
          type="button"
          class="secondary"
          part="button download-csv"
          ?disabled=${!view}
          aria-disabled=${this.downloading ? 'true' : 'false'}
          aria-busy=${this.downloading ? 'true' : 'false'}
          @click=${() => this.download(data)}
        >
          ${this.downloading ? t.preparing : t.downloadCsv(this.projectsText(view?.total ?? data.count, lang))}
        </button>
        <p class="visually-hidden" role="status">${this.downloadStatus}</p>
      </div>
      ${this.viewTask.status === TaskStatus.ERROR
        ? this.renderViewError(lang)
        : view
          ? this.renderView(data, view, lang)
          : html`<div class="table-placeholder"></div>`}
    </section>`;
  }

  /** A page of the view that could not be read (e.g. a page file of a long list): the error and a retry, under the search box. */
  private renderViewError(lang: Lang): TemplateResult {
    return errorTemplate(this.viewTask.error, lang, () => void this.viewTask.run(), { message: listMessages[lang].viewFailed });
  }

  private pageCount(total: number): number {
    return Math.max(1, Math.ceil(total / PAGE_SIZE));
  }

  private renderView(data: ProjectListData, view: ProjectsPage, lang: Lang): TemplateResult {
    const t = listMessages[lang];
    const pages = this.pageCount(view.total);
    const from = view.offset;
    const page = Math.floor(from / PAGE_SIZE) + 1;
    const rows = view.items;
    const q = (this.q ?? '').trim();
    const sort = this.sortKey();
    const order = this.orderKey();
    const orderText = order === 'asc' ? t.ascending : t.descending;
    const range =
      view.total === 0
        ? t.noMatch(isolate(q))
        : `${t.range(number(from + 1, lang), number(from + rows.length, lang), number(view.total, lang))}${q ? ` (${t.matching(this.projectsText(view.total, lang), isolate(q))})` : ''}. ${t.sortedStatus(t.sortBy(sort), orderText)}`;
    const level = headingLevel(this.headingLevel, 2);
    const header = (column: ListSort | null, label: string, numeric = false) => {
      const cls = numeric ? 'num' : nothing;
      if (!column) return html`<th scope="col" class=${cls}>${label}</th>`;
      const active = column === sort;
      return html`<th scope="col" class=${cls} aria-sort=${active ? (order === 'asc' ? 'ascending' : 'descending') : nothing}>
        <button type="button" part="button sort" data-sort=${column} @click=${() => this.sortBy(column)}>
          ${label}<span class="arrow" aria-hidden="true">${active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>`;
    };
    return html`<p class="status" part="status" role="status">${range}</p>
      <div class="table-wrap" role="region" aria-labelledby="caption" tabindex="0" aria-busy=${this.viewTask.status === TaskStatus.PENDING ? 'true' : 'false'}>
        <table part="table" aria-describedby="sort-hint">
          <caption id="caption">${t.caption(this.areaName(data, lang), t.sortBy(sort), orderText, page, pages)}</caption>
          <thead>
            <tr>
              ${header('title', t.titleColumn)} ${header(null, t.measureColumn)} ${header(null, t.bodyColumn)}
              ${header('pnrr', t.pnrrColumn, true)} ${header('total', t.totalColumn, true)} ${header('paid-share', t.paidColumn, true)}
            </tr>
          </thead>
          <tbody>
            ${rows.map((item, i) => this.renderRow(data, item, from + i, lang, level))}
          </tbody>
        </table>
      </div>
      <p id="sort-hint" class="visually-hidden">${t.sortHint}</p>
      ${pages > 1
        ? html`<nav class="pager" part="pager" aria-label=${t.pages}>
            <button type="button" class="secondary" part="button previous" aria-disabled=${page <= 1 ? 'true' : 'false'} @click=${() => this.step(-1, pages)}>
              ${t.previous}
            </button>
            <span class="page-of">${t.pageOf(page, pages)}</span>
            <button type="button" class="secondary" part="button next" aria-disabled=${page >= pages ? 'true' : 'false'} @click=${() => this.step(1, pages)}>
              ${t.next}
            </button>
          </nav>`
        : nothing}`;
  }

  private renderRow(data: ProjectListData, item: ProjectListItem, index: number, lang: Lang, level: number): TemplateResult {
    const t = listMessages[lang];
    const key = rowKey(item);
    const open = this.opened === key;
    const cardId = `card-${index}`;
    const measure = this.measureOf(data, item);
    const areaPnrr = item.areaPnrrCents ?? item.pnrrCents;
    const areaTotal = item.areaTotalCents ?? item.totalCents;
    const share = paidShare(item);
    const whole = (area: number, full: number) =>
      area !== full ? html`<span class="whole muted">${t.ofWhole(moneyFull(euros(full), lang))}</span>` : nothing;
    const href = this.hrefOf(item);
    const title = href
      ? html`<a part="open" href=${href} @click=${(e: MouseEvent) => this.select(item, e)}>${longText(item.title)}</a>`
      : html`<button type="button" class="link" part="button open" aria-expanded=${open ? 'true' : 'false'} aria-controls=${cardId} @click=${(e: MouseEvent) => this.select(item, e)}>
          ${longText(item.title)}
        </button>`;
    return html`<tr part="row" data-cup=${item.cup} data-local-code=${item.localCode}>
        <th scope="row">${title}<span class="cup muted">CUP ${item.cup}</span></th>
        <td><span class="code">${measure.id}</span> ${longText(measure.name)}</td>
        <td>${longText(item.bodyName)}</td>
        <td class="num" data-value=${areaPnrr}>${moneyFull(euros(areaPnrr), lang)}${whole(areaPnrr, item.pnrrCents)}</td>
        <td class="num" data-value=${areaTotal}>${moneyFull(euros(areaTotal), lang)}${whole(areaTotal, item.totalCents)}</td>
        <td class="num" data-value=${share ?? ''}>
          ${share === null
            ? html`<span class="muted">${t.noPayments}</span>`
            : html`${percent(share, lang)}<span class="whole muted">${t.paidOf(moneyCompact(euros(item.paidCents!), lang), moneyCompact(euros(item.financedCents!), lang))}</span>`}
        </td>
      </tr>
      ${open
        ? html`<tr class="card-row" part="card-row">
            <td colspan="6" id=${cardId}>
              <pnrr-project-card
                cup=${item.cup}
                local-code=${item.localCode}
                src=${this.src ?? nothing}
                theme=${this.theme ?? nothing}
                heading-level=${Math.min(level + 1, 6)}
              ></pnrr-project-card>
            </td>
          </tr>`
        : nothing}`;
  }

  /** `card-href` with `{cup}` and `{localCode}` filled in (URL-encoded); undefined without a template. */
  private hrefOf(item: ProjectListItem): string | undefined {
    const template = opt(this.cardHref);
    if (!template) return undefined;
    return template.replace(/\{cup\}/g, encodeURIComponent(item.cup)).replace(/\{localCode\}/g, encodeURIComponent(item.localCode));
  }

  // ------------------------------------------------------------------ interaction

  /** A search or sort change shows page 1 again. */
  private setView(change: { q?: string; sort?: ListSort; order?: 'asc' | 'desc' }): void {
    if (change.q !== undefined) this.q = change.q;
    if (change.sort !== undefined) this.sort = change.sort;
    if (change.order !== undefined) this.order = change.order;
    this.page = 1;
  }

  /** A header's button: the same column flips the order, another starts at its natural order. */
  private sortBy(column: ListSort): void {
    if (column === this.sortKey()) this.setView({ order: this.orderKey() === 'asc' ? 'desc' : 'asc' });
    else this.setView({ sort: column, order: column === 'title' ? 'asc' : 'desc' });
  }

  /**
   * "Previous" / "next": one page from the page asked for last, not from the page shown — a page read from a
   * long list's page file comes a moment later, and a second press meanwhile must not be lost.
   */
  private step(by: 1 | -1, pages: number): void {
    const page = Math.min(this.requestedPage(), pages) + by;
    if (page < 1 || page > pages) return;
    this.page = page;
  }

  /** A row's title was activated: tell the page (cancelable), then open/close the card or follow the link. */
  private select(item: ProjectListItem, e: MouseEvent): void {
    const detail: ProjectSelectDetail = { cup: item.cup, localCode: item.localCode, title: item.title };
    const event = new CustomEvent('pnrr-project-select', { detail, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(event)) {
      e.preventDefault();
      return;
    }
    if (this.hrefOf(item)) return; // the link is followed
    const key = rowKey(item);
    this.opened = this.opened === key ? undefined : key;
    this.requestUpdate();
  }

  /** Every row of the view as CSV: a long list's other pages are read first (a busy button and a status line meanwhile). */
  private async download(data: ProjectListData): Promise<void> {
    if (!this.viewTask.value || this.downloading) return;
    const lang = this.language;
    const t = listMessages[lang];
    const q = (this.q ?? '').trim();
    const query = this.viewQuery(data, this.q ?? '', this.sortKey(), this.orderKey());
    this.downloading = true;
    this.downloadStatus = t.preparingStatus;
    this.requestUpdate();
    let view: ProjectListItem[];
    try {
      view = await allProjects(clientFor(this.src, this.region), query);
    } catch (error) {
      this.downloadStatus = t.downloadFailed(describeError(error, lang).message);
      return;
    } finally {
      this.downloading = false;
      this.requestUpdate();
    }
    const area = placeName(data.area.name);
    const header = [
      t.csvCup, t.csvLocalCode, t.csvTitle, t.csvMeasure, t.csvMeasureName, t.csvBody, t.csvBodyKey,
      t.csvAreaPnrr(area), t.csvAreaTotal(area), t.csvPnrr, t.csvTotal, t.csvPaid, t.csvFinanced, t.csvPaidShare, t.csvPlaces,
    ];
    const cents = (c: number | null | undefined) => (c == null ? null : c / 100);
    const rows = view.map((i) => {
      const m = this.measureOf(data, i);
      return [
        i.cup, i.localCode, i.title, m.id, m.name, i.bodyName, i.body,
        cents(i.areaPnrrCents ?? i.pnrrCents), cents(i.areaTotalCents ?? i.totalCents), cents(i.pnrrCents), cents(i.totalCents),
        cents(i.paidCents), cents(i.financedCents), paidShare(i), i.places.join(' '),
      ];
    });
    const name = `${slug(`${t.fileName} ${area} ${q}`) || 'pnrr'}.csv`;
    saveText(toCsv(header, rows), name);
    this.downloadStatus = t.downloaded(name);
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pnrr-project-list': PnrrProjectList;
  }
  interface HTMLElementEventMap {
    'pnrr-project-select': CustomEvent<ProjectSelectDetail>;
  }
}
