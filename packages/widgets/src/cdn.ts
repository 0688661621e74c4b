/**
 * Entry of the CDN build (dist/cdn/pnrr-widgets.js): one <script type="module">
 * tag registers every element and reads the data package copied beside the
 * bundle (`configure({ src })` or a `src` attribute still take precedence).
 * The card is registered at once; the chart and the map when their tag first
 * appears (see autoload.ts); vega when a chart or map is about to draw.
 */
import './cdn-default.js';
import './card/define.js';
import { startAutoload } from './autoload.js';

export { configure } from './base/client.js';
export { loadAll } from './autoload.js';

startAutoload();
