/** Styles of the figure frame: summary, notes, plot, tooltip, toolbar, data table; and how a figure prints. */
import { css } from 'lit';

export const figureStyles = css`
  .figure {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    /* The body's height (the frame's block size is fixed): the plot takes what the text leaves. */
    block-size: 100%;
    margin: 0;
    min-inline-size: 0;
    /* A name with no break (a 10,000-character one) wraps instead of widening the page. */
    overflow-wrap: anywhere;
  }
  .figure p {
    margin: 0;
  }
  .heading {
    font-weight: 700;
    font-size: 1.125em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .summary {
    font-size: 1em;
  }
  .notes {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    font-size: 0.875em;
    color: var(--_text-muted);
  }
  .plot-wrap {
    position: relative;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
  }
  /* In the fixed block size, the drawing takes the room the text leaves (a
     taller one scrolls); expanded (the data table open) or on paper, it keeps
     the height it was drawn at. */
  @media screen {
    .frame:not(.open) :is(.figure > .plot-wrap, .figure > .layout, .plot-image) {
      flex: 1 1 0;
      min-block-size: 0;
    }
  }
  .plot-image {
    position: relative;
    overflow-y: auto;
  }
  .plot-sizer {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    block-size: 0;
    visibility: hidden;
    pointer-events: none;
  }
  .plot {
    inline-size: 100%;
    overflow: hidden;
  }
  /* The drawing is data in colour (classes of the map, bars): it keeps its own
     colours, which the element takes from the system colours in forced-colours mode. */
  .plot-image {
    forced-color-adjust: none;
  }
  .plot svg {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
  }
  .tooltip {
    position: absolute;
    z-index: 2;
    max-inline-size: min(18rem, 100%);
    /* Data lines are cut at 160 characters (vega/text.ts); this bounds the rest. */
    max-block-size: 16em;
    overflow: hidden;
    overflow-wrap: anywhere;
    padding: 0.375em 0.625em;
    white-space: pre-line;
    pointer-events: none;
    font-size: 0.875em;
    line-height: 1.4;
    background: var(--_background);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--pnrr-radius, 4px);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
  }
  .tooltip[hidden] {
    display: none;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  button.secondary {
    background: transparent;
    color: var(--_primary);
    border-color: var(--_primary);
    font-size: 0.875em;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  @media (forced-colors: active) {
    button:disabled {
      opacity: 1;
      color: GrayText;
      border-color: GrayText;
    }
  }
  .table-wrap {
    max-block-size: 28rem;
    overflow: auto;
    border: 1px solid var(--_border);
  }
  .table-wrap[hidden] {
    display: none;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.875em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0.5em;
  }
  th,
  td {
    padding: 0.25em 0.5em;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  td.num,
  th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  thead th {
    position: sticky;
    inset-block-start: 0;
    background: var(--_surface);
  }
`;

/**
 * Printing: no buttons or form controls (they do nothing on paper), nothing
 * clipped (the drawing scales to the page width, an open data table prints
 * whole), no tooltip. Title, summary, notes and the attribution line stay.
 * The light colours on paper come from the base styles (every element prints
 * light); the drawing reads them, since a figure redraws when `print` starts.
 */
export const printStyles = css`
  @media print {
    button,
    .toolbar,
    .picker label,
    .picker select,
    .tooltip {
      display: none !important;
    }
    .figure,
    .plot,
    .table-wrap {
      overflow: visible;
      max-block-size: none;
    }
    .plot-wrap {
      break-inside: avoid;
    }
  }
`;
