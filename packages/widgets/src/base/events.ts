/**
 * Events of the widgets: all named `pnrr-*`, all `bubbles` + `composed` so a
 * page can listen on `document`, through any shadow root. Each event is
 * declared in `HTMLElementEventMap` (next to the module that fires it), which
 * types `addEventListener` for users and `emit()` for us.
 */
export type PnrrEventName = Extract<keyof HTMLElementEventMap, `pnrr-${string}`>;
type DetailOf<K extends PnrrEventName> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a typed `pnrr-*` CustomEvent (bubbles, composed) from `target`. */
export function emit<K extends PnrrEventName>(target: EventTarget, type: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** Detail of `pnrr-load`: the element rendered its data. */
export interface PnrrLoadDetail {
  /** The data package read (its manifest's reference date, ISO). */
  referenceDate: string;
}

/** Detail of `pnrr-error`: the element shows its error or not-found state. */
export interface PnrrErrorDetail {
  /** The error (an SDK `PnrrError` subclass, or another Error). */
  error: unknown;
}

declare global {
  interface HTMLElementEventMap {
    'pnrr-load': CustomEvent<PnrrLoadDetail>;
    'pnrr-error': CustomEvent<PnrrErrorDetail>;
  }
}
