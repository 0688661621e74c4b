// The browser client checks package files with light shapes (client/checks.ts SHAPES) instead of
// the JSON Schemas (TypeBox would weigh on every page). This test ties the two together so they
// cannot drift apart:
//  1. every field a shape checks is a field the schema requires, with the same JSON type (a shape
//     can never refuse a file the schema accepts: a nullable or optional field fails here);
//  2. the real embedded package passes both;
//  3. for every field a shape checks, the real file with that field given the wrong type is
//     refused by the schema AND by the shape (so a shape's check is one the schema also makes).
// provenance.json's shape lives in its lazy chunk (client/provenance.ts), a list page's in client/projects.ts.
// boundaries.topo.json has no JSON Schema (it is TopoJSON) and is left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { SHAPES as ENTRY_SHAPES, ShapeMismatch, checkShape, type Spec } from '../../src/client/checks.js';
import { PROVENANCE_SHAPE } from '../../src/client/provenance.js';
import { LIST_PAGE_SHAPE } from '../../src/client/projects.js';
import { BodyFacts, Facts, Manifest, Measures, ProjectList, ProjectListPage, ProjectShard, Provenance, Quality, Territories, ViewFile } from '../../src/schema/package.js';
import { PACKAGE_FILES, fillPattern } from '../../src/format/paths.js';
import { shardName } from '../../src/format/shard.js';

const SHAPES = { ...ENTRY_SHAPES, provenance: PROVENANCE_SHAPE, listPage: LIST_PAGE_SHAPE };
const PACKAGE = new URL('../../data/toscana/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, PACKAGE), 'utf8'));

// A shard and a list with projects, so that every array a shape walks has a first item to break.
const ROLES: Record<Exclude<keyof typeof SHAPES, 'boundaries'>, { schema: TSchema; file: string }> = {
  manifest: { schema: Manifest, file: PACKAGE_FILES.manifest },
  provenance: { schema: Provenance, file: PACKAGE_FILES.provenance },
  territories: { schema: Territories, file: PACKAGE_FILES.territories },
  measures: { schema: Measures, file: PACKAGE_FILES.measures },
  facts: { schema: Facts, file: PACKAGE_FILES.facts },
  bodyFacts: { schema: BodyFacts, file: PACKAGE_FILES.bodyFacts },
  // The first shard, named as the package's shard count says (512 shards: "000").
  shard: { schema: ProjectShard, file: fillPattern(PACKAGE_FILES.projectShardPattern, 'shard', shardName(0, (read(PACKAGE_FILES.manifest) as Manifest).files.projectShards.count!)) },
  list: { schema: ProjectList, file: fillPattern(PACKAGE_FILES.listPattern, 'key', '048017') },
  listPage: { schema: ProjectListPage, file: 'lists/048017/2.json' },
  view: { schema: ViewFile, file: 'views/mission/09.json' },
  quality: { schema: Quality, file: PACKAGE_FILES.quality },
};

type JsonSchema = {
  type?: string; const?: unknown; anyOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; required?: string[];
  items?: JsonSchema | JsonSchema[]; prefixItems?: JsonSchema[]; patternProperties?: Record<string, JsonSchema>; additionalProperties?: JsonSchema | boolean;
};

/** The JSON types a schema accepts ("integer" counts as "number"). */
function jsonTypes(schema: JsonSchema): Set<string> {
  if (schema.anyOf) return new Set(schema.anyOf.flatMap((s) => [...jsonTypes(s)]));
  if (schema.const !== undefined) return new Set([schema.const === null ? 'null' : typeof schema.const]);
  if (schema.type) return new Set([schema.type === 'integer' ? 'number' : schema.type]);
  return new Set(['any']);
}

const sameType = (schema: JsonSchema, want: string, path: string): void =>
  assert.deepEqual([...jsonTypes(schema)], [want], `${path}: the shape wants a ${want}, the schema allows ${[...jsonTypes(schema)].join(' | ')}`);

/** A checked path and the wrong-typed value that should be refused there. */
interface Leaf { path: (string | number)[]; wrong: unknown }

/** Walks a shape and its schema together (assertion 1); returns every checked leaf. */
function walk(spec: Spec, schema: JsonSchema, path: (string | number)[]): Leaf[] {
  const at = `/${path.join('/')}`;
  if (typeof spec === 'string' && spec.startsWith('(')) {
    sameType(schema, 'array', at);
    const items = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : undefined);
    assert.ok(items, `${at}: the shape wants a tuple, the schema has no tuple items`);
    const types = spec.slice(1, -1);
    assert.equal(items.length, types.length, `${at}: tuple length`);
    return [...types].flatMap((t, i) => {
      sameType(items[i]!, t === 's' ? 'string' : 'number', `${at}/${i}`);
      return [{ path: [...path, i], wrong: t === 's' ? 7 : 'x' }];
    });
  }
  if (typeof spec === 'string') {
    sameType(schema, spec, at);
    return [{ path, wrong: spec === 'string' ? 7 : 'x' }];
  }
  if (Array.isArray(spec)) {
    sameType(schema, 'array', at);
    assert.ok(schema.items && !Array.isArray(schema.items), `${at}: the schema has no item schema`);
    return [{ path, wrong: 'x' }, ...walk(spec[0] as Spec, schema.items, [...path, 0])];
  }
  sameType(schema, 'object', at);
  const leaves: Leaf[] = [{ path, wrong: 'x' }];
  for (const [key, inner] of Object.entries(spec as Record<string, Spec>)) {
    if (key === '*') {
      const values = schema.patternProperties ? Object.values(schema.patternProperties)[0] : schema.additionalProperties;
      assert.ok(values && typeof values === 'object', `${at}: the shape checks every value, the schema has no value schema`);
      leaves.push(...walk(inner, values, [...path, '*']));
      continue;
    }
    assert.ok(schema.required?.includes(key), `${at}/${key}: checked by the shape, not required by the schema`);
    leaves.push(...walk(inner, schema.properties![key]!, [...path, key]));
  }
  return leaves;
}

