/**
 * Default colours and sizes of every widget, copied from Design System Italia
 * (`design-tokens-italia` 1.3.3, dist/css/variables.css). They are copied, not
 * imported, so the widgets carry no runtime dependency on the token package;
 * each value names the token it comes from. Dark values are picked from the
 * same palette (DSI has no dark theme) so that every text/background pair
 * keeps a contrast of at least 4.5:1 (ratios in the comments).
 */
export const light = {
  /** --it-color-white */
  background: '#ffffff',
  /** --it-color-gray-96 (--it-color-background-muted) */
  surface: '#f5f5f5',
  /** --it-color-gray-10 (--it-color-text-base): 17.4:1 on background */
  text: '#1a1a1a',
  /** --it-color-slate-44 (--it-color-text-muted): 5.18:1 on background, 4.75:1 on surface */
  textMuted: '#5c6f82',
  /** --it-color-blue-40 (--it-color-text-primary / background-primary): 5.57:1 on background */
  primary: '#0066cc',
  /** --it-color-white (--it-color-text-inverse) on primary: 5.57:1 */
  onPrimary: '#ffffff',
  /** --it-color-red-50 (--it-color-text-danger): 5.06:1 on background */
  danger: '#cc334d',
  /** --it-color-slate-78 (--it-color-border-subtle) */
  border: '#c5c7c9',
  /** --it-color-slate-93 */
  skeleton: '#ebeced',
} as const;

export const dark = {
  /** --it-color-gray-10 */
  background: '#1a1a1a',
  /** --it-color-gray-15 */
  surface: '#262626',
  /** --it-color-gray-96: 15.96:1 on background */
  text: '#f5f5f5',
  /** --it-color-gray-64: 6.90:1 on background, 6.1:1 on surface */
  textMuted: '#a3a3a3',
  /** --it-color-blue-77: 9.51:1 on background, 8.27:1 on surface */
  primary: '#94c4f5',
  /** --it-color-gray-10 on primary: 9.51:1 */
  onPrimary: '#1a1a1a',
  /** --it-color-red-70: 6.59:1 on background, 5.73:1 on surface */
  danger: '#e08593',
  /** --it-color-slate-44 */
  border: '#5c6f82',
  /** --it-color-gray-25 */
  skeleton: '#404040',
} as const;

/** --it-spacing-1x */
export const SPACE_1 = '4px';
/** --it-spacing-2x */
export const SPACE_2 = '8px';
/** --it-spacing-4x */
export const SPACE_4 = '16px';
/** --it-radius-smooth */
export const RADIUS = '4px';
/** --it-border-double: focus ring width */
export const FOCUS_WIDTH = '2px';
