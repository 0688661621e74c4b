/**
 * The CSV layouts the ingest recognises, per file role. A layout says which
 * (normalised) headers identify it, which canonical fields it must carry, how
 * its numbers are written and which official dataset it is.
 *
 * Header variants of every release map to one canonical field name through
 * `ALIASES` (keys are normalised with `normaliseHeader`), so the build code only
 * ever reads canonical fields.
 */
import type { NumberStyle } from './numbers.js';
import { normaliseHeader } from './normalise.js';
import { LayoutError } from '../errors.js';

/** What a source CSV holds: projects, their localisations, payments, tenders and awardees, or target indicators. */
export type Role = 'projects' | 'localisations' | 'payments' | 'awardees' | 'indicators';

/** Canonical field → normalised header variants seen in the official releases. */
const PROJECT_ALIASES: Record<string, string[]> = {
  programme: ['programma'],
  mission: ['missione'],
  missionName: ['descrizione missione'],
  component: ['componente'],
  componentName: ['descrizione componente'],
  measureId: ['id misura'],
  measureCode: ['codice univoco misura'],
  measureName: ['descrizione misura'],
  submeasureId: ['id submisura'],
  cidCode: ['codice cid'],
  submeasureCode: ['codice univoco submisura'],
  submeasureName: ['descrizione submisura'],
  owner: ['amministrazione titolare'],
  procedureId: ['codice identificativo procedura di attivazione'],
  procedureTitle: ['titolo procedura'],
  procedureType: ['tipologia procedura di attivazione'],
  cup: ['cup'],
  localCode: ['codice locale progetto'],
  cupStatus: ['stato cup'],
  status: ['stato avanzamento progetto'],
  cupNatureCode: ['cup codice natura', 'cup cod natura'],
  cupNature: ['cup descrizione natura', 'cup descr natura'],
  cupTypeCode: ['cup codice tipologia'],
  cupType: ['cup descrizione tipologia'],
  cupSectorCode: ['cup codice settore'],
  cupSector: ['cup descrizione settore'],
  cupSubsectorCode: ['cup codice sottosettore'],
  cupSubsector: ['cup descrizione sottosettore'],
  cupCategoryCode: ['cup codice categoria'],
  cupCategory: ['cup descrizione categoria'],
  title: ['titolo progetto'],
  summary: ['sintesi progetto'],
  aidType: ['descrizione tipo aiuto'],
  stato: ['finanziamento stato'],
  statoBilancio: ['finanziamento stato bilancio'],
  statoFoi: ['finanziamento stato foi'],
  fpop: ['finanziamento prosecuzione opere pubbliche fpop'],
  ue: ['finanziamento ue diverso da pnrr', 'finanziamento ue'],
  regione: ['finanziamento regione'],
  provincia: ['finanziamento provincia'],
  comune: ['finanziamento comune'],
  altroPubblico: ['finanziamento altro pubblico'],
  privato: ['finanziamento privato'],
  daReperire: ['finanziamento da reperire', 'finanz da reperire'],
  pnrr: ['finanziamento pnrr'],
  pnc: ['finanziamento pnc'],
  altriFondi: ['altri fondi'],
  total: ['finanziamento totale', 'finanz totale'],
  totalPublic: ['finanziamento totale pubblico'],
  totalPublicNet: ['finanziamento totale pubblico netto'],
  body: ['soggetto attuatore'],
  bodyTaxCode: ['codice fiscale soggetto attuatore'],
  preExisting: ['flag progetti in essere'],
  updated: ['data aggiornamento', 'data ultima validazione'],
  extracted: ['data di estrazione'],
};

const LOCALISATION_ALIASES: Record<string, string[]> = {
  submeasureCode: ['codice univoco submisura'],
  submeasureName: ['descrizione submisura'],
  cup: ['cup'],
  localCode: ['codice locale progetto'],
  region: ['codice regione', 'regione'],
  regionName: ['descrizione regione'],
  province: ['codice provincia', 'provincia'],
  provinceName: ['descrizione provincia'],
  comune: ['codice comune', 'comune'],
  comuneName: ['descrizione comune'],
  address: ['indirizzo'],
  postcode: ['cap'],
  percentage: ['percentuale di localizzazione', 'percentuale localizzazione'],
  updated: ['data di aggiornamento', 'data aggiornamento'],
  extracted: ['data di estrazione'],
};

const PAYMENT_ALIASES: Record<string, string[]> = {
  submeasureCode: ['codice univoco submisura'],
  cup: ['cup'],
  localCode: ['codice locale progetto'],
  financedTotal: ['finanziamento totale'],
  financedPnrr: ['finanziamento pnrr'],
  paidTotal: ['pagamenti totali', 'pagamento totale'],
  paidPnrr: ['pagamenti totali pnrr', 'pagamento pnrr'],
  extracted: ['data di estrazione'],
};

