/** Strings shared by every widget: states, errors, attribution, units. */
import { messages } from './index.js';

/**
 * Human name of an SDK argument or lookup in error messages. Arguments not
 * listed are named as the HTML attribute a webmaster wrote (groupBy → group-by).
 */
const ARGUMENTS_IT: Record<string, string> = {
  cup: 'CUP',
  localCode: 'codice locale progetto',
  project: 'progetto con CUP',
  comune: 'comune',
  province: 'provincia',
};
const ARGUMENTS_EN: Record<string, string> = {
  cup: 'CUP',
  localCode: 'local project code',
  project: 'project with CUP',
  comune: 'comune',
  province: 'province',
};
const attribute = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const common = messages({
  it: {
    loading: 'Caricamento dei dati PNRR…',
    updated: 'Dati PNRR aggiornati.',
    retry: 'Riprova',
    empty: 'Nessun dato per questa selezione.',
    argument: (name: string) => ARGUMENTS_IT[name] ?? attribute(name),
    invalidArgument: (label: string, value: string) => `Valore non valido per ${label}: «${value}».`,
    missingArgument: (label: string) => `Manca il valore di ${label}.`,
    invalidCupHint: 'Il CUP è un codice di 15 caratteri, lettere maiuscole e cifre (es. H91J12000770005).',
    notFound: (label: string, value: string) => `${cap(label)} «${value}» non trovato nei dati.`,
    network: 'Impossibile leggere i dati PNRR.',
    networkStatus: (status: number) => `Il server dei dati ha risposto con errore HTTP ${status}.`,
    networkNoResponse: 'Il server dei dati non risponde.',
    dataFormat: 'I dati ricevuti non sono nel formato atteso.',
    dataFormatFile: (file: string) => `File: ${file}.`,
    unexpected: 'Si è verificato un errore imprevisto.',
    source: 'Fonte',
    dataAsOf: (date: string) => `dati al ${date}`,
    licence: 'Licenza',
  },
  en: {
    loading: 'Loading PNRR data…',
    updated: 'PNRR data updated.',
    retry: 'Try again',
    empty: 'No data for this selection.',
    argument: (name: string) => ARGUMENTS_EN[name] ?? attribute(name),
    invalidArgument: (label: string, value: string) => `Invalid ${label}: “${value}”.`,
    missingArgument: (label: string) => `The ${label} is missing.`,
    invalidCupHint: 'A CUP is a 15-character code of capital letters and digits (e.g. H91J12000770005).',
    notFound: (label: string, value: string) => `${cap(label)} “${value}” was not found in the data.`,
    network: 'The PNRR data could not be read.',
    networkStatus: (status: number) => `The data server answered with HTTP error ${status}.`,
    networkNoResponse: 'The data server does not answer.',
    dataFormat: 'The data received are not in the expected format.',
    dataFormatFile: (file: string) => `File: ${file}.`,
    unexpected: 'An unexpected error occurred.',
    source: 'Source',
    dataAsOf: (date: string) => `data as of ${date}`,
    licence: 'Licence',
  },
});
