// Every gallery page over the demo server (Vite's preview of the built pages, with the strict CSP): the
// built page and all it references answer 200, and nothing Vite wrote into it needs 'unsafe-inline'.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CSP } from '../build/csp.mjs';
import { DIST, EXAMPLES, REQUIRED_PAGES, ROOT, pages, startServer } from './helpers.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.close());

const attr = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i'))?.slice(1).find((v) => v !== undefined);

/** Local URLs a page needs: scripts, stylesheets, links to other pages, files shown as code. */
function references(html) {
  const refs = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) refs.push(attr(tag, 'src'));
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) refs.push(attr(tag, 'href'));
  for (const tag of html.match(/<a\b[^>]*>/gi) ?? []) refs.push(attr(tag, 'href'));
  for (const tag of html.match(/<code\b[^>]*data-snippet="file:[^"]*"[^>]*>/gi) ?? []) refs.push(attr(tag, 'data-snippet').slice(5));
  return refs.filter((ref) => ref && !ref.startsWith('data:') && !ref.startsWith('#') && !/^[a-z]+:/i.test(ref));
}

test('the gallery has every promised page', () => {
  for (const page of REQUIRED_PAGES) assert.ok(pages().includes(page), page);
});

test('the demo server sends the strict CSP, unchanged', async () => {
  assert.equal(CSP, "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'");
  for (const path of ['', 'card.html', 'gallery.js', '../widgets/dist/cdn/pnrr-widgets.js', '../sdk/data/toscana/manifest.json']) {
    const response = await fetch(new URL(path, server.base));
    await response.arrayBuffer();
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-security-policy'), CSP, path);
  }
});

test('the server root leads to the demo; nothing outside the public folders is served', async () => {
  const root = await fetch(new URL('/', server.base), { redirect: 'manual' });
  assert.equal(root.status, 302);
  assert.equal(new URL(root.headers.get('location'), server.base).pathname, '/packages/examples/');
  for (const path of ['/package.json', '/packages/sdk/package.json', '/packages/examples/vite.config.ts', '/packages/examples/react/App.tsx', '/scripts/serve.mjs']) {
    const response = await fetch(new URL(path, server.base));
    await response.arrayBuffer();
    assert.equal(response.status, 404, path);
  }
});

for (const page of pages()) {
  test(`${page}: the built page is served with the strict CSP, every reference answers 200`, async () => {
    const response = await fetch(server.base + page);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    const html = await response.text();
    assert.equal(html, readFileSync(join(DIST, page), 'utf8'));
    const refs = references(html);
    assert.ok(refs.length > 3, 'references found');
    for (const ref of refs) {
      const url = new URL(ref, server.base + page);
      const answer = await fetch(url);
      await answer.arrayBuffer();
      // Storybook is there only once built (storybook-static/); else a page says how to build it.
      const expected = url.pathname === '/storybook/' && !existsSync(join(ROOT, 'storybook-static', 'index.html')) ? 404 : 200;
      assert.equal(answer.status, expected, `${page} → ${ref} (${url.pathname})`);
    }
  });

  test(`${page}: nothing in the built page the CSP would block (inline scripts, styles, handlers)`, () => {
    const html = readFileSync(join(DIST, page), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) assert.ok(attr(tag, 'src'), `inline script: ${tag}`);
    assert.doesNotMatch(html, /<style\b/i, 'a <style> element');
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
      assert.doesNotMatch(tag, /\sstyle\s*=/i, `style attribute: ${tag}`);
      assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, `inline handler: ${tag}`);
      assert.doesNotMatch(tag, /javascript:/i, `javascript: URL: ${tag}`);
      assert.doesNotMatch(tag, /\s(?:src|href)\s*=\s*"data:(?!,")/i, `inlined asset: ${tag}`);
    }
  });

  test(`${page}: links every other gallery page`, () => {
    const html = readFileSync(join(EXAMPLES, page), 'utf8');
    const nav = html.match(/<nav class="gallery"[\s\S]*?<\/nav>/)?.[0] ?? '';
    for (const other of pages()) assert.ok(nav.includes(`href="${other}"`), `${page} nav lacks ${other}`);
    assert.ok(nav.includes(`href="${page}" aria-current="page"`), `${page} nav marks itself`);
  });
}
