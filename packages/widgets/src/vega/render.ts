/**
 * Lazy, CSP-safe rendering of Vega-Lite specs.
 *
 * `vega-embed` (with vega and vega-lite, ≈280 KiB gz) is imported dynamically
 * the first time a chart or map is actually drawn, so a page with only project
 * cards never downloads it. The options are the ones a strict host page needs:
 * - `ast: true`: expressions run through vega's interpreter, never `new Function`
 *   (works under `script-src 'self'` with no `unsafe-eval`);
 * - `actions: false`: no menu linking to external editors;
 * - `defaultStyle: false`: no `<style>` injected;
 * - a tooltip handler of our own that writes into an element inside the shadow
 *   root (vega-tooltip's default puts `#vg-tooltip-element` on `document.body`
 *   and a `<style>` in `document.head`);
 * - the element itself as target (a selector cannot reach into a shadow root);
 * - the SVG renderer (accessible, printable, crisp).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { View, Item, Mark, Spec } from 'vega';
import type * as VegaEmbed from 'vega-embed';

/**
 * Layers whose name starts with this are drawn but never take the pointer
 * (render.ts sets vega's `interactive: false` on them, i.e. SVG
 * `pointer-events="none"`): borders and outlines drawn over the comuni must
 * let the mouse reach the comune underneath.
 */
export const INERT_PREFIX = 'inert_';


type VegaEmbedModule = typeof VegaEmbed;

let loading: Promise<VegaEmbedModule> | null = null;

/** Imports vega-embed once; later calls share the same promise. */
export function loadVega(): Promise<VegaEmbedModule> {
  loading ??= import('vega-embed').catch((error: unknown) => {
    loading = null; // let a later render retry (e.g. the chunk failed to download)
    throw error;
  });
  return loading;
}

const refuse = (): Promise<never> => Promise.reject(new Error('vega may not load URLs in these widgets'));

/** The embed options every drawing uses, on the page or off-page for downloads (see the header). */
const EMBED_OPTIONS = {
  ast: true,
  actions: false,
  defaultStyle: false,
  renderer: 'svg',
  // Nothing is ever fetched by vega: data arrives inline. A loader that refuses
  // makes that a guarantee rather than a habit.
  loader: { load: refuse, sanitize: refuse, http: refuse, file: refuse } as never,
  logLevel: 0,
  patch: inert,
} as const;

/**
 * vega-lite makes every geoshape interactive and has no way to say otherwise:
 * the compiled Vega spec's layers named `inert_…` (see INERT_PREFIX) get
 * `interactive: false`, so borders and outlines never take the pointer.
 */
function inert(spec: Spec): Spec {
  const walk = (marks: Mark[] | undefined): void => {
    for (const mark of marks ?? []) {
      if (mark.name?.startsWith(INERT_PREFIX)) mark.interactive = false;
      if (mark.type === 'group') walk(mark.marks);
    }
  };
  walk(spec.marks);
  return spec;
}

/** Handle on a rendered view, for downloads and clean-up. */
export interface VegaHandle {
  readonly view: View;
  /** A data: or blob: URL of the current view as an image (PNG scaled for sharpness). */
  toImageURL(type: 'png' | 'svg', scale?: number): Promise<string>;
  /** Stops timers and listeners of the view; the target is emptied. */
  finalize(): void;
}

export interface RenderOptions {
  /** Element (inside the shadow root) the tooltip is written into. */
  tooltip?: HTMLElement | null;
  /** Called with the datum of a clicked mark (e.g. a comune's feature). */
  onClick?: (datum: Record<string, unknown>, event: Event) => void;
}

/**
 * Renders `spec` into `target` and resolves once the view has been drawn.
 */
export async function renderSpec(target: HTMLElement, spec: TopLevelSpec, options: RenderOptions = {}): Promise<VegaHandle> {
  const { default: embed } = await loadVega();
  const tooltipEl = options.tooltip ?? null;
  const result = await embed(target, spec, {
    ...EMBED_OPTIONS,
    // `false` would still be fine for CSP; our own handler keeps tooltips available.
    tooltip: tooltipEl ? tooltipHandler(tooltipEl) : false,
  });
  const view = result.view;
  // The drawing is one image to assistive technology: the host labels the
  // target (role="img" + aria-label) and offers the text summary and the data
  // table; vega's own per-mark roles would only repeat them without names.
  target.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  // vega labels its container with the spec's description (the summary): the
  // page already reads the summary once, and the wrapper labels the image.
  target.removeAttribute('aria-label');
  if (options.onClick) {
    const onClick = options.onClick;
    view.addEventListener('click', (event: unknown, item: Item | null | undefined) => {
      const datum = item?.datum as Record<string, unknown> | undefined;
      if (datum) onClick(datum, event as Event);
    });
  }
  return {
    view,
    toImageURL: (type, scale = type === 'png' ? 2 : 1) => view.toImageURL(type, scale),
    finalize: () => {
      result.finalize();
      if (tooltipEl) tooltipEl.hidden = true;
      target.replaceChildren();
    },
  };
}

/**
 * Draws `spec` off-page (into a detached element: nothing is added to the
 * document) and returns it as an image URL. Used for downloads, whose spec
 * carries its own title, notes and source line so the file stands alone.
 */
export async function specToImageURL(spec: TopLevelSpec, type: 'png' | 'svg', scale = type === 'png' ? 2 : 1): Promise<string> {
  const { default: embed } = await loadVega();
  const result = await embed(document.createElement('div'), spec, { ...EMBED_OPTIONS, tooltip: false });
  try {
    return await result.view.toImageURL(type, scale);
  } finally {
    result.finalize();
  }
}

/**
 * A vega tooltip handler that shows `value` (a preformatted string, or an
 * object of field → value) as plain text in `el`, positioned near the pointer
 * relative to `el`'s offset parent. Data text is set with textContent only.
 */
export function tooltipHandler(el: HTMLElement) {
  el.hidden = true;
  return (_handler: unknown, event: MouseEvent, _item: unknown, value: unknown): void => {
    if (value === null || value === undefined || value === '') {
      el.hidden = true;
      return;
    }
    el.textContent =
      typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join('\n')
        : String(value);
    el.hidden = false;
    const parent = (el.offsetParent as HTMLElement | null) ?? el.parentElement;
    if (!parent || !event) return;
    const box = parent.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    // Keep the tooltip inside the widget: flip to the left of the pointer near the right edge.
    const width = el.offsetWidth;
    const left = x + 14 + width > box.width ? Math.max(0, x - 14 - width) : x + 14;
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(y + 14)}px`;
  };
}
