/**
 * pnrr-embed.js, the host script of the iframe embed: a plain
 * `<script src=".../pnrr-embed.js" defer></script>` (no module) on the page
 * that frames embed.html. It sets the height of each
 * `<iframe data-pnrr-embed>` to the height its page reports, so a chart or
 * map never shows a scrollbar nor leaves a gap. A message is only acted on
 * when it comes from the window of such an iframe: other frames (ads, other
 * embeds) cannot resize anything. Sets `style.height` through CSSOM, which a
 * strict CSP (no inline styles) allows. Without this script the iframe keeps
 * its `height` attribute and scrolls.
 */
import { isHeightMessage } from './protocol.js';

addEventListener('message', (event: MessageEvent) => {
  if (!isHeightMessage(event.data)) return;
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-pnrr-embed]')) {
    if (frame.contentWindow === event.source) frame.style.height = `${event.data.height}px`;
  }
});
