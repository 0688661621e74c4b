/** Styles of <pnrr-project-list>: heading, controls, the scrollable table, the pager. */
import { css } from 'lit';
import { reservedSizes } from '../base/reserve.js';
import { LIST_SIZES } from './size.js';

const ownStyles = css`
  .list {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    min-inline-size: 0;
  }
  /* Within the fixed block size (./size.ts) the table takes the room left and
     scrolls inside its own focusable region; the controls and pager stay put. */
  @media screen {
    .frame:not(.open) .list {
      block-size: 100%;
    }
    .frame:not(.open) .table-wrap,
    .frame:not(.open) .table-placeholder {
      flex: 1 1 0;
      min-block-size: 6rem;
    }
  }
  .list p {
    margin: 0;
  }
  .heading {
    font-weight: 700;
    font-size: 1.25em;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  .summary {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    overflow-wrap: anywhere;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 1em;
  }
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    flex: 1 1 16rem;
    min-inline-size: 0;
  }
  .search label {
    font-weight: 600;
  }
  .hint {
    font-size: 0.875em;
  }
  input[type='search'] {
    font: inherit;
    min-block-size: 2.5em;
    padding: 0.25em 0.5em;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_text-muted);
    border-radius: var(--pnrr-radius, 4px);
    inline-size: 100%;
  }
  input[type='search']:focus-visible {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }
  button.secondary {
    background: transparent;
    color: var(--_primary);
    border-color: var(--_primary);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  @media (forced-colors: active) {
    button:disabled,
    button[aria-disabled='true'] {
      opacity: 1;
      color: GrayText;
      border-color: GrayText;
    }
  }
  .status {
    font-size: 0.875em;
    color: var(--_text-muted);
    overflow-wrap: anywhere;
  }
  .table-placeholder {
    min-block-size: 20rem;
  }
  /* The table keeps its columns and scrolls inside its own box on a narrow
     page (320 px): the page itself never scrolls sideways. */
  .table-wrap {
    overflow: auto;
    max-inline-size: 100%;
    border: 1px solid var(--_border);
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
    overflow-wrap: anywhere;
  }
  th,
  td {
    padding: 0.5em;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  tbody th {
    font-weight: 400;
    min-inline-size: 14rem;
  }
  tbody td {
    min-inline-size: 9rem;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    min-inline-size: 8rem;
  }
  thead th {
    background: var(--_surface);
    white-space: nowrap;
  }
  thead button {
    background: transparent;
    color: var(--_primary);
    border: 1px solid transparent;
    padding: 0.25em 0.5em;
    font-weight: 700;
    min-block-size: 24px;
  }
  thead button:hover {
    border-color: var(--_primary);
  }
  .arrow {
    margin-inline-start: 0.35em;
  }
  button.link {
    background: transparent;
    color: var(--_primary);
    border: 0;
    padding: 0;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font-weight: 600;
    min-block-size: 24px;
  }
  a[part~='open'] {
    font-weight: 600;
  }
  .cup,
  .whole {
    display: block;
    font-size: 0.875em;
    font-weight: 400;
  }
  .code {
    font-variant-numeric: tabular-nums;
  }
  /* Long data text: at most 3 lines in a row; the whole text is in the page and in the tooltip. */
  .long {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
  }
  .card-row > td {
    background: var(--_surface);
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
`;

export const listStyles = [reservedSizes(LIST_SIZES), ownStyles];
