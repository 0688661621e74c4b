// TypeDoc options of the widgets' API reference (docs/api/widgets). JavaScript rather than
// JSON because TypeDoc's default tag lists are extended here, not replaced.
import { OptionDefaults } from 'typedoc';

const CUSTOM_ELEMENT_TAGS = ['@attr', '@fires', '@csspart', '@cssprop', '@tagname', '@slot', '@event', '@cssproperty'];

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  extends: ['../../typedoc.base.json'],
  entryPoints: ['src/index.ts'],
  tsconfig: 'tsconfig.json',
  out: '../../docs/api/widgets',
  // Protected members are for subclasses, and inherited ones (mostly LitElement's) are documented
  // on their own class: the reference shows what a page author sets and reads.
  excludeProtected: true,
  // Other helpers change the chart and map often: a new warning is printed, not fatal, here.
  treatWarningsAsErrors: false,
  // The custom-element tags are the analyzer's (custom-elements.json, docs/widgets.md document
  // them); Lit's @category/@nocollapse would split every class into Lit's own groups.
  blockTags: [...OptionDefaults.blockTags, ...CUSTOM_ELEMENT_TAGS],
  excludeTags: [...OptionDefaults.excludeTags, ...CUSTOM_ELEMENT_TAGS, '@category', '@nocollapse'],
};