/** A deep copy of `data` with the value at `path` replaced (`*` = the first key of a record). */
function breakAt(data: unknown, path: (string | number)[], wrong: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  if (path.length === 0) return wrong;
  let node: Record<string | number, unknown> = copy;
  path.forEach((step, i) => {
    const key = step === '*' ? Object.keys(node)[0]! : step;
    assert.ok(key in node, `the sample has nothing at ${path.slice(0, i + 1).join('/')}`);
    if (i === path.length - 1) node[key] = wrong;
    else node = node[key] as Record<string | number, unknown>;
  });
  return copy;
}

for (const [role, { schema, file }] of Object.entries(ROLES)) {
  test(`SHAPES.${role} checks only what the schema of ${file} requires, and refuses what it refuses`, () => {
    const spec = SHAPES[role as keyof typeof ROLES] as Spec;
    const leaves = walk(spec, schema as JsonSchema, []);
    const sample = read(file);
    assert.ok(Value.Check(schema, sample), `the real ${file} matches its schema`);
    assert.doesNotThrow(() => checkShape(sample, spec, true), `the real ${file} matches its shape`);
    for (const { path, wrong } of leaves) {
      const broken = breakAt(sample, path, wrong);
      const where = `/${path.join('/')} = ${JSON.stringify(wrong)}`;
      assert.equal(Value.Check(schema, broken), false, `${file} ${where}: refused by the schema`);
      assert.throws(() => checkShape(broken, spec, true), ShapeMismatch, `${file} ${where}: refused by the shape`);
    }
  });
}

test('a shape that drifts from its schema is caught', () => {
  // A shape wanting a field the schema does not require, or with another type, fails the walk.
  assert.throws(() => walk({ region: { code: 'number' } }, Manifest as JsonSchema, []), /shape wants a number/);
  assert.throws(() => walk({ notInTheSchema: 'string' }, Manifest as JsonSchema, []), /not required by the schema/);
});
