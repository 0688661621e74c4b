/**
 * Dates → ISO `YYYY-MM-DD`. Official downloads write `DD/MM/YYYY` (sometimes with
 * a time), the re-serialised extracts ISO (sometimes with a time). Returns null
 * for a missing value, undefined for text that is not a valid date.
 */
import { MISSING } from './normalise.js';

/** The last text parsed and its result: a file's rows mostly repeat the same extraction date. */
let lastRaw: string | undefined;
let lastDate: string | null | undefined;

/** A date of the sources (`DD/MM/YYYY` or ISO, a time ignored) as `YYYY-MM-DD`; null when missing, undefined when not a valid date. */
export function parseDate(raw: string | undefined): string | null | undefined {
  if (raw === undefined) return null;
  if (raw === lastRaw) return lastDate;
  lastDate = parseDateText(raw);
  lastRaw = raw;
  return lastDate;
}

function parseDateText(raw: string): string | null | undefined {
  const text = raw.trim();
  if (text === '' || MISSING.has(text.toUpperCase())) return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text);
  if (match) {
    y = Number(match[1]); m = Number(match[2]); d = Number(match[3]);
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(text))) {
    d = Number(match[1]); m = Number(match[2]); y = Number(match[3]);
  } else {
    return undefined;
  }
  if (m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const maxDate = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);
