/**
 * Shared styles of every widget: theme variables (public `--pnrr-*` custom
 * properties with Design System Italia defaults, light and dark), the frame,
 * the three states, focus ring, and a visually-hidden helper. Elements add
 * their own styles after these (`static styles = [baseStyles, css`…`]`).
 */
import { css, unsafeCSS } from 'lit';
import { dark, FOCUS_WIDTH, light, RADIUS, SPACE_1, SPACE_2, SPACE_4 } from '../theme/tokens.js';

type Palette = { readonly [K in keyof typeof light]: string };

/** Public name of each colour: `--pnrr-color-<name>` (light) / `--pnrr-dark-color-<name>` (dark). */
const NAMES: Record<keyof typeof light, string> = {
  background: 'background',
  surface: 'surface',
  text: 'text',
  textMuted: 'text-muted',
  primary: 'primary',
  onPrimary: 'on-primary',
  danger: 'danger',
  border: 'border',
  skeleton: 'skeleton',
};

function palette(p: Palette, prefix: string): string {
  return (Object.keys(NAMES) as (keyof typeof light)[])
    .map((k) => `--_${NAMES[k]}: var(${prefix}${NAMES[k]}, ${p[k]});`)
    .join('\n');
}

const lightVars = unsafeCSS(palette(light, '--pnrr-color-'));
const darkVars = unsafeCSS(palette(dark, '--pnrr-dark-color-'));

export const baseStyles = css`
  :host {
    ${lightVars}
    display: block;
    box-sizing: border-box;
    color-scheme: light;
    /* The host page's font, unless the page chooses another for the widgets. */
    font-family: var(--pnrr-font-family, inherit);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkVars}
    color-scheme: dark;
  }
  @media screen and (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkVars}
      color-scheme: dark;
    }
  }
  /* Paper is white: light colours whatever the theme (the page's own
     --pnrr-color-* still apply); a figure redraws with them when print starts. */
  @media print {
    :host([theme]) {
      ${lightVars}
      color-scheme: light;
    }
  }
  /* Windows High Contrast and other forced colours: the user's system colours
     (also read by the charts and the map for their drawings). */
  @media (forced-colors: active) {
    :host {
      --_background: Canvas !important;
      --_surface: Canvas !important;
      --_text: CanvasText !important;
      --_text-muted: GrayText !important;
      --_primary: LinkText !important;
      --_on-primary: Canvas !important;
      --_danger: CanvasText !important;
      --_border: CanvasText !important;
      --_skeleton: GrayText !important;
    }
    .bone {
      forced-color-adjust: none;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .frame {
    /* Lets elements adapt to their own width (@container), not the window's. */
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: var(--pnrr-spacing, ${unsafeCSS(SPACE_4)});
    min-block-size: var(--pnrr-min-block-size, var(--_min-block-size, 0));
    padding: var(--pnrr-spacing, ${unsafeCSS(SPACE_4)});
    background: var(--_background);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--pnrr-radius, ${unsafeCSS(RADIUS)});
  }
  /* One block size in every state (each element's ./size.ts, also set on the
     tag before its script runs by pnrr-widgets.css), so the page never moves
     when the data or the drawing arrive; none once a user expands the element,
     nor on paper. */
  @media screen {
    .frame:not(.open) {
      block-size: var(--_block-size, auto);
    }
    .frame:not(.open) > .body {
      overflow: hidden;
    }
  }
  .body {
    flex: 1 1 auto;
    min-inline-size: 0;
    min-block-size: 0;
    /* Room for focus rings at the edges when the body clips (below). */
    margin: -6px;
    padding: 6px;
  }

  a {
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  a:focus-visible,
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: ${unsafeCSS(FOCUS_WIDTH)} solid var(--_primary);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: ${unsafeCSS(SPACE_1)} ${unsafeCSS(SPACE_4)};
    border-radius: var(--pnrr-radius, ${unsafeCSS(RADIUS)});
    border: 1px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .muted {
    color: var(--_text-muted);
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* ---- states ---- */
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: ${unsafeCSS(SPACE_2)};
  }
  .skeleton .bone {
    display: block;
    block-size: 1em;
    border-radius: ${unsafeCSS(RADIUS)};
    background: var(--_skeleton);
  }
  .skeleton .bone.title {
    block-size: 1.5em;
    inline-size: 70%;
  }
  .skeleton .bone.short {
    inline-size: 40%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton .bone {
      animation: pnrr-pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes pnrr-pulse {
    to {
      opacity: 0.55;
    }
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: ${unsafeCSS(SPACE_2)};
  }
  .state .message {
    margin: 0;
    font-weight: 600;
  }
  .state.error .message {
    color: var(--_danger);
  }
  .state .detail {
    margin: 0;
    color: var(--_text-muted);
    overflow-wrap: anywhere;
  }
  .attribution {
    margin: 0;
    font-size: 0.875em;
    color: var(--_text-muted);
    border-block-start: 1px solid var(--_border);
    padding-block-start: ${unsafeCSS(SPACE_2)};
  }
`;
