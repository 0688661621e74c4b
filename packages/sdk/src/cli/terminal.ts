/**
 * Text for a terminal. Titles, file names and cell values come from the data and may hold
 * control characters: ANSI/OSC escape sequences (clear the screen, set the window title,
 * forge a hyperlink), C1 controls, or bidi overrides that reorder what is shown. Every line
 * the CLI prints goes through `forTerminal`, which drops them; the data files keep the raw text.
 */

// C0 controls except tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters a terminal would interpret rather than show. */
export const forTerminal = (text: string): string => text.replace(UNSAFE, '');
