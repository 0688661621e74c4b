// `cem analyze --litelement`: custom-elements.json from the element classes' JSDoc
// (@summary, @attr, @fires, @csspart, @cssprop) and Lit's static properties.
// Only the element classes and the bases they inherit from are read: helpers
// (format.ts, the i18n tables, the specs…) are not public API. Each element
// documents only what it adds; the analyzer copies what it inherits.
// A new element: add its class file here (see docs/architecture.md).
export default {
  globs: [
    'src/base/pnrr-element.ts',
    'src/figure/figure-element.ts',
    'src/card/project-card.ts',
    'src/chart/spending-chart.ts',
    'src/map/municipality-map.ts',
    'src/list/project-list.ts',
  ],
  outdir: '.',
  litelement: true,
};
