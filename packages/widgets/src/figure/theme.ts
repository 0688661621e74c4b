/**
 * Colours for the vega specs, read from the element's resolved theme (the
 * base styles set `--_text`, `--_background`, … on :host from the public
 * `--pnrr-*` properties), so a host page's theming reaches inside the SVG.
 */
import type { SpecTheme } from './spec.js';

/** Whether the page is in forced-colours mode (e.g. Windows High Contrast). */
export const forcedColors = (): boolean => globalThis.matchMedia?.('(forced-colors: active)').matches ?? false;

/**
 * A colour keyword (`CanvasText`, `Highlight`, … as the base styles set in
 * forced-colours mode) as the rgb() it stands for now, through a probe in
 * `host`'s shadow root: the SVG (and the downloaded images) get concrete colours.
 */
function resolveColor(host: Element, value: string, always = false): string {
  if (!value || (!always && !/^[a-z]+$/i.test(value)) || typeof document === 'undefined') return value;
  const probe = document.createElement('span');
  probe.style.setProperty('color', value);
  probe.style.setProperty('forced-color-adjust', 'none');
  (host.shadowRoot ?? host).append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || value;
}

/** The resolved value of a private theme variable on `host` (falls back when unset). */
export function cssVar(host: Element, name: string, fallback: string): string {
  const value = getComputedStyle(host).getPropertyValue(name).trim();
  return resolveColor(host, value || fallback);
}

/** Whether the element's background is dark (dark theme, or a dark forced-colours palette). */
export function isDark(host: Element): boolean {
  const value = getComputedStyle(host).getPropertyValue('--_background').trim();
  const rgb = /rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)/.exec(resolveColor(host, value, true));
  if (!rgb) return getComputedStyle(host).colorScheme.includes('dark');
  const [r, g, b] = rgb.slice(1).map(Number) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Text colour, background and font of `host`, for a spec. */
export function specTheme(host: Element): SpecTheme {
  const style = getComputedStyle(host);
  const fontSize = Number.parseFloat(style.fontSize);
  return {
    text: cssVar(host, '--_text', '#1a1a1a'),
    background: cssVar(host, '--_background', '#ffffff'),
    font: style.fontFamily || 'sans-serif',
    // Follows the text size up to 200 % of a 16 px page (WCAG 1.4.4): labels are wrapped, never cut.
    fontSize: Number.isFinite(fontSize) ? Math.max(12, Math.min(28, Math.round(fontSize * 0.875))) : 13,
  };
}
