/**
 * Codes of Tuscan comuni suppressed by mergers since 2014, and the code of the
 * comune that absorbed them. ReGiS still uses some old codes (e.g. 051019
 * Laterina in the March 2023 localisations), while the boundaries and the
 * population table use today's 273 codes, so a localisation on an old code is
 * attributed to its successor and the remap is recorded in territories.json
 * and as a quality warning.
 *
 * Source: data/sources/geo/README.md, "Caveats: codes and municipal mergers"
 * (cessation/institution dates from the ANPR archive of comuni). Liguria had
 * one merger (008013 Carpasio, 008036 Montalto Ligure → 008068 Montalto
 * Carpasio, 2018-01-01), listed too so the same table serves both regions.
 */
export interface MergedComune {
  /** ISTAT code of the former comune. */
  from: string;
  /** Name of the former comune. */
  fromName: string;
  /** ISTAT code of the comune it merged into. */
  to: string;
  /** Name of the comune it merged into. */
  name: string;
  /** Date of the merger, YYYY-MM-DD. */
  since: string;
}

/** Every merger of comuni in Tuscany and Liguria since 2014 (former code → current code). */
export const MERGED_COMUNI: readonly MergedComune[] = [
  { from: '046012', fromName: 'Fabbriche di Vallico', to: '046036', name: 'Fabbriche di Vergemoli', since: '2014-01-01' },
  { from: '046032', fromName: 'Vergemoli', to: '046036', name: 'Fabbriche di Vergemoli', since: '2014-01-01' },
  { from: '048016', fromName: 'Figline Valdarno', to: '048052', name: 'Figline e Incisa Valdarno', since: '2014-01-01' },
  { from: '048023', fromName: "Incisa in Val d'Arno", to: '048052', name: 'Figline e Incisa Valdarno', since: '2014-01-01' },
  { from: '048040', fromName: 'San Piero a Sieve', to: '048053', name: 'Scarperia e San Piero', since: '2014-01-01' },
  { from: '048042', fromName: 'Scarperia', to: '048053', name: 'Scarperia e San Piero', since: '2014-01-01' },
  { from: '050007', fromName: 'Casciana Terme', to: '050040', name: 'Casciana Terme Lari', since: '2014-01-01' },
  { from: '050017', fromName: 'Lari', to: '050040', name: 'Casciana Terme Lari', since: '2014-01-01' },
  { from: '050013', fromName: 'Crespina', to: '050041', name: 'Crespina Lorenzana', since: '2014-01-01' },
  { from: '050018', fromName: 'Lorenzana', to: '050041', name: 'Crespina Lorenzana', since: '2014-01-01' },
  { from: '051009', fromName: 'Castelfranco di Sopra', to: '051040', name: 'Castelfranco Piandiscò', since: '2014-01-01' },
  { from: '051029', fromName: 'Pian di Scò', to: '051040', name: 'Castelfranco Piandiscò', since: '2014-01-01' },
  { from: '051032', fromName: 'Pratovecchio', to: '051041', name: 'Pratovecchio Stia', since: '2014-01-01' },
  { from: '051036', fromName: 'Stia', to: '051041', name: 'Pratovecchio Stia', since: '2014-01-01' },
  { from: '046016', fromName: 'Giuncugnano', to: '046037', name: 'Sillano Giuncugnano', since: '2015-01-01' },
  { from: '046029', fromName: 'Sillano', to: '046037', name: 'Sillano Giuncugnano', since: '2015-01-01' },
  { from: '047001', fromName: 'Abetone', to: '047023', name: 'Abetone Cutigliano', since: '2017-01-01' },
  { from: '047004', fromName: 'Cutigliano', to: '047023', name: 'Abetone Cutigliano', since: '2017-01-01' },
  { from: '047015', fromName: 'Piteglio', to: '047024', name: 'San Marcello Piteglio', since: '2017-01-01' },
  { from: '047019', fromName: 'San Marcello Pistoiese', to: '047024', name: 'San Marcello Piteglio', since: '2017-01-01' },
  { from: '052014', fromName: 'Montalcino', to: '052037', name: 'Montalcino', since: '2017-01-01' },
  { from: '052029', fromName: "San Giovanni d'Asso", to: '052037', name: 'Montalcino', since: '2017-01-01' },
  { from: '049015', fromName: 'Rio Marina', to: '049021', name: 'Rio', since: '2018-01-01' },
  { from: '049016', fromName: "Rio nell'Elba", to: '049021', name: 'Rio', since: '2018-01-01' },
  { from: '051019', fromName: 'Laterina', to: '051042', name: 'Laterina Pergine Valdarno', since: '2018-01-01' },
  { from: '051028', fromName: 'Pergine Valdarno', to: '051042', name: 'Laterina Pergine Valdarno', since: '2018-01-01' },
  { from: '048003', fromName: "Barberino Val d'Elsa", to: '048054', name: 'Barberino Tavarnelle', since: '2019-01-01' },
  { from: '048045', fromName: 'Tavarnelle Val di Pesa', to: '048054', name: 'Barberino Tavarnelle', since: '2019-01-01' },
  { from: '008013', fromName: 'Carpasio', to: '008068', name: 'Montalto Carpasio', since: '2018-01-01' },
  { from: '008036', fromName: 'Montalto Ligure', to: '008068', name: 'Montalto Carpasio', since: '2018-01-01' },
];

const BY_CODE = new Map(MERGED_COMUNI.map((m) => [m.from, m]));

/** The merger that replaced `code`, following chains, or null when the code is current. */
export function remapComune(code: string): MergedComune | null {
  let merged = BY_CODE.get(code) ?? null;
  // A successor could itself have been merged later; follow the chain (bounded).
  for (let i = 0; merged && i < 5; i++) {
    const next = BY_CODE.get(merged.to);
    if (!next) break;
    merged = { ...next, from: code, fromName: merged.fromName };
  }
  return merged;
}
