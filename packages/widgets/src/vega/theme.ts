/**
 * Colours for the vega specs, read from the element's resolved theme (the
 * base styles set `--_text`, `--_background`, … on :host from the public
 * `--pnrr-*` properties), so a host page's theming reaches inside the SVG.
 */
import type { SpecTheme } from './specs.js';

/** The resolved value of a private theme variable on `host` (falls back when unset). */
export function cssVar(host: Element, name: string, fallback: string): string {
  const value = getComputedStyle(host).getPropertyValue(name).trim();
  return value || fallback;
}

/** Whether the element currently renders with its dark palette. */
export function isDark(host: Element): boolean {
  return getComputedStyle(host).colorScheme.includes('dark');
}

/** Text colour, background and font of `host`, for a spec. */
export function specTheme(host: Element): SpecTheme {
  const style = getComputedStyle(host);
  const fontSize = Number.parseFloat(style.fontSize);
  return {
    text: cssVar(host, '--_text', '#1a1a1a'),
    background: cssVar(host, '--_background', '#ffffff'),
    font: style.fontFamily || 'sans-serif',
    fontSize: Number.isFinite(fontSize) ? Math.max(12, Math.min(16, Math.round(fontSize * 0.875))) : 13,
  };
}
