import { Inject, Injectable } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, CONFIG } from './config';

/** What a first start created that a human must see once (scripts/start.mjs prints it, then deletes the file). */
export interface FirstStartNotes {
  admin?: { email: string; password: string };
  /** Plaintext API keys created by seeders, e.g. the demo bot's. */
  apiKeys?: { bot: string; key: string }[];
}

export const FIRST_START_FILE = 'first-start.json';

/**
 * Seeders record secrets they generated here (`record({...})`); the file lives in the data dir,
 * mode 0600, and is removed by whoever prints it.
 */
@Injectable()
export class FirstStartReport {
  private readonly file: string;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.file = join(config.dataDir, FIRST_START_FILE);
  }

  read(): FirstStartNotes {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as FirstStartNotes) : {};
  }

  record(notes: FirstStartNotes): void {
    const current = this.read();
    const merged: FirstStartNotes = { ...current, ...notes, apiKeys: [...(current.apiKeys ?? []), ...(notes.apiKeys ?? [])] };
    mkdirSync(join(this.file, '..'), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
