/**
 * The region's territories: comuni, provinces and their population from the
 * population CSV (`pro_com_t,name,cod_prov,prov_sigla,prov_name,pop_istat_2021,pop_anpr_2025_01`),
 * the region's name from the TopoJSON `regione` object. The two must describe
 * the same region and the same comuni.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readCsv } from './csv.js';
import { InputError } from '../errors.js';
import { normaliseHeader } from './normalise.js';
import { byString } from '../../format/compare.js';
import type { Population } from '../../schema/package.js';
import { ITALY_CODE } from './read-sources.js';

/** The name of an all-Italy package's region. */
const ITALY_NAME = 'Italia';

export interface ComuneInfo { code: string; name: string; province: string; population: Population }
export interface ProvinceInfo { code: string; name: string; abbreviation: string; population: Population }

export interface RegionTerritories {
  regionCode: string;
  regionName: string;
  regionPopulation: Population;
  provinces: ProvinceInfo[];
  comuni: ComuneInfo[];
  comuneByCode: Map<string, ComuneInfo>;
  provinceByCode: Map<string, ProvinceInfo>;
  boundaries: Buffer;
  boundariesComuni: number;
  populationRows: number;
  populationSha256: string;
}

const POPULATION_COLUMNS = ['pro com t', 'name', 'cod prov', 'prov sigla', 'prov name', 'pop istat 2021', 'pop anpr 2025 01'];

const sumPopulation = (items: Population[], field: keyof Population): number | null => {
  let total: number | null = null;
  for (const p of items) if (p[field] !== null) total = (total ?? 0) + p[field]!;
  return total;
};

const parseCount = (raw: string | undefined): number | null => {
  const text = (raw ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
};

interface TopoGeometry { id?: string | number; properties?: Record<string, unknown> }
interface Topology { type?: string; objects?: Record<string, { geometries?: TopoGeometry[] }> }

export async function loadTerritories(regionCode: string, boundariesPath: string, populationPath: string): Promise<RegionTerritories> {
  let boundaries: Buffer;
  try {
    boundaries = await readFile(boundariesPath);
  } catch {
    throw new InputError(`${boundariesPath}: file not found or not readable`);
  }
  let topo: Topology;
  try {
    topo = JSON.parse(boundaries.toString('utf8')) as Topology;
  } catch (error) {
    throw new InputError(`${boundariesPath}: not valid JSON (${(error as Error).message})`);
  }
  const regione = topo.objects?.['regione']?.geometries?.[0];
  const topoComuni = topo.objects?.['comuni']?.geometries;
  if (topo.type !== 'Topology' || !regione || !topoComuni || !topo.objects?.['province']) {
    throw new InputError(`${boundariesPath}: expected a TopoJSON Topology with objects "comuni", "province" and "regione"`);
  }
  const topoRegion = String(regione.properties?.['cod_reg'] ?? regione.id ?? '');
  // An all-Italy package ("00") takes whatever region object the boundaries have: its comuni are those of the population table.
  const allItaly = regionCode === ITALY_CODE;
  if (topoRegion !== regionCode && !allItaly) {
    throw new InputError(`${boundariesPath}: the boundaries are for region ${topoRegion || '(unknown)'}, not ${regionCode}`);
  }
  const regionName = allItaly ? ITALY_NAME : String(regione.properties?.['reg_name'] ?? '').trim();
  if (!regionName) throw new InputError(`${boundariesPath}: the "regione" object has no reg_name property`);

  const comuni: ComuneInfo[] = [];
  const provinces = new Map<string, { name: string; abbreviation: string }>();
  let columns: number[] = [];
  const { rows, sha256 } = await readCsv(populationPath, {
    onHeader(header) {
      const normalised = header.map(normaliseHeader);
      const missing = POPULATION_COLUMNS.filter((c) => !normalised.includes(c));
      if (missing.length > 0) {
        throw new InputError(`${basename(populationPath)}: unrecognised population table; missing columns: ${missing.map((m) => m.replace(/ /g, '_')).join(', ')}`);
      }
      columns = POPULATION_COLUMNS.map((c) => normalised.indexOf(c));
    },
    onRecord(record, line) {
      const [code, name, prov, sigla, provName, istat, anpr] = columns.map((i) => (record[i] ?? '').trim());
      if (!/^\d{6}$/.test(code!) || !/^\d{3}$/.test(prov!) || !code!.startsWith(prov!)) {
        throw new InputError(`${basename(populationPath)}:${line}: bad comune code "${code}" / province "${prov}"`);
      }
      comuni.push({ code: code!, name: name!, province: prov!, population: { istat2021: parseCount(istat), anpr2025: parseCount(anpr) } });
      if (!provinces.has(prov!)) provinces.set(prov!, { name: provName!, abbreviation: sigla! });
    },
    onReject(line, reason) {
      throw new InputError(`${basename(populationPath)}:${line}: ${reason}`);
    },
  });
  comuni.sort((a, b) => byString(a.code, b.code));
  const topoCodes = new Set(topoComuni.map((g) => String(g.properties?.['pro_com_t'] ?? g.id)));
  const missingInTopo = comuni.filter((c) => !topoCodes.has(c.code)).map((c) => c.code);
  if (missingInTopo.length > 0 || topoCodes.size !== comuni.length) {
    throw new InputError(
      `${basename(populationPath)} and ${basename(boundariesPath)} disagree on the comuni (${comuni.length} vs ${topoCodes.size}; not in boundaries: ${missingInTopo.slice(0, 5).join(', ') || 'none'})`,
    );
  }
  const provinceList: ProvinceInfo[] = [...provinces.entries()]
    .sort(([a], [b]) => byString(a, b))
    .map(([code, p]) => {
      const own = comuni.filter((c) => c.province === code).map((c) => c.population);
      return { code, name: p.name, abbreviation: p.abbreviation, population: { istat2021: sumPopulation(own, 'istat2021'), anpr2025: sumPopulation(own, 'anpr2025') } };
    });
  const all = comuni.map((c) => c.population);
  return {
    regionCode,
    regionName,
    regionPopulation: { istat2021: sumPopulation(all, 'istat2021'), anpr2025: sumPopulation(all, 'anpr2025') },
    provinces: provinceList,
    comuni,
    comuneByCode: new Map(comuni.map((c) => [c.code, c])),
    provinceByCode: new Map(provinceList.map((p) => [p.code, p])),
    boundaries,
    boundariesComuni: topoComuni.length,
    populationRows: rows,
    populationSha256: sha256,
  };
}
