// @storybook/web-components ships this entry (the manifest's extractArgTypes and
// extractComponentDescription) without type declarations.
declare module '@storybook/web-components/entry-preview-argtypes' {
  export const parameters: { docs: Record<string, unknown> };
}
