// docs/elements/*.md must be what scripts/elements-docs.mjs makes from custom-elements.json now
// (the manifest the widgets build writes from the classes' JSDoc), so the reference cannot drift.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OUT, elementPages, readManifest } from '../../scripts/elements-docs.mjs';

const HOW = 'run `pnpm run docs:elements` at the root and commit docs/elements';

describe('docs/elements', () => {
  const manifest = readManifest();
  const fresh = elementPages(manifest);

  it('has one page per element of the manifest, and an index', () => {
    const committed = readdirSync(OUT).filter((n) => n.endsWith('.md')).sort();
    assert.deepEqual(committed, [...fresh.keys()], HOW);
    assert.deepEqual([...fresh.keys()], ['README.md', 'pnrr-municipality-map.md', 'pnrr-project-card.md', 'pnrr-project-list.md', 'pnrr-spending-chart.md']);
  });

  for (const [name, text] of fresh) {
    it(`${name} is what the manifest gives now`, () => {
      assert.equal(readFileSync(join(OUT, name), 'utf8'), text, `docs/elements/${name} is stale: ${HOW}`);
    });
  }

  it('names every attribute, event, CSS part and custom property of each element', () => {
    // An independent check that the generator did not silently drop a kind of entry.
    for (const d of manifest.modules.flatMap((m) => m.declarations ?? []).filter((x) => x.tagName)) {
      const page = fresh.get(`${d.tagName}.md`);
      for (const x of [...d.attributes, ...d.events, ...d.cssParts, ...d.cssProperties]) {
        assert.ok(page.includes(`\`${x.name}\``), `${x.name} is missing from ${d.tagName}.md`);
      }
    }
  });

  it('a changed description makes the check fail', () => {
    const changed = JSON.parse(JSON.stringify(manifest));
    const card = changed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'pnrr-project-card');
    card.attributes[0].description += ' (changed)';
    assert.notEqual(elementPages(changed).get('pnrr-project-card.md'), fresh.get('pnrr-project-card.md'));
  });
});
