/**
 * Paged project lists (issue 11): a list longer than a page keeps its first page in `lists/{key}.json` and the
 * rest in `lists/{key}/{page}.json`. A package built from the real Tuscan sources with pages of 7 items (an
 * internal build option) pages almost every list; it is compared with itself unpaged (one file per list, as every
 * package before paging), read by the same SDK, and broken on purpose for `validate`. Expected values come from
 * the files, read here without the code under test.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createClient, type PnrrClient, type ProjectListItem, type ProjectSort } from '../../src/index.js';
import { buildPackage } from '../../src/ingest/build.js';
import { validatePackage } from '../../src/ingest/check/validate.js';
import { summarise } from '../../src/ingest/check/summary.js';
import type { Manifest, ProjectList, ProjectListPage } from '../../src/schema/package.js';
import { EMBEDDED, listFiles, readJson, readListItems, tempDir, toscanaOptions, unpageLists } from './ingest-helpers.js';

const PAGE = 7;
const SORTS: ProjectSort[] = ['pnrr', 'total', 'area-pnrr', 'area-total', 'paid-share', 'title', 'cup'];
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (a: ProjectListItem, b: ProjectListItem): number => byString(a.cup, b.cup) || byString(a.localCode, b.localCode);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

let work = '';
let paged = '';
let unpaged = '';
let keys: string[] = [];

/** checksums.json written again for the files of `dir` as they are now (what a package written that way has). */
async function rewriteChecksums(dir: string): Promise<void> {
  const files: Record<string, { bytes: number; sha256: string }> = {};
  for (const file of await listFiles(dir)) {
    if (file === 'checksums.json') continue;
    const bytes = await readFile(join(dir, file));
    files[file] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  await writeFile(join(dir, 'checksums.json'), `${JSON.stringify({ schemaVersion: '1.0.0', files })}\n`);
}

before(async () => {
  work = await tempDir('list-pages');
  paged = join(work, 'paged');
  await buildPackage({ ...toscanaOptions(paged), listPageSize: PAGE });
  unpaged = join(work, 'unpaged');
  await cp(paged, unpaged, { recursive: true });
  await unpageLists(unpaged);
  // As a package written before paging: no page pattern in the manifest, checksums of these files.
  const manifest = await readJson<Manifest>(unpaged, 'manifest.json');
  delete manifest.files.lists.pagePattern;
  await writeFile(join(unpaged, 'manifest.json'), JSON.stringify(manifest));
  await rewriteChecksums(unpaged);
  keys = (await listFiles(join(paged, 'lists'))).filter((f) => /^[^/]+\.json$/.test(f)).map((f) => f.slice(0, -5));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('paged lists: what the build writes', () => {
  it(`pages of ${PAGE}: every longer list is paged in the area order with its total, pages and sums; the others are one file as before`, async () => {
    let pagedLists = 0;
    for (const key of keys) {
      const file = await readJson<ProjectList>(paged, `lists/${key}.json`);
      const items = await readListItems(paged, key);
      if (items.length <= PAGE) {
        assert.equal(file.paging, undefined, key);
        const byPnrr = [...items].sort((a, b) => b.pnrrCents - a.pnrrCents || byKey(a, b));
        assert.deepEqual(items, byPnrr, `${key}: a single list file keeps the order of the whole amount`);
        continue;
      }
      pagedLists++;
      const pages = Math.ceil(items.length / PAGE);
      assert.deepEqual(file.paging, {
        total: items.length, pages, pageSize: PAGE, order: 'area-pnrr',
        areaPnrrCents: sum(items.map((i) => i.areaPnrrCents)), areaTotalCents: sum(items.map((i) => i.areaTotalCents)),
      }, key);
      assert.equal(file.items.length, PAGE, key);
      for (let n = 2; n <= pages; n++) {
        const page = await readJson<ProjectListPage>(paged, `lists/${key}/${n}.json`);
        assert.deepEqual([page.territory, page.page, page.items.length], [key, n, n < pages ? PAGE : items.length - (pages - 1) * PAGE], `${key} page ${n}`);
      }
      const byArea = [...items].sort((a, b) => b.areaPnrrCents - a.areaPnrrCents || byKey(a, b));
      assert.deepEqual(items, byArea, `${key}: the pages continue the area order`);
    }
    assert.ok(pagedLists > 100, `${pagedLists} paged lists`);
    // The same items as the embedded package's lists (pages of 200): paging changes the files, not the items.
    for (const key of ['09', '048', '048017', '100005']) {
      assert.deepEqual((await readListItems(paged, key)).sort(byKey), (await readListItems(EMBEDDED, key)).sort(byKey), key);
    }
  });

  it('validate accepts the paged package and the same package unpaged, as written before paging', async () => {
    for (const dir of [paged, unpaged]) {
      const result = await validatePackage(dir);
      assert.deepEqual(result.issues, [], dir);
    }
  });

  it('summary reads a paged package as the same package unpaged', async () => {
    for (const comune of [undefined, '048017', '100005']) {
      const options = comune ? { comune } : {};
      assert.equal(await summarise({ dir: paged, ...options }), await summarise({ dir: unpaged, ...options }), comune ?? 'region');
    }
  });
});

describe('paged lists: projects() gives the answers of the unpaged list', () => {
  let a: PnrrClient;
  let b: PnrrClient;
  before(() => {
    a = createClient({ baseUrl: pathToFileURL(`${paged}/`).href });
    b = createClient({ baseUrl: pathToFileURL(`${unpaged}/`).href });
  });

  it('every sort and order, at offsets on and across page edges, for the region, a province and comuni', async () => {
    for (const territory of [{}, { province: '046' }, { comune: '048017' }, { comune: '100005' }]) {
      const { total } = await b.projects(territory);
      for (const sort of SORTS) {
        for (const order of ['asc', 'desc'] as const) {
          for (const [offset, limit] of [[0, PAGE], [0, 20], [PAGE - 1, 2], [2 * PAGE, PAGE], [13, 20], [total - 3, 20], [total + 5, 20], [0, 1000]]) {
            const query = { ...territory, sort, order, offset: Math.max(0, offset!), limit };
            assert.deepEqual(await a.projects(query), await b.projects(query), JSON.stringify(query));
          }
        }
      }
    }
  });

  it('searches, filters and both together', async () => {
    for (const query of [
      { text: 'scuola' }, { text: 'SCUOLA comune', sort: 'area-pnrr' as const }, { comune: '048017', text: 'tramvia' }, { province: '048', mission: 'M4' },
      { comune: '048017', province: '048', sort: 'area-pnrr' as const }, { implementingBody: '01307110484', offset: 3, limit: 5 }, { measure: 'M1C1I1.04', sort: 'title' as const },
    ]) {
      assert.deepEqual(await a.projects(query), await b.projects(query), JSON.stringify(query));
    }
  });
});

describe('paged lists: validate finds what is wrong', () => {
  let dir = '';
  before(async () => {
    dir = join(work, 'broken');
    await cp(paged, dir, { recursive: true });
  });

  it('a missing page, a page of another list or number, a bad item, items out of order, a wrong total or sum, a stray page', async () => {
    const edit = async <T>(file: string, change: (data: T) => void): Promise<void> => {
      const data = await readJson<T>(dir, file);
      change(data);
      await writeFile(join(dir, file), JSON.stringify(data));
    };
    await rm(join(dir, 'lists', '046', '2.json'));
    await edit<ProjectListPage>('lists/047/3.json', (p) => (p.territory = '049'));
    await edit<ProjectListPage>('lists/049/2.json', (p) => (p.page = 3));
    await edit<ProjectListPage>('lists/053/2.json', (p) => ((p.items[0] as unknown as Record<string, unknown>)['pnrrCents'] = '1 000'));
    // The first item of page 2 swapped with the last of page 1: the same items, out of order.
    const first = await readJson<ProjectList>(dir, 'lists/050.json');
    const second = await readJson<ProjectListPage>(dir, 'lists/050/2.json');
    [first.items[PAGE - 1], second.items[0]] = [second.items[0]!, first.items[PAGE - 1]!];
    await writeFile(join(dir, 'lists/050.json'), JSON.stringify(first));
    await writeFile(join(dir, 'lists/050/2.json'), JSON.stringify(second));
    await edit<ProjectList>('lists/051.json', (l) => (l.paging!.areaPnrrCents += 1));
    await edit<ProjectList>('lists/052.json', (l) => (l.paging!.total += PAGE));
    let small = '';
    for (const key of keys) if (!small && !(await readJson<ProjectList>(dir, `lists/${key}.json`)).paging) small = key;
    assert.ok(small, 'a list within one page');
    const pages = (await readJson<ProjectList>(dir, 'lists/048017.json')).paging!.pages;
    for (const stray of [`lists/048017/${pages + 1}.json`, `lists/${small}/2.json`]) {
      await mkdir(join(dir, stray, '..'), { recursive: true });
      await writeFile(join(dir, stray), await readFile(join(dir, 'lists/048017/2.json')));
    }
    await rewriteChecksums(dir);

    const { ok, issues } = await validatePackage(dir);
    assert.equal(ok, false);
    const has = (file: string, path: string, pattern: RegExp) =>
      assert.ok(issues.some((i) => i.file === file && i.path === path && pattern.test(i.message)), `${file} ${path} ${pattern}: ${JSON.stringify(issues)}`);
    has('lists/046/2.json', '', /missing/);
    has('lists/047/3.json', '/territory', /049/);
    has('lists/049/2.json', '/page', /page 3 in the file of page 2/);
    has('lists/053/2.json', '/items/0/pnrrCents', /integer/i);
    has('lists/050/2.json', '/items/0', /not in the order/);
    has('lists/051.json', '/paging/areaPnrrCents', /Σ areaPnrrCents/);
    has('lists/052.json', '/paging/pages', /pages/);
    has(`lists/048017/${pages + 1}.json`, '', /no paged list/);
    has(`lists/${small}/2.json`, '', /no paged list/);
    const expected = ['lists/046', 'lists/047', 'lists/049', 'lists/053', 'lists/050', 'lists/051', 'lists/052', `lists/048017/${pages + 1}`, `lists/${small}/`];
    assert.deepEqual(issues.filter((i) => !expected.some((e) => i.file.startsWith(e))), [], 'no other issue');
  });
});
