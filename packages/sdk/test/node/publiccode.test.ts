/**
 * The repository's publiccode.yml against the publiccode.yml standard, version 0.4
 * (https://github.com/publiccodeyml/publiccode.yml, docs/standard/schema.core.rst). No validator of
 * the standard is published on npm (the official one, publiccode-parser, is a Go program), so the
 * schema below is written from the standard's text: every key it calls mandatory, the enumerated
 * values, the length limits of the descriptions, dates as YYYY-MM-DD, the contacts a maintenance
 * type requires, and the controlled vocabularies of categories and scope. Unknown top-level keys
 * are refused, so a misspelt key does not pass as an extra one.
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import * as assert from '../shared/assert.js';

const ROOT = new URL('../../../../', import.meta.url);

const CATEGORIES = [
  'accounting', 'agile-project-management', 'applicant-tracking', 'application-development', 'appointment-scheduling', 'backup',
  'billing-and-invoicing', 'blog', 'budgeting', 'business-intelligence', 'business-process-management', 'cad', 'call-center-management',
  'cloud-management', 'collaboration', 'communications', 'compliance-management', 'contact-management', 'content-management', 'crm',
  'customer-service-and-support', 'data-analytics', 'data-collection', 'data-visualization', 'design', 'design-system',
  'digital-asset-management', 'digital-citizenship', 'document-management', 'donor-management', 'e-commerce', 'e-signature',
  'educational-content', 'email-management', 'email-marketing', 'employee-management', 'enterprise-project-management',
  'enterprise-social-networking', 'erp', 'event-management', 'facility-management', 'feedback-and-reviews-management',
  'financial-reporting', 'fleet-management', 'fundraising', 'gamification', 'geographic-information-systems', 'grant-management',
  'graphic-design', 'help-desk', 'hr', 'ide', 'identity-management', 'instant-messaging', 'inventory-management', 'it-asset-management',
  'it-development', 'it-management', 'it-security', 'it-service-management', 'knowledge-management', 'learning-management-system',
  'marketing', 'mind-mapping', 'mobile-marketing', 'mobile-payment', 'network-management', 'office', 'online-booking', 'online-community',
  'payment-gateway', 'payroll', 'predictive-analysis', 'procurement', 'productivity-suite', 'project-collaboration', 'project-management',
  'property-management', 'real-estate-management', 'remote-support', 'resource-management', 'sales-management', 'seo', 'service-desk',
  'social-media-management', 'survey', 'talent-management', 'task-management', 'taxes-management', 'test-management', 'time-management',
  'time-tracking', 'translation', 'video-conferencing', 'video-editing', 'visitor-management', 'voip', 'warehouse-management',
  'web-collaboration', 'web-conferencing', 'website-builder', 'whistleblowing', 'workflow-management',
];
const SCOPES = [
  'agriculture', 'culture', 'defence', 'education', 'emergency-services', 'employment', 'energy', 'environment',
  'finance-and-economic-development', 'foreign-affairs', 'healthcare', 'infrastructures', 'justice', 'local-authorities',
  'manufacturing', 'research', 'science-and-technology', 'security', 'society', 'sport', 'tourism', 'transportation', 'welfare',
];

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Url = Type.String({ pattern: '^https?://[^\\s/]+\\.[^\\s/]+(/\\S*)?$' });
const DateString = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
/** BCP 47: a primary language subtag, then optional subtags. */
const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });
const Contact = Type.Object({ name: Type.String({ minLength: 1 }), email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })), phone: Type.Optional(Type.String()), affiliation: Type.Optional(Type.String()) }, { additionalProperties: false });
const Contractor = Type.Object({ name: Type.String({ minLength: 1 }), until: DateString, email: Type.Optional(Type.String()), website: Type.Optional(Url) }, { additionalProperties: false });

