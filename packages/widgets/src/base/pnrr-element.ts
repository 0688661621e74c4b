/**
 * The base class of every `pnrr-*` element: the one way the widgets resolve
 * their data package, load data, show loading / error / empty states, pick a
 * language, theme themselves and credit the source. See ./README.md.
 */
import { LitElement, html, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Manifest } from '@pnrr-toscana/sdk';
import { CONFIGURE_EVENT, clientFor, pageConfig, type PnrrClient } from './client.js';
import { emit } from './events.js';
import { resolveLang, watchLang, type Lang } from '../i18n/lang.js';
import { attributionTemplate, describeError, emptyTemplate, errorTemplate, skeletonTemplate, stateOfError, type ErrorText, type WidgetState } from './states.js';
import { common } from '../i18n/common.js';
import { baseStyles } from './styles.js';

export type Theme = 'auto' | 'light' | 'dark';

const isAbort = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';

/**
 * @attr lang - `it` (default) or `en`. Without it, the nearest `lang` attribute up the page (crossing shadow roots); other languages fall back to `it`.
 *
 * @fires pnrr-load - The data arrived and are shown. `detail: { referenceDate }`.
 * @fires pnrr-error - The element shows its error or not-found state. `detail: { error }`.
 *
 * @csspart base - The frame around the whole element (border, background, padding).
 * @csspart body - The content area of the frame, above the attribution.
 * @csspart skeleton - The loading placeholder.
 * @csspart state - The error, not-found or empty message box (also `error`, `not-found`, `empty`).
 * @csspart retry - The "try again" button of the error state.
 * @csspart attribution - The source, licence and data date line.
 *
 * @cssprop --pnrr-font-family - Font of the widget (default: inherited from the page).
 * @cssprop --pnrr-spacing - Padding and gaps (default 16px, DSI `--it-spacing-4x`).
 * @cssprop --pnrr-radius - Corner radius (default 4px, DSI `--it-radius-smooth`).
 * @cssprop --pnrr-min-block-size - A minimum height in every state (default none: each element keeps one fixed height in every state by itself, see docs/layout-shift.md).
 * @cssprop --pnrr-color-background - Background, light theme (DSI white).
 * @cssprop --pnrr-color-surface - Secondary background, light theme (DSI gray-96).
 * @cssprop --pnrr-color-text - Text, light theme (DSI gray-10).
 * @cssprop --pnrr-color-text-muted - Secondary text, light theme (DSI slate-44).
 * @cssprop --pnrr-color-primary - Links, buttons, focus ring, light theme (DSI blue-40).
 * @cssprop --pnrr-color-on-primary - Text on primary buttons, light theme (white).
 * @cssprop --pnrr-color-danger - Error messages, light theme (DSI red-50).
 * @cssprop --pnrr-color-border - Borders and rules, light theme (DSI slate-78).
 * @cssprop --pnrr-color-skeleton - Loading placeholder bars, light theme (DSI slate-93).
 * @cssprop --pnrr-dark-color-background - Background, dark theme (DSI gray-10). Every `--pnrr-color-*` has a `--pnrr-dark-color-*` twin.
 */
export abstract class PnrrElement<T> extends LitElement {
  /** Lit reactive properties shared by every element: `src`, `region` and `theme`. */
  static override properties: PropertyDeclarations = {
    src: { type: String },
    region: { type: String },
    theme: { type: String, reflect: true },
  };

  /** Shadow-DOM styles every element starts from: theme tokens, the frame and the state views. */
  static override styles: CSSResultGroup = baseStyles;

  // `lang` is the native global attribute, not a Lit property (which would
  // shadow HTMLElement#lang); we only need to re-render when it changes.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** URL of the data package (absolute or relative to the page). Default: `configure({ src })`, else the bundle's default, else the package embedded in the SDK. */
  declare src: string | undefined;
  /**
   * A data package shipped with the kit: `toscana` (the default) or `liguria` (the pilot's partner region; no payments
   * file, so no `paid` metrics). In the CDN folder it reads `data/<region>/` beside the script. `src`, when given, wins.
   */
  declare region: string | undefined;
  /** `auto` (default: follows `prefers-color-scheme`), `light` or `dark` (let a site with its own dark-mode toggle decide). */
  declare theme: Theme | undefined;

  /** Manifest of the data package read, once known (kept when the data call itself fails). */
  protected manifest: Manifest | undefined;

  /** Lines of the loading skeleton. */
  protected skeletonLines = 4;

  /** The user has expanded the element (its details, its data table): the frame drops its fixed block size. */
  protected expanded = false;

  private abortedByDisconnect = false;
  // The status region speaks only when the data are loaded again (a filter or
  // language change, a retry): a page with several widgets stays quiet on load.
  private settledOnce = false;
  private reloaded = false;
  private unwatchLang: (() => void) | undefined;
  private readonly onConfigure = (): void => this.requestUpdate();

