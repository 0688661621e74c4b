// List files (issue 9, <pnrr-project-list>): each item carries the amounts attributed to its list's territory and
// what the paid share needs; projects() sorts by them. Checked against the fact table and the project records.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createClient, paidShare, type Facts, type Project, type ProjectList } from '../../src/index.js';

const DIR = new URL('../../data/toscana/', import.meta.url);
const read = <T>(rel: string): T => JSON.parse(readFileSync(new URL(rel, DIR), 'utf8')) as T;
/** A list with every item: a paged list's page files joined to its first page. */
function readList(key: string): ProjectList {
  const list = read<ProjectList>(`lists/${key}.json`);
  const items = [...list.items];
  for (let n = 2; n <= (list.paging?.pages ?? 1); n++) items.push(...read<ProjectList>(`lists/${key}/${n}.json`).items);
  return { ...list, items };
}

describe('list items', () => {
  const facts = read<Facts>('facts.json');
  const projects = new Map<string, Project>();
  for (const f of readdirSync(new URL('projects/', DIR))) for (const p of read<{ projects: Project[] }>(`projects/${f}`).projects) projects.set(`${p.cup}|${p.localCode}`, p);

  it('the area amounts of every comune list add up to the fact table, cent for cent', () => {
    let lists = 0;
    for (const [key, rows] of Object.entries(facts.amounts)) {
      if (!/^\d{6}$/.test(key)) continue;
      const list = readList(key);
      const pnrr = rows.reduce((s, r) => s + r[1], 0);
      const total = rows.reduce((s, r) => s + r[1] + r[2], 0);
      assert.equal(list.items.reduce((s, i) => s + i.areaPnrrCents, 0), pnrr, key);
      assert.equal(list.items.reduce((s, i) => s + i.areaTotalCents, 0), total, key);
      lists++;
    }
    assert.ok(lists > 270, `${lists} lists`);
  });

  it('paid and financed come from the project record: the card\'s "Totale" row', () => {
    const prato = readList('100005');
    assert.equal(prato.items.length, 90);
    for (const item of prato.items) {
      const p = projects.get(`${item.cup}|${item.localCode}`)!;
      assert.equal(item.paidCents, p.payments?.totalCents ?? null);
      assert.equal(item.financedCents, p.payments ? (p.payments.financedTotalCents ?? p.funding.totalCents) : null);
      assert.ok(item.areaPnrrCents <= item.pnrrCents);
    }
    assert.ok(prato.items.some((i) => i.paidCents === null) && prato.items.some((i) => i.paidCents !== null));
  });

  it('projects() sorts by area amounts and paid share (no payment data last, both orders)', async () => {
    const client = createClient({ baseUrl: DIR });
    const byArea = await client.projects({ comune: 'Prato', sort: 'area-pnrr', limit: 1000 });
    const areas = byArea.items.map((i) => i.areaPnrrCents);
    assert.deepEqual(areas, [...areas].sort((a, b) => b - a));
    for (const order of ['asc', 'desc'] as const) {
      const page = await client.projects({ comune: '100005', sort: 'paid-share', order, limit: 1000 });
      const shares = page.items.map(paidShare);
      const firstNull = shares.indexOf(null);
      assert.ok(firstNull > 0, 'some with, some without payments');
      assert.ok(shares.slice(firstNull).every((s) => s === null), `${order}: no payment data last`);
      const known = shares.slice(0, firstNull) as number[];
      assert.deepEqual(known, [...known].sort((a, b) => (order === 'asc' ? a - b : b - a)));
    }
    await assert.rejects(client.projects({ sort: 'paid' as never }), { argument: 'sort' });
  });
});
