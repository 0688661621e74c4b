/**
 * Templates of the shared states: skeleton, error (one message per SDK error
 * class), empty, and the attribution line. Every piece of data is bound as
 * text (`${value}`), never as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isPnrrError, type Manifest } from '@pnrr-toscana/sdk';
import { cap, common } from '../i18n/common.js';
import { date, isolate } from '../format.js';
import type { Lang } from '../i18n/lang.js';

/** Rendered state of an element; also exposed as `element.state` and `data-state` on the frame. */
export type WidgetState = 'loading' | 'ready' | 'empty' | 'error' | 'not-found';

/** Skeleton: `lines` grey bars under a title bar; the frame's min-block-size reserves the final size. */
export function skeletonTemplate(lang: Lang, lines = 4): TemplateResult {
  return html`<div class="skeleton" part="skeleton">
    <span class="visually-hidden">${common[lang].loading}</span>
    <span class="bone title" aria-hidden="true"></span>
    ${Array.from({ length: lines }, (_, i) => html`<span class="bone ${i % 3 === 2 ? 'short' : ''}" aria-hidden="true"></span>`)}
  </div>`;
}

// Errors are told apart with the SDK's guard, not `instanceof`: a page may hold
// two copies of the SDK (two bundles), whose classes differ; the guard knows both.
export function stateOfError(error: unknown): WidgetState {
  return isPnrrError(error, 'not-found') ? 'not-found' : 'error';
}

export interface ErrorText {
  message: string;
  detail?: string;
  retry: boolean;
}

const show = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/** The localised message for an error; `retry` says whether trying again can help. */
export function describeError(error: unknown, lang: Lang): ErrorText {
  const t = common[lang];
  if (isPnrrError(error, 'invalid-argument')) {
    const value = show(error.value);
    const label = t.argument(error.argument);
    const message = value === '' || error.value == null ? t.missingArgument(label) : t.invalidArgument(label, value);
    return { message, ...(error.argument === 'cup' ? { detail: t.invalidCupHint } : {}), retry: false };
  }
  if (isPnrrError(error, 'not-found')) {
    return { message: t.notFound(t.argument(error.what), error.value), retry: false };
  }
  if (isPnrrError(error, 'network')) {
    return { message: t.network, detail: error.status === undefined ? t.networkNoResponse : t.networkStatus(error.status), retry: true };
  }
  if (isPnrrError(error, 'data-format')) {
    return { message: t.dataFormat, detail: t.dataFormatFile(error.file), retry: true };
  }
  return { message: t.unexpected, retry: true };
}

/**
 * Error or not-found state, with a retry button when retrying can help.
 * `own`: an element's own wording of this error, in place of the generic one.
 */
export function errorTemplate(error: unknown, lang: Lang, retry: () => void, own?: Partial<ErrorText>): TemplateResult {
  const { message, detail, retry: canRetry } = { ...describeError(error, lang), ...own };
  const state = stateOfError(error);
  // No role="alert": the element's polite status region announces the message once.
  return html`<div class="state ${state}" part="state ${state}">
    <p class="message">${message}</p>
    ${detail ? html`<p class="detail">${detail}</p>` : nothing}
    ${canRetry ? html`<button type="button" part="retry" @click=${retry}>${common[lang].retry}</button>` : nothing}
  </div>`;
}

export function emptyTemplate(lang: Lang, message?: string): TemplateResult {
  return html`<div class="state empty" part="state empty"><p class="message">${message ?? common[lang].empty}</p></div>`;
}

/**
 * Attribution line: the package's own attribution text (it names the source
 * and the licence, as the licence requires), a link to the licence whose text
 * is its name (so the line reads the same printed), and the data date.
 */
export function attributionTemplate(manifest: Manifest | undefined, lang: Lang): TemplateResult {
  const t = common[lang];
  if (!manifest) return html`<p class="attribution" part="attribution" aria-hidden="true">&nbsp;</p>`;
  return html`<p class="attribution" part="attribution">
    ${isolate(manifest.attribution.data, 2000)} ${t.licence}:
    <a href=${manifest.licence.url} rel="license noopener">${manifest.licence.name}</a>.
    ${cap(t.dataAsOf(date(manifest.referenceDate, lang)))}.
  </p>`;
}

/** Heading level from a `heading-level` attribute value: 1…6, else `fallback`. */
export function headingLevel(value: unknown, fallback = 3): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 6 ? n : fallback;
}

/**
 * A heading at a level chosen by the host page (`heading-level`), so the
 * widget fits the page's outline. `role="heading"` + `aria-level` keeps one
 * static template (no dynamic tag names, no unsafe statics). `level`: 1…6
 * (see headingLevel()).
 */
export function headingTemplate(level: number, content: unknown, part: string, id?: string): TemplateResult {
  return html`<div role="heading" aria-level=${level} class="heading" part=${part} id=${id ?? nothing}>${content}</div>`;
}
