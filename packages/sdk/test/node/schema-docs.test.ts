// docs/data-schema.md must document every field of every package file schema, so the
// documentation cannot drift from the schemas (which are the types' source too).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FILE_SCHEMAS } from '../../src/schema/package.js';

const DOC = readFileSync(new URL('../../../../docs/data-schema.md', import.meta.url), 'utf8');

const SECTIONS: Record<keyof typeof FILE_SCHEMAS, string> = {
  manifest: 'manifest.json',
  territories: 'territories.json',
  measures: 'measures.json',
  facts: 'facts.json',
  'facts-bodies': 'facts-bodies.json',
  'facts-paid': 'facts-paid.json',
  provenance: 'provenance.json',
  'project-shard': 'projects/{shard}.json',
  'tender-file': 'tenders/{shard}/{cup}.json',
  'project-list': 'lists/{key}.json',
  'project-list-page': 'lists/{key}/{page}.json',
  'awardee-list': 'awardees/{key}.json',
  view: 'views/{groupBy}/{filter}.json',
  quality: 'quality.json',
  checksums: 'checksums.json',
};

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema | Schema[]; anyOf?: Schema[]; patternProperties?: Record<string, Schema> };

/** Field paths of a schema: `a.b`, arrays as `a[]`, records as `a.*`. */
function fieldPaths(schema: Schema, prefix = '', out = new Set<string>()): Set<string> {
  if (schema.properties) {
    for (const [key, child] of Object.entries(schema.properties)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      fieldPaths(child, path, out);
    }
  } else if (schema.items && !Array.isArray(schema.items)) {
    fieldPaths(schema.items, `${prefix}[]`, out);
  } else if (schema.anyOf) {
    for (const option of schema.anyOf) fieldPaths(option, prefix, out);
  } else if (schema.patternProperties) {
    for (const child of Object.values(schema.patternProperties)) fieldPaths(child, `${prefix}.*`, out);
  }
  return out;
}

function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `docs/data-schema.md has no section "## ${title}"`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

/**
 * Fields documented in another file's section, where the same fields live: the `sources` and `totals` that older
 * manifests carry are provenance.json's; the tenders of a tenders file are those of a project record; the items of a
 * list page are those of a list file.
 */
const ELSEWHERE: Array<{ file: keyof typeof FILE_SCHEMAS; prefix: string; from: string; to: string; section: string }> = [
  { file: 'manifest', prefix: 'sources[].', from: '', to: '', section: 'provenance.json' },
  { file: 'manifest', prefix: 'totals.', from: '', to: '', section: 'provenance.json' },
  { file: 'tender-file', prefix: 'projects[].tenders[].', from: '', to: '', section: 'projects/{shard}.json' },
  { file: 'project-list-page', prefix: 'items[].', from: '', to: '', section: 'lists/{key}.json' },
];

describe('docs/data-schema.md', () => {
  for (const [name, schema] of Object.entries(FILE_SCHEMAS) as [keyof typeof FILE_SCHEMAS, Schema][]) {
    it(`documents every field of ${SECTIONS[name]}`, () => {
      const own = section(SECTIONS[name]);
      const documented = (path: string): boolean => {
        const other = ELSEWHERE.find((e) => e.file === name && path.startsWith(e.prefix));
        return other ? section(other.section).includes(`\`${other.to + path.slice(other.from.length)}\``) : own.includes(`\`${path}\``);
      };
      const missing = [...fieldPaths(schema)].filter((path) => !documented(path));
      assert.deepEqual(missing, [], `undocumented fields in ${SECTIONS[name]}`);
    });
  }
});
