/** Fixed texts written into every package: licence and attribution (wording suggested by the sources' READMEs). */
export const LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** data/sources/pnrr-toscana/README.md, "Licence and attribution", with the region's name. */
export const dataAttribution = (regionName: string): string =>
  `Fonte: Italia Domani – Open Data PNRR (dati ReGiS, MEF – Ragioneria Generale dello Stato), licenza CC BY 4.0. Estratto per la Regione ${regionName} e rielaborato.`;

/** data/sources/geo/README.md, "Licence and attribution". */
export const BOUNDARIES_ATTRIBUTION =
  'Confini comunali e provinciali: elaborazione su dati ISTAT (Confini delle unità amministrative a fini statistici, 2023), via openpolis/geojson-italy — CC BY 4.0.';
export const POPULATION_ATTRIBUTION = "Popolazione: ISTAT, 1/1/2021; ANPR – Ministero dell'Interno, gennaio 2025 (CC0).";

export const POPULATION_YEARS = { istat2021: 'ISTAT, 1/1/2021', anpr2025: 'ANPR, gennaio 2025' } as const;
export const BOUNDARIES_DATASET = 'ISTAT – Confini delle unità amministrative a fini statistici (2023), via openpolis/geojson-italy';
export const POPULATION_DATASET = 'Popolazione residente per comune: ISTAT 1/1/2021 (via opendatasicilia/comuni-italiani) e ANPR gennaio 2025 (italia/anpr-opendata)';
