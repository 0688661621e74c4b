/**
 * Progress on stderr while a large file is read: bytes read / size and percent,
 * rewritten in place. Only when stderr is a terminal, so logs and CI output stay clean.
 */
import { forTerminal } from './terminal.js';

export interface Progress {
  update(bytes: number): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function createProgress(label: string, size: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || size <= 0) return SILENT;
  label = forTerminal(label);
  let last = 0;
  const mb = (n: number): string => (n / 1048576).toFixed(1);
  const draw = (bytes: number): void => {
    const pct = Math.min(100, Math.floor((bytes / size) * 100));
    stream.write(`\r${label}: ${mb(bytes)} / ${mb(size)} MB (${pct}%)`);
  };
  return {
    update(bytes) {
      const now = Date.now();
      if (now - last < 150) return;
      last = now;
      draw(bytes);
    },
    done() {
      draw(size);
      stream.write('\n');
    },
  };
}