/** Tenders and their awardees: the 2025 `PNRR_Aggiudicatari_Gare`, the 2023 `Gare Aggiudicatari` and the current `PNRR_Gare`. */
const AWARDEE_ALIASES: Record<string, string[]> = {
  submeasureCode: ['codice univoco submisura'],
  cup: ['cup'],
  localCode: ['codice locale progetto'],
  cig: ['cig'],
  pda: ['codice interno pda'],
  userProcedure: ['codice procedura utente'],
  // "Codice Fiscale/P.IVA" (2026), "codice_fiscalepiva" (onData 2025), "Codice Fiscale - P IVA Aggiudicatario" (2023).
  taxCode: ['codice fiscale p iva', 'codice fiscalepiva', 'codice fiscale p iva aggiudicatario'],
  name: ['denominazione aggiudicatario'],
  roleCode: ['ruolo soggetto'],
  role: ['descrizione ruolo soggetto'],
  legalFormCode: ['forma giuridica aggiudicatario'],
  legalForm: ['descrizione forma giuridica aggiudicatario'],
  contractType: ['oggetto principale del contratto'],
  subject: ['oggetto gara'],
  procedure: ['descrizione procedura di aggiudicazione'],
  cigDate: ['data pubblicazione del cig'],
  noCigReason: ['descrizione motivo assenza cig'],
  baseAmount: ['importo complessivo gara'],
  awardedAmount: ['importo aggiudicazione'],
  awardDate: ['data aggiudicazione definitiva'],
  updated: ['data di aggiornamento', 'data aggiornamento'],
  extracted: ['data di estrazione'],
};

/** Target indicators of the projects (`PNRR_Indicatori_Target`). */
const INDICATOR_ALIASES: Record<string, string[]> = {
  submeasureCode: ['codice univoco submisura'],
  cup: ['cup'],
  localCode: ['codice locale progetto'],
  code: ['codice indicatore'],
  name: ['descrizione indicatore'],
  unitCode: ['unita di misura'],
  unit: ['descrizione unita di misura'],
  type: ['descrizione tipo indicatore', 'tipo indicatore'],
  realised: ['valore realizzato'],
  programmed: ['valore programmato'],
  month: ['mese'],
  year: ['anno'],
  extracted: ['data di estrazione'],
};

const ALIASES: Record<Role, Record<string, string[]>> = {
  projects: PROJECT_ALIASES,
  localisations: LOCALISATION_ALIASES,
  payments: PAYMENT_ALIASES,
  awardees: AWARDEE_ALIASES,
  indicators: INDICATOR_ALIASES,
};

/** One known layout of an official CSV: how to recognise it and how to read it. */
export interface Layout {
  /** Stable id recorded in the manifest, e.g. `regis-2023-validati`. */
  id: string;
  /** What the file holds. */
  role: Role;
  /** Official dataset name, recorded in the manifest and in each project's provenance. */
  dataset: string;
  /** Normalised headers whose presence identifies the layout (checked in order of LAYOUTS). */
  markers: string[];
  /** Canonical fields the layout must have. */
  required: string[];
  /** How its amounts are written. */
  numbers: NumberStyle;
}

const PROJECT_CORE = ['mission', 'component', 'measureCode', 'submeasureCode', 'cup', 'localCode', 'title', 'pnrr', 'total'];
const LOC_CORE = ['submeasureCode', 'cup', 'region', 'province', 'comune'];

