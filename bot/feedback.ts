import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One helpful / not helpful vote on an answer card. */
export interface FeedbackEntry {
  at: string;
  topicId: string;
  helpful: boolean;
  /** The question the answer was for, when the card carried it. */
  question?: string;
  conversationType?: string;
  tenantId?: string;
}

export interface FeedbackStore {
  record(entry: FeedbackEntry): Promise<void>;
  list(): Promise<FeedbackEntry[]>;
}

export class MemoryFeedbackStore implements FeedbackStore {
  private readonly entries: FeedbackEntry[] = [];
  async record(entry: FeedbackEntry): Promise<void> {
    this.entries.push(entry);
  }
  async list(): Promise<FeedbackEntry[]> {
    return [...this.entries];
  }
}

/** Appends votes to a JSON-lines file (the embedded default; one line per vote, never rewritten). */
export class JsonlFeedbackStore implements FeedbackStore {
  constructor(private readonly file: string) {}

  async record(entry: FeedbackEntry): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify(entry) + '\n', 'utf8');
  }

  async list(): Promise<FeedbackEntry[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as FeedbackEntry];
        } catch {
          return [];
        }
      });
  }
}
