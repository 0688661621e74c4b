// integrations/wordpress/pnrr-widgets.php lets WordPress keep the kit's tags with their attributes
// (kses drops any attribute not listed): its lists must be every element's attributes, as the
// manifest the widgets build writes from the classes says, so a new attribute cannot be forgotten.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readManifest } from '../../scripts/elements-docs.mjs';

const PLUGIN = new URL('../../../../integrations/wordpress/pnrr-widgets.php', import.meta.url);

/** The PHP file's lists: `$common` merged into each `'tag' => array_merge($common, array(...))`. */
function pluginTags(php) {
  const names = (list) => [...list.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
  const common = names(/\$common = array\(([^)]*)\)/.exec(php)[1]);
  const tags = new Map();
  for (const [, tag, own] of php.matchAll(/'(pnrr-[a-z-]+)'\s*=>\s*array_merge\(\$common, array\(([^)]*)\)\)/g)) {
    tags.set(tag, [...common, ...names(own)].sort());
  }
  return tags;
}

describe('WordPress plugin', () => {
  it('allows every element and every attribute of the manifest, and nothing else', () => {
    const elements = readManifest().modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    const want = new Map(elements.map((d) => [d.tagName, (d.attributes ?? []).map((a) => a.name).sort()]));
    const got = pluginTags(readFileSync(PLUGIN, 'utf8'));
    assert.equal(want.size, 4);
    assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...want].sort()));
  });
});
