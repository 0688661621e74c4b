/**
 * A Lit reactive controller that draws a Vega-Lite spec into an element of the
 * host's shadow root, but only when it is worth it:
 * - the host is in or near the viewport (IntersectionObserver, `rootMargin`),
 * - the host has a spec (its data has arrived), and
 * - the target has a width (ResizeObserver; the spec is rebuilt for each width,
 *   so labels are wrapped and sized for the space really available).
 * vega itself is imported when the host first comes near the viewport, while
 * its data are still downloading, not after them (see render.ts).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TopLevelSpec } from 'vega-lite';
import { loadVega, renderSpec, type RenderOptions, type VegaHandle } from './render.js';

/** Builds the spec for a given width in px. */
export type SpecBuilder = (width: number) => TopLevelSpec;

export interface VegaControllerOptions {
  /** The element the chart is drawn into (looked up after each host update). */
  target: () => HTMLElement | null | undefined;
  /**
   * The element whose width is observed (default: the target). Best a
   * zero-height element as wide as the target, so the drawing's own height
   * changes do not notify the ResizeObserver.
   */
  sizer?: () => HTMLElement | null | undefined;
  /** The element the tooltip is written into. */
  tooltip?: () => HTMLElement | null | undefined;
  onClick?: RenderOptions['onClick'];
  /** Called after each render, with the new handle. */
  onRender?: (handle: VegaHandle) => void;
  /** Start drawing this far before the host scrolls into view (default "200px"). */
  rootMargin?: string;
}

/** Width changes smaller than this do not redraw (avoids scrollbar ping-pong). */
const MIN_WIDTH_CHANGE = 4;

export class VegaController implements ReactiveController {
  /** The current view, once drawn. */
  handle: VegaHandle | null = null;
  /** The last render error, if any (the host shows its error state). */
  error: unknown = null;

  private build: SpecBuilder | null = null;
  private generation = 0;
  private drawnGeneration = -1;
  private drawnWidth = 0;
  private width = 0;
  private visible = false;
  private running = false;
  /** Counts removals from the page: a render that outlives one is discarded. */
  private disconnections = 0;
  private observedTarget: HTMLElement | null = null;
  private observedSizer: HTMLElement | null = null;
  private intersection: IntersectionObserver | null = null;
  private resize: ResizeObserver | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private waiters: Array<(handle: VegaHandle | null) => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: VegaControllerOptions,
  ) {
    host.addController(this);
  }

  /** Sets the spec builder (null: nothing to draw, e.g. loading, error or empty). */
  setSpec(build: SpecBuilder | null): void {
    this.build = build;
    this.generation++;
    this.error = null;
    if (!build) this.clear();
    this.pump();
  }

  /**
   * Resolves with the handle once the current spec has been drawn at the
   * current width (null when there is no spec).
   */
  rendered(): Promise<VegaHandle | null> {
    if (!this.build) return Promise.resolve(null);
    if (this.isCurrent()) return Promise.resolve(this.handle);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  hostConnected(): void {
    this.intersection = new IntersectionObserver(
      (entries) => {
        this.visible = entries.some((e) => e.isIntersecting);
        // About to be seen: start downloading vega now, in parallel with the data
        // (a failed download is tried again by the render that needs it).
        if (this.visible) loadVega().catch(() => undefined);
        this.pump();
      },
      { rootMargin: this.options.rootMargin ?? '200px' },
    );
    this.intersection.observe(this.host);
    this.resize = new ResizeObserver((entries) => {
      const width = Math.floor(entries[entries.length - 1]?.contentRect.width ?? 0);
      if (Math.abs(width - this.width) < MIN_WIDTH_CHANGE) return;
      clearTimeout(this.resizeTimer);
      // Never draw inside the observer's callback: DOM changes made there (or in
      // the microtasks right after it) would re-notify in the same frame and raise
      // "ResizeObserver loop completed with undelivered notifications". The first
      // width is applied on the next task, later ones debounced (drags fire many).
      this.resizeTimer = setTimeout(
        () => {
          this.width = width;
          this.pump();
        },
        this.width === 0 ? 0 : 120,
      );
    });
    this.observeTarget();
  }

  hostUpdated(): void {
    this.observeTarget();
  }

  hostDisconnected(): void {
    this.disconnections++;
    this.intersection?.disconnect();
    this.resize?.disconnect();
    this.intersection = this.resize = null;
    this.observedTarget = this.observedSizer = null;
    clearTimeout(this.resizeTimer);
    this.visible = false;
    this.width = 0;
    this.clear();
  }

  private observeTarget(): void {
    const target = this.options.target() ?? null;
    if (target === this.observedTarget || !this.resize) return;
    const sizer = (this.options.sizer?.() ?? null) || target;
    if (this.observedSizer) this.resize.unobserve(this.observedSizer);
    this.observedTarget = target;
    this.observedSizer = sizer;
    if (sizer) this.resize.observe(sizer);
    // A new target element (re-created by the template) holds nothing yet.
    this.drawnGeneration = -1;
    this.pump();
  }

  private clear(): void {
    this.handle?.finalize();
    this.handle = null;
    this.drawnGeneration = -1;
    this.settle();
  }

  private isCurrent(): boolean {
    return (
      this.handle !== null &&
      this.drawnGeneration === this.generation &&
      Math.abs(this.drawnWidth - this.width) < MIN_WIDTH_CHANGE
    );
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(this.handle);
  }

  private ready(): boolean {
    return Boolean(this.build && this.visible && this.width > 0 && this.observedTarget && this.host.isConnected);
  }

  /** Draws until the drawing matches the latest spec and width; one render at a time. */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.ready() && !this.isCurrent()) {
        const generation = this.generation;
        const width = this.width;
        const target = this.observedTarget!;
        const spec = this.build!(width);
        const disconnections = this.disconnections;
        this.handle?.finalize();
        this.handle = null;
        try {
          const handle = await renderSpec(target, spec, {
            tooltip: this.options.tooltip?.() ?? null,
            ...(this.options.onClick ? { onClick: this.options.onClick } : {}),
          });
          // Removed while vega was drawing: clear() ran before this view existed, so
          // finalize it here, or the view (its listeners, its SVG) outlives the element.
          if (this.disconnections !== disconnections) {
            handle.finalize();
            return;
          }
          this.handle = handle;
        } catch (error) {
          this.error = error;
          this.settle();
          this.host.requestUpdate();
          return;
        }
        this.drawnGeneration = generation;
        this.drawnWidth = width;
        if (this.isCurrent()) {
          this.options.onRender?.(this.handle);
          this.settle();
        }
      }
    } finally {
      this.running = false;
    }
  }
}
