/**
 * A large project list (the region's: one item per project) is checked item by item from its bytes,
 * so that an all-Italy package's ~100 MB list is never held parsed (check/validate.ts,
 * `loadListItems`). The embedded Tuscan region list (~1 MB), as one file (packages before paged lists), takes that path: a valid one passes, and
 * a broken item deep inside, or a broken file, is reported with the same paths as a whole-file check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validatePackage } from '../../src/ingest/check/validate.js';
import type { ProjectList } from '../../src/schema/package.js';
import { SDK_DIR, readListItems, tempDir, unpageLists } from './ingest-helpers.js';

const EMBEDDED = join(SDK_DIR, 'data', 'toscana');

async function copyWithList(edit: (text: string) => string): Promise<{ dir: string; issues: Awaited<ReturnType<typeof validatePackage>>['issues'] }> {
  const dir = await tempDir('large-list');
  await cp(EMBEDDED, dir, { recursive: true });
  // The region list as one file, as packages written before paged lists have it (now it is paged).
  await unpageLists(dir);
  const file = join(dir, 'lists', '09.json');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  const { issues } = await validatePackage(dir);
  return { dir, issues: issues.filter((i) => i.file === 'lists/09.json' && !/sha256|size/.test(i.message)) };
}

describe('validate: a large project list, item by item', () => {
  it('the embedded region list, as one file, is large enough to be checked item by item, and passes', async () => {
    let size = 0;
    const { dir, issues } = await copyWithList((t) => ((size = Buffer.byteLength(t)), t));
    assert.ok(size > 512 * 1024, 'over the streamed threshold');
    assert.deepEqual(issues, []);
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a bad item deep inside with its path, as the whole-file check does', async () => {
    const at = (await readListItems(EMBEDDED, '09')).length - 3;
    const { dir, issues } = await copyWithList((t) => {
      const parsed = JSON.parse(t) as { items: Array<Record<string, unknown>> };
      parsed.items[at]!['pnrrCents'] = 'not a number, with "quotes", {braces} and [brackets], \u202e';
      return `${JSON.stringify(parsed)}\n`;
    });
    assert.ok(issues.some((i) => i.path === `/items/${at}/pnrrCents`), JSON.stringify(issues));
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a list cut short, and one with an item too many, against the package total', async () => {
    const cut = await copyWithList((t) => t.slice(0, t.length - 1000));
    assert.ok(cut.issues.some((i) => /not valid JSON/.test(i.message)), JSON.stringify(cut.issues));
    await rm(cut.dir, { recursive: true, force: true });
    const extra = await copyWithList((t) => {
      const parsed = JSON.parse(t) as ProjectList;
      parsed.items.push(parsed.items[0]!);
      return `${JSON.stringify(parsed)}\n`;
    });
    assert.ok(extra.issues.some((i) => i.path === '/items' && /region list length = projects/.test(i.message)), JSON.stringify(extra.issues));
    await rm(extra.dir, { recursive: true, force: true });
  });
});
