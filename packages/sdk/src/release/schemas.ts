/** The JSON Schemas of the republication files, emitted beside the package schemas (build step). */
import { SourcesConfig } from './config.js';
import { Releases } from './releases-file.js';

export const RELEASE_SCHEMAS = {
  'sources-config': SourcesConfig,
  releases: Releases,
} as const;
