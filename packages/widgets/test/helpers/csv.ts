/** The CSV files the elements download, read back in tests (their own reader: the code under test writes them). */

/** RFC 4180 records. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rec.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rec.push(field);
      out.push(rec);
      rec = [];
      field = '';
      i++;
    } else field += ch;
  }
  return out;
}
