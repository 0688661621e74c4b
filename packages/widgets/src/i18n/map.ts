/** Strings of <pnrr-municipality-map> (the shared chart vocabulary is in ../chart/messages.ts). */
import { messages } from './index.js';

export const mapMessages = messages({
  it: {
    title: (metric: string, place: string) => `${metric} per comune · ${place}`,
    summary: (name: string, value: string) => `Il valore più alto è quello di ${name}: ${value}.`,
    coverage: (withData: number, all: number) => `${withData} comuni su ${all} hanno almeno un progetto.`,
    none: (all: number) => `Nessuno dei ${all} comuni ha progetti per questa selezione.`,
    noData: 'Nessun progetto',
    range: (lo: string, hi: string) => (lo === hi ? lo : `da ${lo} a ${hi}`),
    choose: 'Scegli un comune',
    chooseNone: '— nessuno —',
    selected: (name: string, value: string, projects: string) => `${name}: ${value}, ${projects}.`,
    mapLabel: 'Mappa dei comuni colorati per classe di valore. I valori di ogni comune sono nella tabella dei dati e nell’elenco accanto alla mappa.',
    comune: 'Comune',
    province: 'Provincia',
    tableCaption: (title: string) => `${title}: tutti i comuni`,
    notAttributable: (amount: string) =>
      `Non attribuibili a un solo comune, quindi non sulla mappa: ${amount} (progetti localizzati su un’intera provincia o sull’intera regione).`,
    notAttributableDetail: (items: string) => `Dettaglio: ${items}.`,
    rule: 'Ogni progetto è attribuito ai comuni in cui è localizzato, secondo la percentuale di localizzazione o, se manca, in parti uguali.',
    shareScale: 'Classi fisse da 0 a 100 %; le quote oltre il 100 % (pagato più del finanziato alla data dei pagamenti) stanno nell’ultima classe.',
  },
  en: {
    title: (metric: string, place: string) => `${metric} by municipality · ${place}`,
    summary: (name: string, value: string) => `The highest value is ${name}’s: ${value}.`,
    coverage: (withData: number, all: number) => `${withData} of ${all} municipalities have at least one project.`,
    none: (all: number) => `None of the ${all} municipalities has projects for this selection.`,
    noData: 'No projects',
    range: (lo: string, hi: string) => (lo === hi ? lo : `${lo} to ${hi}`),
    choose: 'Choose a municipality',
    chooseNone: '— none —',
    selected: (name: string, value: string, projects: string) => `${name}: ${value}, ${projects}.`,
    mapLabel: 'Map of the municipalities coloured by value class. Each municipality’s value is in the data table and in the list beside the map.',
    comune: 'Municipality',
    province: 'Province',
    tableCaption: (title: string) => `${title}: all municipalities`,
    notAttributable: (amount: string) =>
      `Not attributable to a single municipality, hence not on the map: ${amount} (projects localised to a whole province or to the whole region).`,
    notAttributableDetail: (items: string) => `Detail: ${items}.`,
    rule: 'Each project is attributed to the municipalities where it is localised, by its localisation percentage or, when missing, in equal parts.',
    shareScale: 'Fixed classes from 0 to 100%; shares above 100% (more paid than financed at the payments date) fall in the top class.',
  },
});
