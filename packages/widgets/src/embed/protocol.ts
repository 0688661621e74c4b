/**
 * The message an embed page (embed.html) posts to its parent window whenever
 * its content height changes, read by the host script (pnrr-embed.js) or by a
 * site's own code:
 *
 *     { type: 'pnrr-embed:height', id: string, height: number }
 *
 * `id` is the page's `id` query parameter ('' without one); `height` is in CSS
 * pixels, an integer. Only these three fields, never data or page content.
 */
export const HEIGHT_MESSAGE = 'pnrr-embed:height';

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  id: string;
  height: number;
}

/** Heights a host accepts: a positive integer below 100,000 px (a runaway page is ignored). */
export const isHeightMessage = (data: unknown): data is HeightMessage => {
  const m = data as Partial<HeightMessage> | null;
  return typeof m === 'object' && m !== null && m.type === HEIGHT_MESSAGE && typeof m.id === 'string' && Number.isInteger(m.height) && m.height! > 0 && m.height! < 100_000;
};