  /** Loads the data: re-runs when `src`, the page configuration or `dataArgs()` change; aborts the previous run. */
  protected readonly dataTask = new Task(this, {
    task: async ([src, region], { signal }) => {
      // Inside the task, an unknown region is an error of the element, shown in its error state.
      const c = clientFor(src as string | undefined, region as string | undefined);
      this.manifest = await c.manifest({ signal });
      return this.loadData(c, signal);
    },
    // pageConfig(): a new object after each configure(), so the data are read again.
    args: () => [this.src, this.region, pageConfig(), ...this.dataArgs()] as unknown[],
    onComplete: () => {
      void this.updateComplete.then(() => emit(this, 'pnrr-load', { referenceDate: this.manifest?.referenceDate ?? '' }));
    },
    onError: (error) => {
      if (!isAbort(error)) void this.updateComplete.then(() => emit(this, 'pnrr-error', { error }));
    },
  });


  /** The values (usually attributes) the data depend on; a change re-runs `loadData`. */
  protected abstract dataArgs(): readonly unknown[];

  /**
   * Fetches the element's data through the SDK. Pass `signal` to every SDK
   * call so that a change of attributes or removing the element aborts it.
   * Throw an SDK error (e.g. `InvalidArgumentError`) for bad attributes.
   */
  protected abstract loadData(client: PnrrClient, signal: AbortSignal): Promise<T>;

  /** The element's content once the data are there (not empty). */
  protected abstract renderData(data: T): TemplateResult;

  /** Whether the data call gave nothing to show (renders the empty state). */
  protected isEmpty(_data: T): boolean {
    return false;
  }

  /** Empty state; override to say something more specific. */
  protected renderEmpty(_data: T): TemplateResult {
    return emptyTemplate(this.language);
  }

  /** An element's own wording of an error (its message, its detail), in place of the generic one. */
  protected ownErrorText(_error: unknown, _lang: Lang): Partial<ErrorText> | undefined {
    return undefined;
  }

  /** Loading state; the frame keeps its min block size around it. */
  protected renderSkeleton(): TemplateResult {
    return skeletonTemplate(this.language, this.skeletonLines);
  }

  /** The language the element speaks now (`it` or `en`). */
  get language(): Lang {
    return resolveLang(this);
  }

  /** What the element shows now. */
  get state(): WidgetState {
    switch (this.dataTask.status) {
      case TaskStatus.COMPLETE:
        return this.isEmpty(this.dataTask.value as T) ? 'empty' : 'ready';
      case TaskStatus.ERROR:
        return isAbort(this.dataTask.error) ? 'loading' : stateOfError(this.dataTask.error);
      default:
        return 'loading';
    }
  }

  /** Runs the data call again (the retry button does this). */
  retry(): void {
    void this.dataTask.run();
  }

  /** Resolves when the current data call has settled and the result is rendered (never rejects). */
  async settled(): Promise<WidgetState> {
    await this.updateComplete; // the first update starts the task
    try {
      await this.dataTask.taskComplete;
    } catch {
      // the error is rendered, not thrown
    }
    await this.updateComplete;
    return this.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatchLang = watchLang(() => this.requestUpdate());
    globalThis.addEventListener?.(CONFIGURE_EVENT, this.onConfigure);
    if (this.abortedByDisconnect) {
      this.abortedByDisconnect = false;
      void this.dataTask.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchLang?.();
    globalThis.removeEventListener?.(CONFIGURE_EVENT, this.onConfigure);
    if (this.dataTask.status === TaskStatus.PENDING) {
      // Nobody will see the answer: stop downloading it. Reconnecting runs it again.
      this.abortedByDisconnect = true;
      this.dataTask.abort(new DOMException('The element was removed from the page', 'AbortError'));
    }
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const lang = this.language;
    const state = this.state;
    const failed = state === 'error' || state === 'not-found';
    const error = this.dataTask.error;
    const own = failed ? this.ownErrorText(error, lang) : undefined;
    let body: unknown;
    if (state === 'loading') body = this.renderSkeleton();
    else if (failed) body = errorTemplate(error, lang, () => this.retry(), own);
    else if (state === 'empty') body = this.renderEmpty(this.dataTask.value as T);
    else body = this.renderData(this.dataTask.value as T);
    if (state !== 'loading') this.settledOnce = true;
    else if (this.settledOnce) this.reloaded = true;
    // One polite status region outside the busy frame: errors always, loading/updated only on reloads.
    const status = failed ? (own?.message ?? describeError(error, lang).message) : !this.reloaded ? '' : state === 'loading' ? common[lang].loading : common[lang].updated;
    // `lang` on the content: the resolved language may differ from the page's (e.g. `fr` falls back to `it`).
    return html`<div class="frame ${this.expanded ? 'open' : ''}" part="base" lang=${lang} data-state=${state} aria-busy=${state === 'loading' ? 'true' : 'false'}>
        <div class="body" part="body">${body}</div>
        ${attributionTemplate(this.manifest, lang)}
      </div>
      <p class="visually-hidden" role="status" lang=${lang}>${status}</p>`;
  }
}
