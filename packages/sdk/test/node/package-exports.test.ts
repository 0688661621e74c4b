// Checks both published packages as a consumer gets them: each is packed with npm (the same file
// rules pnpm publish follows) and the tarball is linted by publint (package.json fields against
// the packed files) and by Are the Types Wrong (every `exports` entry resolves to JavaScript and
// types under each module resolution a consumer may use). Runs on the built packages: the root
// test script builds first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const PACKAGES = {
  '@pnrr-toscana/sdk': resolve(fileURLToPath(new URL('../../', import.meta.url))),
  '@pnrr-toscana/widgets': resolve(fileURLToPath(new URL('../../../widgets/', import.meta.url))),
};

/** Packs `dir` into `out` with npm (lifecycle scripts off) and returns the tarball's bytes and file list. */
function pack(dir: string, out: string): { tarball: Uint8Array; files: string[] } {
  const json = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    shell: process.platform === 'win32',
  });
  const [info] = JSON.parse(json) as [{ filename: string; files: { path: string }[] }];
  return { tarball: new Uint8Array(readFileSync(join(out, info.filename))), files: info.files.map((f) => f.path) };
}

describe('published packages', () => {
  const out = mkdtempSync(join(tmpdir(), 'pnrr-pack-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const [name, dir] of Object.entries(PACKAGES)) {
    describe(name, () => {
      let packed: { tarball: Uint8Array; files: string[] } | undefined;
      const packedOnce = () => (packed ??= pack(dir, out));

      it('is built (run the root build first)', () => {
        assert.ok(existsSync(join(dir, 'dist', 'index.js')), `${name} has no dist/index.js`);
      });

      it('passes publint with no error or warning', async () => {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
        const { messages } = await publint({ pack: { tarball: packedOnce().tarball.slice().buffer }, level: 'warning' });
        assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, manifest) ?? m.code}`), []);
      });

      it('has types and JavaScript for every export under node16 ESM and bundler resolution', async () => {
        const result = await checkPackage(createPackageFromTarballData(packedOnce().tarball));
        assert.ok(result.types, `${name} ships no types`);
        // ESM-only packages (type: module, no require condition): CommonJS consumers of Node < 20.19
        // and the pre-exports node10 resolution are out of scope, as in attw's "esm-only" profile.
        const problems = result.problems
          .filter((p) => !('resolutionKind' in p) || !['node10', 'node16-cjs'].includes(p.resolutionKind))
          .map((p) => `${p.kind}${'entrypoint' in p ? ` ${p.entrypoint}` : ''}${'resolutionKind' in p ? ` (${p.resolutionKind})` : ''}`);
        assert.deepEqual(problems, []);
      });

      it('publishes no build leftovers (source maps, tsbuildinfo)', () => {
        const leftovers = packedOnce().files.filter((f) => f.endsWith('.map') || f.endsWith('.tsbuildinfo'));
        assert.deepEqual(leftovers, []);
      });
    });
  }
});
