/**
 * The CSV tokenizer of `readCsv()`: RFC 4180 records (`"` quotes, `""` inside
 * quotes, quoted line breaks), `\n` or `\r\n` line ends, empty lines skipped,
 * the same record count check and the same "Invalid Record Length" message as
 * csv-parse (which the kit used before, and still uses for files whose lines
 * end in a lone `\r`). Written for speed, because the national files are
 * ~370 MB and csv-parse reads ~25 MB/s here: a line without a quote is split
 * with `String.prototype.split`, and only lines with quotes go through the
 * character loop. Fields are slices of the decoded text; a caller that keeps
 * one for long copies it first (`detach`), so the text can be freed.
 */

/** What the tokenizer reports: a record with its first physical line, or a malformed record with its last line and why. */
export interface Tokens {
  record(fields: string[], line: number): void;
  malformed(line: number, message: string): void;
}

/** A copy of `text` that does not keep a larger string alive (V8 slices strings of 13+ characters). */
export const detach = (text: string): string => (text.length < 13 ? text : JSON.parse(JSON.stringify(text)) as string);

export class FastCsv {
  private rest = '';
  /** Physical line number (1-based) of the first character of `rest`. */
  private line = 1;
  /** Fields of the first record (the header); every record must have as many. */
  private expected = -1;
  private started = false;

  constructor(private readonly delimiter: string, private readonly out: Tokens) {}

  /** Feeds decoded text; complete records are reported, the rest is kept for the next call. */
  push(text: string): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.rest = this.rest === '' ? text : this.rest + text;
    this.drain(false);
  }

  /** The end of the input: the last record may lack its line break. */
  end(): void {
    this.drain(true);
    this.rest = '';
  }

  private emit(fields: string[], first: number, last: number): void {
    if (this.expected < 0) this.expected = fields.length;
    if (fields.length !== this.expected) {
      this.out.malformed(last, `Invalid Record Length: expect ${this.expected}, got ${fields.length} on line ${last}`);
      return;
    }
    this.out.record(fields, first);
  }

  private drain(final: boolean): void {
    const s = this.rest;
    const d = this.delimiter;
    let pos = 0;
    let nextQuote = s.indexOf('"');
    while (pos < s.length) {
      let end = s.indexOf('\n', pos);
      if (end < 0) {
        if (!final) break;
        end = s.length;
      }
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextQuote < 0 || nextQuote > end) {
        // A line without quotes: one record on one line.
        const stop = end > pos && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
        if (stop > pos) this.emit(s.slice(pos, stop).split(d), this.line, this.line);
        this.line++;
        pos = end + 1;
        continue;
      }
      const parsed = this.quoted(s, pos, final);
      if (parsed === null) break; // the record goes on in the next chunk
      pos = parsed.next;
      const first = this.line;
      this.line += parsed.lines;
      if (parsed.error) this.out.malformed(first + parsed.lines - 1, parsed.error);
      else this.emit(parsed.fields, first, first + parsed.lines - 1);
    }
    this.rest = pos >= s.length ? '' : s.slice(pos);
  }

  /**
   * One record that has a quote, from `start`: its fields, where the next record starts, how many
   * physical lines it spans; or an error (the rest of the line is skipped); or null if it needs more text.
   */
  private quoted(s: string, start: number, final: boolean): { fields: string[]; next: number; lines: number; error?: string } | null {
    const d = this.delimiter;
    const fields: string[] = [];
    let i = start;
    let lines = 1;
    const fail = (message: string): { fields: string[]; next: number; lines: number; error: string } => {
      const nl = s.indexOf('\n', i);
      return { fields, next: nl < 0 ? s.length : nl + 1, lines, error: message };
    };
    for (;;) {
      if (s.charCodeAt(i) === 34) {
        // A quoted field: up to the quote that is not doubled.
        let value = '';
        i++;
        for (;;) {
          const q = s.indexOf('"', i);
          if (q < 0) {
            if (!final) return null;
            return { fields, next: s.length, lines: lines + count(s, i, s.length), error: `Quote Not Closed: the parsing is finished with an opening quote at line ${this.line + lines - 1}` };
          }
          lines += count(s, i, q);
          value += s.slice(i, q);
          if (q + 1 >= s.length && !final) return null;
          if (s.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        fields.push(value);
        const c = s.charCodeAt(i);
        if (i >= s.length) return { fields, next: i, lines };
        if (s[i] === d) {
          i++;
          continue;
        }
        if (c === 10) return { fields, next: i + 1, lines };
        if (c === 13) {
          if (i + 1 >= s.length && !final) return null;
          if (i + 1 >= s.length || s.charCodeAt(i + 1) === 10) return { fields, next: i + 2, lines };
        }
        return fail(`Invalid Closing Quote: got "${s[i]}" at line ${this.line + lines - 1} instead of delimiter, record delimiter, trimable character (if activated) or comment`);
      }
      // An unquoted field: up to the delimiter or the end of the line.
      const nl = s.indexOf('\n', i);
      const lineEnd = nl < 0 ? s.length : nl;
      if (nl < 0 && !final) return null;
      const del = s.indexOf(d, i);
      const stop = del >= 0 && del < lineEnd ? del : lineEnd;
      let value = s.slice(i, stop);
      if (stop === lineEnd && value.endsWith('\r')) value = value.slice(0, -1);
      if (value.includes('"')) {
        return fail(`Invalid Opening Quote: a quote is found on field ${fields.length} at line ${this.line + lines - 1}, value is ${JSON.stringify(value)}`);
      }
      fields.push(value);
      if (stop === lineEnd) return { fields, next: lineEnd + 1, lines };
      i = stop + 1;
    }
  }
}

/** Line breaks (`\n`) in s[from, to). */
function count(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