const Description = Type.Object(
  {
    localisedName: Type.Optional(Type.String()),
    genericName: Type.Optional(Type.String({ maxLength: 35 })),
    shortDescription: Type.String({ minLength: 1, maxLength: 150 }),
    longDescription: Type.String({ minLength: 150, maxLength: 10000 }),
    documentation: Type.Optional(Url),
    apiDocumentation: Type.Optional(Url),
    features: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    screenshots: Type.Optional(Type.Array(Type.String())),
    videos: Type.Optional(Type.Array(Url)),
    awards: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

const Maintenance = Type.Union([
  Type.Object({ type: oneOf(['internal', 'community']), contacts: Type.Array(Contact, { minItems: 1 }), contractors: Type.Optional(Type.Array(Contractor)) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('contract'), contractors: Type.Array(Contractor, { minItems: 1 }), contacts: Type.Optional(Type.Array(Contact)) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('none'), contacts: Type.Optional(Type.Array(Contact)), contractors: Type.Optional(Type.Array(Contractor)) }, { additionalProperties: false }),
]);

const PubliccodeV04 = Type.Object(
  {
    publiccodeYmlVersion: Type.Literal('0.4'),
    name: Type.String({ minLength: 1 }),
    applicationSuite: Type.Optional(Type.String()),
    url: Url,
    landingURL: Type.Optional(Url),
    isBasedOn: Type.Optional(Type.Union([Url, Type.Array(Url)])),
    softwareVersion: Type.Optional(Type.String()),
    releaseDate: Type.Optional(DateString),
    logo: Type.Optional(Type.String()),
    platforms: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })]),
    categories: Type.Array(oneOf(CATEGORIES), { minItems: 1 }),
    usedBy: Type.Optional(Type.Array(Type.String())),
    roadmap: Type.Optional(Url),
    developmentStatus: oneOf(['concept', 'development', 'beta', 'stable', 'obsolete']),
    softwareType: oneOf(['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles']),
    intendedAudience: Type.Optional(
      Type.Object(
        {
          countries: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }))),
          unsupportedCountries: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }))),
          scope: Type.Optional(Type.Array(oneOf(SCOPES))),
        },
        { additionalProperties: false },
      ),
    ),
    description: Type.Record(Language, Description, { minProperties: 1, additionalProperties: false }),
    legal: Type.Object(
      {
        // An SPDX expression: identifiers joined by AND / OR, optionally in parentheses.
        license: Type.String({ pattern: '^\\(?[A-Za-z0-9.+-]+\\)?( (AND|OR) \\(?[A-Za-z0-9.+-]+\\)?)*$' }),
        mainCopyrightOwner: Type.Optional(Type.String()),
        repoOwner: Type.Optional(Type.String()),
        authorsFile: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    maintenance: Maintenance,
    localisation: Type.Object({ localisationReady: Type.Boolean(), availableLanguages: Type.Array(Language, { minItems: 1 }) }, { additionalProperties: false }),
    dependsOn: Type.Optional(Type.Record(oneOf(['open', 'proprietary', 'hardware']), Type.Array(Type.Object({ name: Type.String() })))),
    // Country extensions (e.g. `it`) are sections named by a two-letter code; their content is the country's to define.
  },
  { additionalProperties: Type.Unknown() },
);
type Publiccode = Static<typeof PubliccodeV04>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the negative cases change the parsed YAML at any depth
type Loose = Record<string, any>;
const COUNTRY_SECTION = /^[a-z]{2}$/;

/** Every problem of `doc`: schema errors as "path: message", plus top-level keys the standard does not know. */
function problems(doc: unknown): string[] {
  const found = [...Value.Errors(PubliccodeV04 as TSchema, doc)].map((e) => `${e.path || '/'}: ${e.message}`);
  const known = Object.keys(PubliccodeV04.properties);
  if (doc && typeof doc === 'object') {
    for (const key of Object.keys(doc)) if (!known.includes(key) && !COUNTRY_SECTION.test(key)) found.push(`/${key}: not a key of the standard`);
  }
  return found;
}

const text = readFileSync(new URL('publiccode.yml', ROOT), 'utf8');
const load = (): Publiccode => parse(text) as Publiccode;

describe('publiccode.yml', () => {
  it('is valid against the publiccode.yml 0.4 schema', () => {
    assert.deepEqual(problems(load()), []);
  });

  it('says what the repository says: licence, version, languages, library for the web', () => {
    const doc = load();
    const sdk = JSON.parse(readFileSync(new URL('packages/sdk/package.json', ROOT), 'utf8')) as { license: string; version: string };
    const widgets = JSON.parse(readFileSync(new URL('packages/widgets/package.json', ROOT), 'utf8')) as { license: string; version: string };
    assert.equal(doc.legal.license, 'EUPL-1.2');
    assert.equal(sdk.license, doc.legal.license);
    assert.equal(widgets.license, doc.legal.license);
    assert.equal(doc.softwareVersion, sdk.version, 'softwareVersion follows the packages');
    assert.deepEqual(Object.keys(doc.description).sort(), ['en', 'it']);
    assert.deepEqual([...doc.localisation.availableLanguages].sort(), ['en', 'it']);
    assert.equal(doc.softwareType, 'library');
    assert.deepEqual(doc.platforms, ['web']);
  });

  it('the schema refuses what the standard forbids', () => {
    const broken = (change: (doc: Loose) => void): string[] => {
      const doc = load() as unknown as Loose;
      change(doc);
      return problems(doc);
    };
    const cases: Array<[string, (doc: Loose) => void]> = [
      ['no legal section', (d) => delete d.legal],
      ['no url', (d) => delete d.url],
      ['a short description over 150 characters', (d) => (d.description.en.shortDescription = 'x'.repeat(151))],
      ['a long description under 150 characters', (d) => (d.description.it.longDescription = 'Troppo breve.')],
      ['no features', (d) => delete d.description.en.features],
      ['an unknown software type', (d) => (d.softwareType = 'widget')],
      ['an unknown development status', (d) => (d.developmentStatus = 'alpha')],
      ['a category outside the vocabulary', (d) => (d.categories = ['open-data'])],
      ['community maintenance without contacts', (d) => delete d.maintenance.contacts],
      ['a release date that is not YYYY-MM-DD', (d) => (d.releaseDate = '28/11/2026')],
      ['no description at all', (d) => (d.description = {})],
      ['a misspelt top-level key', (d) => (d.developementStatus = 'beta')],
      ['another version of the standard', (d) => (d.publiccodeYmlVersion = '0.2')],
    ];
    for (const [what, change] of cases) assert.ok(broken(change).length > 0, `${what} must be refused`);
  });
});