/** Order matters: the first layout whose markers are all present wins. */
export const LAYOUTS: Layout[] = [
  {
    id: 'current-2024', role: 'projects', dataset: 'Progetti del PNRR (PNRR_Progetti)',
    markers: ['stato avanzamento progetto'], required: [...PROJECT_CORE, 'body', 'bodyTaxCode'], numbers: 'italian',
  },
  {
    id: 'prima-pubblicazione', role: 'projects', dataset: 'Progetti del PNRR – prima pubblicazione (PNRR_Progetti)',
    markers: ['finanz totale'], required: PROJECT_CORE, numbers: 'italian',
  },
  {
    id: 'regis-2023-validati', role: 'projects', dataset: 'Progetti del PNRR – Dati Validati (PNRR_Progetti_Dati_Validati)',
    markers: ['data aggiornamento'], required: [...PROJECT_CORE, 'body', 'bodyTaxCode'], numbers: 'dot',
  },
  {
    id: 'current-2024', role: 'localisations', dataset: 'Localizzazione del PNRR (PNRR_Localizzazione)',
    markers: ['percentuale di localizzazione'], required: [...LOC_CORE, 'localCode', 'percentage'], numbers: 'italian',
  },
  {
    id: 'regis-2023-validati', role: 'localisations', dataset: 'Localizzazione del PNRR – Dati Validati (PNRR_Localizzazione-Dati_Validati)',
    markers: ['codice regione'], required: [...LOC_CORE, 'localCode'], numbers: 'dot',
  },
  {
    id: 'regis-2023-universo', role: 'localisations', dataset: 'Universo ReGiS – Localizzazione del PNRR (PNRR_Localizzazione-Universo_REGIS)',
    markers: ['regione', 'codice locale progetto'], required: [...LOC_CORE, 'localCode'], numbers: 'dot',
  },
  {
    id: 'prima-pubblicazione', role: 'localisations', dataset: 'Localizzazione del PNRR – prima pubblicazione (PNRR_Localizzazione)',
    markers: ['regione'], required: LOC_CORE, numbers: 'italian',
  },
  {
    id: 'regis-2025', role: 'payments', dataset: 'Pagamenti dei progetti del PNRR (PNRR_Pagamenti_di_Progetto)',
    markers: ['pagamenti totali'], required: ['cup', 'localCode', 'paidTotal', 'paidPnrr'], numbers: 'dot',
  },
  {
    id: 'official-2026', role: 'payments', dataset: 'Pagamenti dei progetti del PNRR (PNRR_Pagamenti_di_Progetto)',
    markers: ['pagamento totale'], required: ['cup', 'localCode', 'paidTotal', 'paidPnrr'], numbers: 'italian',
  },
  {
    // One row per project × procedure × awardee, with the awardee's role (RTI members are separate rows); no amounts.
    id: 'regis-2025', role: 'awardees', dataset: 'Aggiudicatari Gare dei progetti del PNRR (PNRR_Aggiudicatari_Gare)',
    markers: ['ruolo soggetto', 'denominazione aggiudicatario'], required: ['cup', 'localCode', 'cig', 'pda', 'name'], numbers: 'italian',
  },
  {
    id: 'regis-2023-validati', role: 'awardees', dataset: 'Gare Aggiudicatari del PNRR – Dati Validati (PNRR_Gare_Aggiudicatari-Dati_Validati)',
    markers: ['importo aggiudicazione', 'denominazione aggiudicatario', 'data di aggiornamento'],
    required: ['cup', 'localCode', 'cig', 'pda', 'name', 'subject', 'awardedAmount'], numbers: 'dot',
  },
  {
    id: 'regis-2023-universo', role: 'awardees', dataset: 'Universo ReGiS – Gare Aggiudicatari del PNRR (PNRR_Gare_Aggiudicatari-Universo_REGIS)',
    markers: ['importo aggiudicazione', 'denominazione aggiudicatario'],
    required: ['cup', 'localCode', 'cig', 'pda', 'name', 'subject', 'awardedAmount'], numbers: 'dot',
  },
  {
    // The current tenders file has no awardee columns: it gives the tenders' subjects, amounts and dates only.
    id: 'current-2024', role: 'awardees', dataset: 'Gare del PNRR (PNRR_Gare)',
    markers: ['importo aggiudicazione'], required: ['cup', 'localCode', 'cig', 'pda', 'subject', 'awardedAmount'], numbers: 'italian',
  },
  {
    id: 'regis-2025', role: 'indicators', dataset: 'Indicatori target dei progetti del PNRR (PNRR_Indicatori_Target)',
    markers: ['codice indicatore', 'valore programmato'], required: ['cup', 'localCode', 'code', 'name', 'realised', 'programmed'], numbers: 'italian',
  },
];


/** The layout of a header row and where each canonical field is. */
export interface DetectedLayout {
  /** The recognised layout. */
  layout: Layout;
  /** Canonical field → column index. */
  columns: Map<string, number>;
  /** The header row as written in the file (for messages that name a column). */
  header: string[];
}

/** Recognises the layout of a header row, or throws a LayoutError naming the missing columns. */
export function detectLayout(file: string, role: Role, header: string[]): DetectedLayout {
  const normalised = header.map(normaliseHeader);
  const present = new Set(normalised);
  const columns = new Map<string, number>();
  for (const [field, variants] of Object.entries(ALIASES[role])) {
    // First variant present wins: "finanziamento ue diverso da pnrr" before "finanziamento ue".
    for (const variant of variants) {
      const index = normalised.indexOf(variant);
      if (index >= 0) {
        columns.set(field, index);
        break;
      }
    }
  }
  const candidates = LAYOUTS.filter((l) => l.role === role);
  const layout = candidates.find((l) => l.markers.every((m) => present.has(m)));
  const missingOf = (l: Layout): string[] => [
    ...l.markers.filter((m) => !present.has(m)),
    ...l.required.filter((f) => !columns.has(f)).map((f) => ALIASES[role][f]![0]!),
  ];
  if (!layout) {
    const closest = [...candidates].sort((a, b) => missingOf(a).length - missingOf(b).length)[0]!;
    throw new LayoutError(
      `${file}: unrecognised CSV layout for ${role}; closest layout "${closest.id}" is missing the columns: ${[...new Set(missingOf(closest))].join(', ')}`,
    );
  }
  const missing = missingOf(layout);
  if (missing.length > 0) {
    throw new LayoutError(`${file}: layout "${layout.id}" (${role}) is missing the columns: ${[...new Set(missing)].join(', ')}`);
  }
  return { layout, columns, header };
}
