import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * No source file over 300 lines without a stated reason (issue #11). A file may be longer when its
 * first comment says why, in a line of the form `Over 300 lines: <reason>.` — for a data table, or
 * an advisor defined as data, where splitting would scatter one thing.
 */
const MAX_LINES = 300;
const REASON = /^[\s*/]*Over 300 lines: \S.*\.\s*(\*\/)?$/m;

const root = path.resolve(import.meta.dirname, '../..');

interface SourceFile {
  file: string;
  lines: number;
  text: string;
}

/** Every tracked .ts/.tsx file that is still on disk, with its line count as `wc -l` gives it. */
function trackedSources(): SourceFile[] {
  return execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && existsSync(path.join(root, file)))
    .map((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return { file, text, lines: text.split('\n').length - 1 };
    });
}

/** The text of the file's first comment (line or block), or '' when it has none. */
function firstComment({ file, text }: SourceFile): string {
  const variant = file.endsWith('.tsx') ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.MultiLineCommentTrivia || token === ts.SyntaxKind.SingleLineCommentTrivia) {
      return scanner.getTokenText();
    }
  }
  return '';
}

describe('File size: over 300 lines only with a stated reason', () => {
  const sources = trackedSources();

  it('finds the files it checks', () => {
    assert.ok(sources.length > 100, `only ${sources.length} tracked .ts/.tsx files found`);
  });

  it(`every file over ${MAX_LINES} lines says why in its first comment ("Over 300 lines: <reason>.")`, () => {
    const offenders = sources
      .filter((source) => source.lines > MAX_LINES && !REASON.test(firstComment(source)))
      .map((source) => `${source.file}: ${source.lines} lines`);
    assert.ok(offenders.length === 0, `split these by job, or state the reason in the first comment:\n  ${offenders.join('\n  ')}`);
  });
});
