import { NeuriteError } from '@neurite/tensor';
import { Callback, type Logs } from './callback.js';
import { csvLine, formatNumber } from './csv-format.js';
import { argError, checkName, checkOptions } from './validate.js';
import { nodeModule } from '../saving/sources/index.js';
import { type NodeFs } from '../saving/sources/node-types.js';

type Fs = NodeFs;

/** Options of CSVLogger. */
export interface CSVLoggerArgs {
  /** The column separator, one character. Default ','. */
  separator?: string;
  /** Append to an existing file (no second header) instead of overwriting it. Default false. */
  append?: boolean;
}

const OWNER = 'CSVLogger';

/**
 * Streams epoch results to a CSV file (Node only): the header is `epoch` then the first epoch's log keys
 * sorted, one row per epoch (epochs 0-based, missing values `NA`). Each epoch the whole file is written to a
 * temporary file beside it and renamed over it, so a crash never leaves a half-written file.
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;

  private fs: Fs | null = null;
  /** What the file holds, as last written successfully. */
  private content = '';
  private keys: string[] | null = null;

  constructor(filename: string, args: CSVLoggerArgs = {}) {
    super();
    this.filename = checkName(OWNER, 'filename', filename);
    const a = checkOptions(OWNER, args, ['separator', 'append']);
    const separator = a.separator ?? ',';
    if (typeof separator !== 'string' || separator.length !== 1 || /["\r\n]/.test(separator)) {
      throw argError(OWNER, 'separator', 'one character other than a quote or a line break', separator);
    }
    this.separator = separator;
    const append = a.append ?? false;
    if (typeof append !== 'boolean') throw argError(OWNER, 'append', 'a boolean', append);
    this.append = append;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await this.loadFs();
    this.keys = null;
    this.content = '';
    if (this.append && fs.existsSync(this.filename)) {
      try {
        this.content = fs.readFileSync(this.filename, 'utf8');
      } catch (e) {
        throw new NeuriteError(`${OWNER}: cannot read '${this.filename}' to append to it: ${(e as Error).message}`);
      }
      // A file cut short of its last newline would glue our first row onto its last line.
      if (this.content.length > 0 && !this.content.endsWith('\n')) this.content += '\n';
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const fs = await this.loadFs();
    let next = this.content;
    if (this.keys === null) {
      this.keys = this.columnsFrom(logs);
      // As Keras: an appended-to file that already has lines keeps its header.
      if (next.length === 0) next += csvLine(['epoch', ...this.keys], this.separator);
    }
    const row = [String(epoch), ...this.keys.map((k) => (typeof logs[k] === 'number' ? formatNumber(logs[k]) : 'NA'))];
    next += csvLine(row, this.separator);
    this.writeAtomically(fs, next);
    this.content = next;
  }

  override onTrainEnd(): void {
    this.content = '';
  }

  /**
   * The first epoch's keys, sorted. When validation runs less often than every epoch (no `val_` key yet, but
   * the trainer lists `val_` metrics in params), the `val_` columns are added now, as Keras does.
   */
  private columnsFrom(logs: Logs): string[] {
    const keys = Object.keys(logs).sort();
    const listed = this.params?.metrics ?? [];
    if (listed.some((m) => m.startsWith('val_')) && !keys.some((k) => k.startsWith('val_'))) {
      keys.push(...keys.filter((k) => k === 'loss' || listed.includes(`val_${k}`)).map((k) => `val_${k}`));
    }
    return keys;
  }

  /** Writes `text` to `<filename>.<pid>.tmp`, flushes it to disk, and renames it over the file. */
  private writeAtomically(fs: Fs, text: string): void {
    const tmp = `${this.filename}.${process.pid}.tmp`;
    try {
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, this.filename);
    } catch (e) {
      try {
        if (fs.statSync(tmp).isFile()) fs.unlinkSync(tmp);
      } catch {
        // Nothing to clean up.
      }
      throw new NeuriteError(`${OWNER}: cannot write '${this.filename}' (the previous version is left as it was): ${(e as Error).message}`);
    }
  }

  /** node:fs, loaded on first use so that importing the package works where there is no file system. */
  private async loadFs(): Promise<Fs> {
    this.fs ??= await nodeModule<NodeFs>('node:fs');
    return this.fs;
  }
}
