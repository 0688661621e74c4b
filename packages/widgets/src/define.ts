/**
 * Registers every element of the package (side effect). Safe to import twice
 * or next to another bundle: `define()` skips tags that are already defined.
 * None of these modules imports vega statically: the chart and the map load it
 * when they are about to draw, so a page with only cards never downloads it.
 */
import './card/define.js';
import './chart/define.js';
import './map/define.js';
import './list/define.js';
