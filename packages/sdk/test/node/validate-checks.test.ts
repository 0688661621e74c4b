/**
 * `validatePackage` reads each file once (hashing it for checksums.json as it reads it) and checks it
 * with a compiled schema check, asking `Value.Errors` for the messages only when that check fails
 * (check/validate.ts). These tests damage a copy of the embedded package in the ways that fast path
 * could miss: a schema error must still be reported with its path, and every checksum problem —
 * a file read by a content check, a file no content check reads (README.md), the manifest (read
 * before checksums.json), a missing file, an unlisted one — exactly once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validatePackage, type ValidationIssue } from '../../src/ingest/check/validate.js';
import type { ProjectShard } from '../../src/schema/package.js';
import { EMBEDDED, SDK_DIR, tempDir } from './ingest-helpers.js';
import { readFileSync } from 'node:fs';
import { allShards } from '../../src/format/shard.js';

let parent: string;
before(async () => {
  parent = await tempDir('validate-checks');
});
after(async () => {
  await rm(parent, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the embedded package, changed by `edit`, and the issues its validation reports. */
async function validateCopy(edit: (dir: string) => Promise<void>): Promise<ValidationIssue[]> {
  const dir = join(parent, `copy-${copies++}`);
  await cp(EMBEDDED, dir, { recursive: true });
  await edit(dir);
  const result = await validatePackage(dir);
  assert.equal(result.ok, result.issues.length === 0);
  return result.issues;
}

/** The embedded package's shard files (their names follow the manifest's shard count), and two of them to damage. */
const SHARDS = allShards((JSON.parse(readFileSync(join(EMBEDDED, 'manifest.json'), 'utf8')) as { files: { projectShards: { count: number } } }).files.projectShards.count)
  .map((shard) => `projects/${shard}.json`);
const SHARD_WITH_TWO = SHARDS.find((file) => (JSON.parse(readFileSync(join(EMBEDDED, file), 'utf8')) as ProjectShard).projects.length >= 2)!;
const SHARD_TO_DELETE = SHARDS[SHARDS.length - 1]!;

const show = (issues: ValidationIssue[]): string => JSON.stringify(issues.slice(0, 10));
const count = (issues: ValidationIssue[], file: string, message: RegExp): number => issues.filter((i) => i.file === file && message.test(i.message)).length;

describe('validate: compiled schema checks and one read per file', () => {
  it('the embedded package validates', async () => {
    assert.deepEqual(await validateCopy(async () => {}), []);
  });

  it('a record with an amount of the wrong type: the schema error with its path, and the file hash, once each', async () => {
    const file = SHARD_WITH_TWO;
    const issues = await validateCopy(async (dir) => {
      const shard = JSON.parse(await readFile(join(dir, file), 'utf8')) as ProjectShard;
      (shard.projects[1]!.funding as unknown as Record<string, unknown>)['pnrrCents'] = '12,50';
      await writeFile(join(dir, file), `${JSON.stringify(shard)}\n`);
    });
    assert.ok(issues.some((i) => i.file === file && i.path === '/projects/1/funding/pnrrCents' && /Expected integer/.test(i.message)), show(issues));
    assert.equal(count(issues, file, /^sha256 /), 1, show(issues));
    assert.equal(count(issues, file, /^size /), 1, show(issues));
  });

  it('a changed file that no content check reads (README.md) and a changed manifest still fail their checksums', async () => {
    const issues = await validateCopy(async (dir) => {
      await writeFile(join(dir, 'README.md'), `${await readFile(join(dir, 'README.md'), 'utf8')}\nedited\n`);
      const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
      await writeFile(join(dir, 'manifest.json'), manifest.replace('"Toscana"', '"Toscanaa"'));
    });
    assert.equal(count(issues, 'README.md', /^sha256 .* differs from checksums\.json/), 1, show(issues));
    assert.equal(count(issues, 'manifest.json', /^sha256 .* differs from checksums\.json/), 1, show(issues));
    assert.equal(count(issues, 'manifest.json', /^size \d+ bytes differs/), 1, show(issues));
  });

  it('a missing shard is missing for the shard check and for checksums.json; an extra file is not listed', async () => {
    const issues = await validateCopy(async (dir) => {
      await unlink(join(dir, SHARD_TO_DELETE));
      await writeFile(join(dir, 'projects', 'extra.json'), '{}\n');
    });
    assert.equal(count(issues, SHARD_TO_DELETE, /^file is missing or unreadable$/), 1, show(issues));
    assert.equal(count(issues, SHARD_TO_DELETE, /^listed in checksums\.json but missing$/), 1, show(issues));
    assert.equal(count(issues, 'projects/extra.json', /^file not listed in checksums\.json$/), 1, show(issues));
  });

  it('a file that is not JSON is reported, and so is its changed hash', async () => {
    const issues = await validateCopy(async (dir) => {
      await writeFile(join(dir, 'measures.json'), '{"schemaVersion":');
    });
    assert.equal(count(issues, 'measures.json', /^not valid JSON/), 1, show(issues));
    assert.equal(count(issues, 'measures.json', /^sha256 /), 1, show(issues));
  });

  it('the schema compiler (code generation) stays out of the browser bundle, which runs under a strict CSP', async () => {
    const bundle = await readFile(join(SDK_DIR, 'dist', 'browser', 'pnrr-sdk.js'), 'utf8');
    assert.doesNotMatch(bundle, /new Function\(|TypeCompiler|\beval\(/);
  });

  it('stops, throwing the reason, once its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the test'));
    await assert.rejects(validatePackage(EMBEDDED, { signal: controller.signal }), /stopped by the test/);
  });
});
