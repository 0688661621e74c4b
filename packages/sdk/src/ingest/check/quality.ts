/**
 * Book-keeping for the quality report: every data row of every file ends up
 * counted as kept, rejected (with file:line and reason) or skipped (read and
 * deliberately not used, e.g. rows of projects outside the region), so that
 * read = kept + rejected + skipped holds per file.
 */
import type { QualityFile, QualityIssue } from '../../schema/package.js';
import { byString } from '../../format/compare.js';

export class FileTally {
  read = 0;
  kept = 0;
  rejected = 0;
  skipped = 0;
  constructor(readonly file: string, readonly role: string, readonly order: number) {}
  toJSON(): QualityFile {
    return { file: this.file, role: this.role, read: this.read, kept: this.kept, rejected: this.rejected, skipped: this.skipped };
  }
}

export class QualityLog {
  readonly files: FileTally[] = [];
  private readonly rejected: Array<QualityIssue & { order: number }> = [];
  private readonly warnings: Array<QualityIssue & { order: number }> = [];

  tally(file: string, role: string): FileTally {
    const tally = new FileTally(file, role, this.files.length);
    this.files.push(tally);
    return tally;
  }

  reject(tally: FileTally, line: number, reason: string, detail: string): void {
    tally.rejected++;
    this.rejected.push({ file: tally.file, line, reason, detail, order: tally.order });
  }

  warn(tally: FileTally, line: number, reason: string, detail: string): void {
    this.warnings.push({ file: tally.file, line, reason, detail, order: tally.order });
  }

  private static sorted(list: Array<QualityIssue & { order: number }>): QualityIssue[] {
    return [...list]
      .sort((a, b) => a.order - b.order || a.line - b.line || byString(a.reason, b.reason) || byString(a.detail, b.detail))
      .map(({ file, line, reason, detail }) => ({ file, line, reason, detail }));
  }

  rejectedIssues(): QualityIssue[] {
    return QualityLog.sorted(this.rejected);
  }

  warningIssues(): QualityIssue[] {
    return QualityLog.sorted(this.warnings);
  }
}
