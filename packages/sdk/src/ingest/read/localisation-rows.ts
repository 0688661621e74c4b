/**
 * The two passes over the localisation files: pass 1 finds the projects
 * localised in the region (their join keys) and the files' dates; pass 2,
 * after the projects are read, keeps every localisation row of a kept project.
 */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { Layout } from './layouts.js';
import { ALL_REGIONS, dateOf, inPackageRegion, describeJoinKey, normaliseCup, normaliseLocalCode, padCode, projectKey, streamFile, submeasureJoinKey, type Getter } from './read-sources.js';
import { isCup } from '../../format/keys.js';
import { cleanText } from './normalise.js';
import { maxDate } from './dates.js';
import { parsePercentHundredths } from './numbers.js';
import { recordedReferenceDate } from './source-manifest.js';
import { dateIn } from './cells.js';
import { addSource, projectOfJoinKey, type CollectState } from './collect.js';
import { encodeLocalisation } from './spill-records.js';
import { partitionOf } from './spill.js';

/** What pass 1 learnt of a localisation file, for pass 2 to record it as a source. */
export interface LocalisationFile {
  layout: Layout;
  rows: number;
  sha256: string;
  referenceDate: string | null;
}

/** Pass 1: the region's project join keys, the rows outside the region, each file's layout and date. */
export async function scanLocalisations(state: CollectState): Promise<LocalisationFile[]> {
  const locInfo: LocalisationFile[] = [];
  for (const path of state.options.localisations) {
    let extracted: string | null = null;
    let updated: string | null = null;
    const { detected, rows, sha256 } = await streamFile(path, 'localisations', null, null, (d) => {
      const has = d.columns.has('localCode');
      if (state.withLocalCode !== null && state.withLocalCode !== has) {
        throw new InputError(`${basename(path)}: localisation files mix layouts with and without Codice Locale Progetto; build them separately`);
      }
      state.withLocalCode = has;
    }, (record, _line, get) => {
      extracted = maxDate(extracted, dateOf(get, record, 'extracted'));
      updated = maxDate(updated, dateOf(get, record, 'updated'));
      if (!inPackageRegion(padCode(get(record, 'region'), 2), state.options.region)) {
        state.outsideRows++;
        return;
      }
      const key = locJoinKey(get, record, state.withLocalCode!);
      if (key) state.regionKeys.add(key);
    }, `${basename(path)} (localisations, pass 1 of 2)`, state.options.signal);
    locInfo.push({ layout: detected.layout, rows, sha256, referenceDate: extracted ?? (await recordedReferenceDate(path, sha256)) ?? updated });
  }

  return locInfo;
}

/** Pass 2: every localisation row of a kept project, checked and tallied. */
export async function readLocalisationRows(state: CollectState, locInfo: readonly LocalisationFile[]): Promise<void> {
  for (const [index, path] of state.options.localisations.entries()) {
    const tally = state.quality.tally(basename(path), 'localisations');
    const meta = locInfo[index]!;
    const sourceIndex = state.sources.length;
    addSource(state, 'localisations', path, meta.layout, meta.rows, meta.sha256, meta.referenceDate, tally);
    await streamFile(path, 'localisations', tally, state.quality, () => {}, (record, line, get, d) => {
      const rowRegion = padCode(get(record, 'region'), 2);
      const inRegion = inPackageRegion(rowRegion, state.options.region);
      const joinKey = locJoinKey(get, record, state.withLocalCode!);
      if (!joinKey || !state.regionKeys.has(joinKey)) {
        if (inRegion) state.quality.reject(tally, line, 'missing-key', `CUP "${normaliseCup(get(record, 'cup'))}" is not a valid project key`);
        else tally.skipped++;
        return;
      }
      const project = projectOfJoinKey(state, joinKey);
      if (!project) {
        state.quality.reject(tally, line, 'no-project', `no project ${describeJoinKey(joinKey)} in the projects file`);
        return;
      }
      // Pass 1 read the dates for the reference date; a bad one is reported here, where rows are tallied.
      dateIn(get, record, 'extracted', state.quality, tally, line);
      dateIn(get, record, 'updated', state.quality, tally, line);
      let percentage: number | null | undefined = null;
      if (d.columns.has('percentage')) {
        const raw = get(record, 'percentage');
        percentage = parsePercentHundredths(raw, d.layout.numbers);
        if (percentage === undefined) state.quality.warn(tally, line, 'unparseable-percentage', `Percentuale di Localizzazione "${(raw ?? '').trim()}" is not a number`);
      }
      const key = projectKey(project.cup, project.localCode);
      state.spill.append('localisation', partitionOf(project.cup), encodeLocalisation(key, sourceIndex, {
        line,
        submeasure: cleanText(get(record, 'submeasureCode')),
        region: rowRegion,
        regionName: (get(record, 'regionName') ?? '').trim(),
        province: padCode(get(record, 'province'), 3),
        provinceName: (get(record, 'provinceName') ?? '').trim(),
        comune: padCode(get(record, 'comune'), 3),
        comuneName: (get(record, 'comuneName') ?? '').trim(),
        address: cleanText(get(record, 'address')),
        postcode: cleanText(get(record, 'postcode')),
        percentage,
      }));
      project.hasRows = true;
      tally.kept++;
    }, `${basename(path)} (localisations, pass 2 of 2)`, state.options.signal);
    if (index === 0 && state.outsideRows === 0 && state.regionKeys.size > 0 && state.options.region !== ALL_REGIONS) {
      state.quality.warn(tally, 0, 'no-outside-localisations',
        `no localisation file has a row outside region ${state.options.region}: a project also localised elsewhere would be attributed entirely to the region. ` +
        'Give the national localisation file, or add the region file\'s *_fuori_* companion (e.g. localizzazioni_validate_fuori_toscana.csv) as another --localisations');
    }
  }

}

function locJoinKey(get: Getter, record: string[], withLocalCode: boolean): string | null {
  const cup = normaliseCup(get(record, 'cup'));
  if (!isCup(cup)) return null;
  if (withLocalCode) {
    const localCode = normaliseLocalCode(get(record, 'localCode'));
    return localCode ? projectKey(cup, localCode) : null;
  }
  const submeasure = (get(record, 'submeasureCode') ?? '').trim();
  return submeasure ? submeasureJoinKey(submeasure, cup) : null;
}
