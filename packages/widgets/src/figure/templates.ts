/**
 * Pieces shared by the chart and the map: the plot box (vega target + tooltip
 * inside the shadow root), the toolbar (data table, CSV, PNG, SVG), the notes
 * (their styles: ./styles.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Manifest, PopulationYear } from '@pnrr-toscana/sdk';
import { saveText, saveUrl, slug } from './download.js';
import { cap, common } from '../i18n/common.js';
import { date } from '../format.js';
import type { Lang } from '../i18n/lang.js';

/**
 * `per-capita` attribute: absent → off; present empty, "true" or "istat2021" →
 * ISTAT 1/1/2021; "anpr2025" → ANPR January 2025. Anything else is passed on
 * so the SDK reports it as an invalid argument.
 */
export const perCapitaConverter = {
  fromAttribute(value: string | null): boolean | string {
    if (value === null || value === 'false') return false;
    return value === '' || value === 'true' ? true : value;
  },
};

export function populationYear(value: boolean | string | null | undefined): PopulationYear | undefined {
  if (value === true) return 'istat2021';
  if (!value) return undefined;
  return value as PopulationYear;
}

/** Trimmed attribute value, undefined when empty. */
export const opt = (value: string | null | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

export interface ToolbarLabels {
  actions: string;
  showTable: string;
  hideTable: string;
  downloadCsv: string;
  downloadPng: string;
  downloadSvg: string;
}

export interface ToolbarState {
  tableOpen: boolean;
  toggleTable: () => void;
  csv: () => { text: string; name: string };
  /** The drawing as an image URL; null until the drawing exists. */
  image: ((type: 'png' | 'svg') => Promise<string>) | null;
  imageName: string;
  /** Text of the toolbar's polite status region. */
  status: string;
  /** A file was handed to the browser (its name). */
  saved: (name: string) => void;
}

/** Source line for downloaded images (the page shows the base's attribution line instead). */
export function sourceLine(manifest: Manifest | undefined, lang: Lang): string {
  if (!manifest) return '';
  const t = common[lang];
  // Same wording as the base's attribution line.
  return `${manifest.attribution.data} ${t.licence}: ${manifest.licence.name}. ${cap(t.dataAsOf(date(manifest.referenceDate, lang)))}.`;
}

/** Buttons under a chart or map. PNG/SVG wait for the drawing. */
export function toolbarTemplate(t: ToolbarLabels, s: ToolbarState, tableId: string): TemplateResult {
  const image = async (type: 'png' | 'svg') => {
    if (!s.image) return;
    const name = `${s.imageName}.${type}`;
    saveUrl(await s.image(type), name);
    s.saved(name);
  };
  return html`<div class="toolbar" part="toolbar" role="group" aria-label=${t.actions}>
    <button type="button" class="secondary" part="button table-toggle" aria-expanded=${s.tableOpen ? 'true' : 'false'} aria-controls=${tableId} @click=${s.toggleTable}>
      ${s.tableOpen ? t.hideTable : t.showTable}
    </button>
    <button
      type="button"
      class="secondary"
      part="button download-csv"
      @click=${() => {
        const { text, name } = s.csv();
        saveText(text, name);
        s.saved(name);
      }}
    >
      ${t.downloadCsv}
    </button>
    <button type="button" class="secondary" part="button download-png" ?disabled=${!s.image} @click=${() => image('png')}>${t.downloadPng}</button>
    <button type="button" class="secondary" part="button download-svg" ?disabled=${!s.image} @click=${() => image('svg')}>${t.downloadSvg}</button>
    <p class="visually-hidden" role="status">${s.status}</p>
  </div>`;
}

/** Plot box: the vega target (an image with a label, or hidden when the table/summary is the alternative) and its tooltip. */
export function plotTemplate(label: string, minHeight: number, drawError?: string): TemplateResult {
  // vega-embed gives its target role="graphics-document": the image role and its
  // label sit on a wrapper so they stay ours.
  // The sizer follows the box's width but has no height, so the drawing changing
  // the box's height never re-triggers the ResizeObserver (no RO loop errors).
  // The image box has the room the figure's fixed block size leaves; a drawing
  // taller than that (a long list of bars) scrolls inside it (see reservePlotHeight).
  return html`<div class="plot-wrap" part="plot">
    ${drawError ? html`<p class="draw-error" role="alert">${drawError}</p>` : nothing}
    <div class="plot-image" role="img" aria-label=${label}><div class="plot-sizer" aria-hidden="true"></div><div class="plot" data-min-height=${minHeight}></div></div>
    <div class="tooltip" part="tooltip" role="tooltip" hidden></div>
  </div>`;
}

/**
 * Reserves the plot box's height until vega has drawn into it (so the page
 * does not move when the drawing arrives), through CSSOM, which a strict
 * `style-src` allows. Once drawn, the drawing's own height rules.
 */
export function reservePlotHeight(root: ParentNode): void {
  const plot = root.querySelector<HTMLElement>('.plot');
  if (!plot) return;
  const h = Number(plot.dataset.minHeight);
  plot.style.minBlockSize = plot.querySelector('svg') || !(h > 0) ? '' : `${Math.round(h)}px`;
  // A drawing taller than its box scrolls: then, and only then, the box takes
  // the keyboard's focus, so arrow keys can scroll it (WCAG 2.1.1).
  const box = plot.parentElement!;
  if (box.scrollHeight > box.clientHeight + 1) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

export function notesTemplate(notes: readonly string[]): TemplateResult | typeof nothing {
  if (notes.length === 0) return nothing;
  return html`<div class="notes" part="notes">${notes.map((n) => html`<p>${n}</p>`)}</div>`;
}

export const fileName = (...parts: Array<string | undefined>): string => slug(parts.filter(Boolean).join(' ')) || 'pnrr';
