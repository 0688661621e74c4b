/**
 * The command line's usage text and its usage errors (exit code 2): unknown
 * commands and options, missing values.
 */
import { HEAP_LIMIT_MB } from './supervise.js';

export const USAGE = `pnrr-toscana – build and check PNRR open-data packages

Usage:
  pnrr-toscana build --projects <csv> --localisations <csv> [--localisations <csv> …]
                     [--payments <csv> …] [--awardees <csv> …] [--indicators <csv> …]
                     --region <NN|all> --boundaries <topojson>
                     --population <csv> --out <dir> [--force] [--generated-at YYYY-MM-DD]
                     [--reference-date YYYY-MM-DD]
  pnrr-toscana update --config <sources.json> --out <dir> [--cache <dir>]
                      [--release-date YYYY-MM-DD] [--timeout <seconds>] [--retries <n>]
  pnrr-toscana diff <old-dir|url> <new-dir|url> [--json]
  pnrr-toscana validate <dir>
  pnrr-toscana summary [--comune <istat>] [--dir <dir>]
  pnrr-toscana --help | <command> --help

Commands:
  build     Read the official CSVs (streamed; any size; UTF-8 text) and write a data package
            to --out: a new or empty folder, or, with --force, a package pnrr-toscana wrote
            (recognised by its manifest.json and checksums.json, unchanged since). Any other
            folder is refused and left untouched. The package is written to a temporary
            sibling folder, validated, then moved into place: a failed or interrupted build
            (Ctrl-C) leaves --out exactly as it was.
            --projects, --localisations and --payments may be repeated (e.g. the region file
            and its *_fuori_* file: without rows outside the region, projects also localised
            elsewhere would count wholly inside, and build warns). --region is the 2-digit
            ISTAT code (09 Toscana, 07 Liguria), or all for an all-Italy package (region 00).
            --awardees takes the tenders' awardee files (2025 PNRR_Aggiudicatari_Gare, 2023
            Gare Aggiudicatari validated or Universo, current PNRR_Gare) and --indicators the
            target-indicator files (PNRR_Indicatori_Target); both are optional and repeatable,
            joined to the projects on (CUP, Codice Locale Progetto). Where files overlap, the
            latest file wins. A natural person's tax code is never published (masked as
            ****************, also inside names).
            --boundaries is a TopoJSON with the objects comuni, province and regione;
            --population the table pro_com_t,name,cod_prov,prov_sigla,prov_name,
            pop_istat_2021,pop_anpr_2025_01. Together they define the region's comuni.
            --reference-date sets the data date; default: the latest Data di Estrazione of the
            project/localisation files, else the referenceDate a manifest.json next to them
            records for the same file (same SHA-256, as in data/sources/), else their latest
            Data aggiornamento (required when the files carry none). --generated-at defaults
            to the latest date of all sources (never the clock), so a rebuild is
            byte-identical.
            Refused (exit 1, nothing written): non-UTF-8 or binary files (convert with
            iconv -f WINDOWS-1252 -t UTF-8), no project of the region, a result that does not
            validate. Rows that cannot be used (bad key, amount beyond ±250 bn €, …) are
            rejected with file, line and reason in the package's quality.json; negative
            amounts are kept and reported.
  update    Republish a release: download the official files sources.json lists (http(s)
            URLs, or paths relative to sources.json), verify each (size and SHA-256 when
            given, the table's layout, minRows), build the package as build does, and add
            an entry to its releases.json (release date, source URLs, sha256 and rows, data
            dates, totals by mission). --out follows build's rules (absent, empty, or a
            package pnrr-toscana wrote, which update replaces); a failed download, checksum,
            layout or build, or Ctrl-C, leaves --out byte for byte as it was and no
            temporary file. Downloads go to a temporary folder, removed at the end, or to
            --cache (kept; a file whose sha256 sources.json gives is not downloaded again).
            --timeout: seconds without data before a download attempt stops (default 60);
            --retries: further attempts after a network error, 408, 429 or 5xx (default 2).
            Config format: docs/methodology.md, "Ripubblicare un nuovo rilascio".
  diff      Compare two packages of one region (folders or URLs): projects added, removed
            and changed (title, PNRR and total amounts, places), totals by mission and by
            comune with their differences, as tables (Italian number format) or, with
            --json, as JSON (shape in docs/sdk.md). Exit 0 whether or not they differ.
  validate  Check every file of a package against its JSON Schema, checksums.json, the
            schema version and the reconciliation invariants (inside + outside = each
            project's amount; region = comuni + province-wide + region-wide buckets).
  summary   Print the reconciliation figures and totals by mission or, with --comune (a
            6-digit ISTAT code, e.g. 048017), the projects of one comune.
            Default --dir: the package embedded in the SDK.

Memory: build and update run with a JavaScript heap limit of ${HEAP_LIMIT_MB} MB (enough for an all-Italy
package); to change it: NODE_OPTIONS=--max-old-space-size=<MB> pnrr-toscana build …

Exit codes: 0 ok, 1 failed (invalid input or package, failed download, out of memory; nothing changed),
2 usage error, 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM (previous package unchanged).
`;

/** Bad usage: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** Runs parseArgs, turning its errors (unknown option, missing value) into usage errors. */
export function usage<T>(parseFn: () => T): T {
  try {
    return parseFn();
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}
