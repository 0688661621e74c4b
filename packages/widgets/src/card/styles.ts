import { css } from 'lit';

export const cardStyles = css`
  /* The card's block size: the values of ./size.ts, written out here rather
     than through reservedSizes() to keep the card-only bundle within its budget
     (layout-shift.test.mjs fails if the two differ: the card would move when
     its script runs). */
  :host {
    --_block-size: 30rem;
    max-inline-size: 48rem;
  }
  :host([compact]) {
    --_block-size: 20rem;
  }
  /* The summary: the card within the fixed block size, the rest clipped until
     "Mostra tutti i dettagli" is pressed or focus moves into it. */
  .body {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  @media screen {
    .frame:not(.open) .clip {
      flex: 1 1 0;
      min-block-size: 0;
      overflow: hidden;
    }
  }
  .more {
    align-self: flex-start;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    /* A name with no break (a 10,000-character one) wraps instead of widening the page. */
    overflow-wrap: anywhere;
  }
  .card p,
  .card dl,
  .card dd,
  .card ul,
  .card ol {
    margin: 0;
  }
  .kicker {
    font-size: 0.875em;
    color: var(--_text-muted);
  }
  .code {
    font-variant-numeric: tabular-nums;
  }
  .heading {
    font-weight: 700;
    line-height: 1.25;
  }
  [part='title'] {
    font-size: 1.25em;
  }
  /* Long data text (longText()): at most 6 lines (a 10,000-character title
     would make the card metres tall); the rest stays in the page and its title. */
  .long {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 6;
    line-clamp: 6;
    overflow: hidden;
  }
  [part='subtitle'] {
    font-size: 1em;
    margin-block-end: 0.25em;
  }
  .amount {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
  }
  .amount .label {
    font-weight: 600;
  }
  .amount .value {
    font-size: 1.5em;
    font-weight: 700;
    color: var(--_primary);
    font-variant-numeric: tabular-nums;
  }
  .details {
    display: grid;
    grid-template-columns: minmax(8em, max-content) minmax(0, 1fr);
    gap: 0.25em 1em;
  }
  .details dt {
    font-weight: 600;
  }
  .plan,
  .places {
    padding-inline-start: 1.25em;
  }
  .note {
    font-size: 0.875em;
  }
  /* Tables keep their figures on one line; on a narrow screen they scroll
     sideways inside this focusable region (focus ring from the base styles)
     instead of overflowing the card. */
  .table-scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  td {
    white-space: nowrap;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25em;
  }
  th,
  td {
    text-align: end;
    padding: 0.25em 0.5em;
    border-block-end: 1px solid var(--_border);
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    font-weight: 400;
  }
  thead th {
    font-weight: 600;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
    border-block-end: none;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.5em;
  }
  @container (max-width: 30rem) {
    .details {
      grid-template-columns: 1fr;
    }
    table {
      font-size: 0.875em;
    }
    th,
    td {
      padding-inline: 0.25em;
    }
  }
  /* On paper (light colours: the base styles; last, to override the rules
     above): the whole card, no buttons, links as plain text followed by their
     address. */
  @media print {
    button {
      display: none;
    }
    .table-scroll {
      overflow: visible;
    }
    .long {
      display: block;
    }
    a {
      color: inherit;
      text-decoration: none;
    }
    a::after {
      content: ' (' attr(href) ')';
    }
  }
`;
