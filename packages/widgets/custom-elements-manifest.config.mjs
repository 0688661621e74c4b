// `cem analyze --litelement`: custom-elements.json from the classes' JSDoc
// (@summary, @attr, @fires, @csspart, @cssprop) and Lit's static properties.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/cdn.ts', 'src/cdn-default.ts', 'src/autoload.ts'],
  outdir: '.',
  litelement: true,
};
