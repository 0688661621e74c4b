/** File names inside a data package. The manifest repeats them, so readers follow the manifest. */
export const PACKAGE_FILES = {
  manifest: 'manifest.json',
  territories: 'territories.json',
  measures: 'measures.json',
  facts: 'facts.json',
  bodyFacts: 'facts-bodies.json',
  paidFacts: 'facts-paid.json',
  boundaries: 'boundaries.topo.json',
  quality: 'quality.json',
  checksums: 'checksums.json',
  provenance: 'provenance.json',
  projectShardPattern: 'projects/{shard}.json',
  listPattern: 'lists/{key}.json',
  /** The pages after the first of a list longer than one page (format/list-pages.ts). */
  listPagePattern: 'lists/{key}/{page}.json',
  awardeeListPattern: 'awardees/{key}.json',
  tenderPattern: 'tenders/{shard}/{cup}.json',
} as const;

export const fillPattern = (pattern: string, name: string, value: string): string => pattern.replace(`{${name}}`, value);
