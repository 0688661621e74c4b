/**
 * Registers a custom element, tolerating a second registration: two bundles
 * on one page (e.g. the CDN script pasted twice, or the CDN script next to an
 * npm build) must not throw. A different class under the same tag is kept out
 * and reported with a warning, since the first one already upgraded the page.
 */
export function define(tag: string, cls: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // server-side rendering or a non-browser import
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, cls);
  } else if (existing !== cls) {
    console.warn(`<${tag}> is already defined by another copy of @pnrr-toscana/widgets; this copy is not registered.`);
  }
}
