/**
 * One project record of the package (a `Project` of its shard) from a kept
 * project row and its attributed localisations.
 */
import type { Funding, Project } from '../../schema/package.js';
import type { ProjectDraft } from '../read/collect.js';
import type { QualityLog } from '../check/quality.js';
import type { AttributedProject } from './place.js';

/** Implementing body key: the 11-digit tax code, else "name:" + upper-cased name (masked or missing codes). */
export function bodyKey(taxCode: string | null, name: string | null): string {
  const code = (taxCode ?? '').trim();
  if (/^\d{11}$/.test(code)) return code;
  return `name:${(name ?? '').replace(/\s+/g, ' ').trim().toUpperCase()}`;
}

/** A required amount of the project row; a missing one is counted as 0 and reported (`missing-amount`). */
export function requiredAmount(draft: ProjectDraft, field: 'pnrr' | 'total', quality: QualityLog): number {
  const value = draft.amounts[field];
  if (value !== null && value !== undefined) return value;
  quality.warn(draft.source.tally, draft.line, 'missing-amount', `${draft.cup} / ${draft.localCode}: Finanziamento ${field === 'pnrr' ? 'PNRR' : 'Totale'} missing; counted as 0`);
  return 0;
}

const FUNDING_SOURCES = ['stato', 'statoBilancio', 'statoFoi', 'fpop', 'ue', 'regione', 'provincia', 'comune', 'altroPubblico', 'privato', 'daReperire', 'pnc', 'altriFondi'] as const;

/** The `Project` record of `draft`, with its amounts, attribution and the number of rows sharing its CUP. */
export function projectRecord(
  draft: ProjectDraft, pnrr: number, total: number, attributed: AttributedProject, sameCup: number,
): Project {
  const t = draft.text;
  const s = (field: string): string => t(field) ?? '';
  const sources: Funding['sources'] = {};
  for (const field of FUNDING_SOURCES) {
    const value = draft.amounts[field];
    if (typeof value === 'number' && value !== 0) sources[field] = value;
  }
  const cupFields = [t('cupNature'), t('cupType'), t('cupSector'), t('cupSubsector'), t('cupCategory')];
  const procedure = [t('procedureId'), t('procedureTitle'), t('procedureType')];
  const preExisting = t('preExisting');
  const preFlag = preExisting === null ? null : /^s[iì]$/i.test(preExisting) ? true : /^no$/i.test(preExisting) ? false : null;
  const taxCode = t('bodyTaxCode');
  const bodyName = s('body');
  return {
    cup: draft.cup,
    localCode: draft.localCode,
    title: s('title'),
    summary: t('summary'),
    mission: { code: s('mission'), name: s('missionName') },
    component: { code: s('component'), name: s('componentName') },
    measure: { code: s('measureCode'), id: s('measureId'), name: s('measureName') },
    submeasure: { code: s('submeasureCode'), name: s('submeasureName') },
    owner: t('owner'),
    procedure: procedure.every((v) => v === null) ? null : { id: procedure[0] ?? null, title: procedure[1] ?? null, type: procedure[2] ?? null },
    implementingBody: { key: bodyKey(taxCode, bodyName), name: bodyName, taxCode: taxCode && !/^\*+$/.test(taxCode) ? taxCode : null },
    cupStatus: t('cupStatus'),
    status: t('status'),
    cupClass: cupFields.every((v) => v === null)
      ? null
      : { nature: cupFields[0] ?? null, type: cupFields[1] ?? null, sector: cupFields[2] ?? null, subsector: cupFields[3] ?? null, category: cupFields[4] ?? null },
    preExisting: preFlag,
    funding: { pnrrCents: pnrr, totalCents: total, publicCents: draft.amounts['totalPublic'] ?? null, sources },
    payments: draft.payments
      ? {
          referenceDate: draft.payments.referenceDate,
          totalCents: draft.payments.totalCents,
          pnrrCents: draft.payments.pnrrCents,
          financedPnrrCents: draft.payments.financedPnrrCents,
          financedTotalCents: draft.payments.financedTotalCents,
        }
      : null,
    tenders: draft.tenders,
    indicators: draft.indicators,
    localisations: attributed.localisations,
    attributed: { inside: attributed.inside, outside: attributed.outside },
    sameCup,
    source: { dataset: draft.source.layout.dataset, file: draft.source.file, line: draft.line, referenceDate: draft.source.referenceDate, updated: draft.updated },
  };
}
