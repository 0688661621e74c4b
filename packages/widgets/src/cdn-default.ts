/**
 * CDN build only: the data package copied beside the bundle
 * (dist/cdn/data/toscana/) becomes the default. Imported before the elements
 * are defined, so the first render already uses it.
 */
import { setBundleDefaultSrc } from './base/client.js';

// A variable, not a literal, so the bundler does not try to inline the directory as an asset.
const DATA_DIR = './data/toscana/';
setBundleDefaultSrc(new URL(DATA_DIR, import.meta.url));
