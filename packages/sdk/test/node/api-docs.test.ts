// The committed API reference (docs/api/sdk, written by `pnpm run docs:api` at the root) must be
// what TypeDoc generates from the sources now, so it cannot drift from the doc comments and exports.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Application } from 'typedoc';
import ts from 'typescript';

const CONFIG = fileURLToPath(new URL('../../typedoc.json', import.meta.url));
const COMMITTED = fileURLToPath(new URL('../../../../docs/api/sdk/', import.meta.url));
const ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** Every file under `dir`, by path relative to it, with its text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('docs/api/sdk', () => {
  const out = mkdtempSync(join(tmpdir(), 'pnrr-api-docs-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('is what `pnpm run docs:api` generates from the sources now', { timeout: 60_000 }, async () => {
    const app = await Application.bootstrapWithPlugins({ options: CONFIG, out });
    const project = await app.convert();
    assert.ok(project, 'TypeDoc could not convert the SDK sources');
    await app.generateOutputs(project);
    assert.equal(app.logger.hasErrors() || app.logger.hasWarnings(), false, 'TypeDoc reported problems (see above)');

    const fresh = readTree(out);
    const committed = readTree(COMMITTED);
    assert.deepEqual([...committed.keys()], [...fresh.keys()], 'run `pnpm run docs:api` at the root and commit docs/api');
    for (const [file, text] of fresh) {
      assert.equal(committed.get(file), text, `docs/api/sdk/${file} is stale: run \`pnpm run docs:api\` at the root`);
    }
  });

  it('mentions every name src/index.ts exports', async () => {
    // A second, independent check that the generator did not silently drop an export.
    const program = ts.createProgram([ENTRY], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(ENTRY);
    assert.ok(source);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    assert.ok(moduleSymbol);
    // A name is public when it is a type, or a value that exists at run time (a value re-exported
    // with `export type *`, such as the TypeBox schema objects, is neither).
    const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
    const runtime = new Set(Object.keys(await import('../../src/index.js')));
    const names = checker
      .getExportsOfModule(moduleSymbol)
      .filter((s) => runtime.has(s.getName()) || (resolve(s).flags & ts.SymbolFlags.Type) !== 0)
      .map((s) => s.getName());
    assert.ok(names.length > 40, `expected the SDK's exports, got ${names.length}`);
    const reference = readFileSync(join(COMMITTED, 'sdk.md'), 'utf8');
    const missing = names.filter((name) => !reference.includes(`### ${name.replace(/_/g, '\\_')}`) && !reference.includes(`### ${name}()`));
    assert.deepEqual(missing, [], 'exports missing from docs/api/sdk/sdk.md');
  });
});
