import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CATEGORY_OF_CODE, FINDING_CATEGORIES, categoryOf, isAppFinding } from '../../identity/alerts/categories';
import type { FindingCode } from '../../identity/tenant/findings';

/** Every string literal of identity/tenant/findings.ts shaped like a finding code ("sync.stale", "cloudSync.quarantined"). */
function codesDeclaredInFindings(): string[] {
  const file = path.resolve(import.meta.dirname, '../../identity/tenant/findings.ts');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, readFileSync(file, 'utf8'));
  const codes = new Set<string>();
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral && /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(scanner.getTokenValue())) {
      codes.add(scanner.getTokenValue());
    }
  }
  return [...codes].sort();
}

describe('alert categories: one table from finding code to category', () => {
  it('gives every finding code declared in identity/tenant/findings.ts a category, and nothing else', () => {
    const declared = codesDeclaredInFindings();
    assert.ok(declared.length >= 11, `found only ${declared.length} codes`);
    assert.deepEqual(Object.keys(CATEGORY_OF_CODE).sort(), declared);
  });

  it('puts each code in one of sync, federation, apps and service health; Cloud Sync and password sync are sync', () => {
    for (const [code, category] of Object.entries(CATEGORY_OF_CODE)) assert.ok(FINDING_CATEGORIES.includes(category), code);
    assert.equal(categoryOf('phs.stale'), 'sync');
    assert.equal(categoryOf('federation.certExpired'), 'federation');
    assert.equal(categoryOf('service.incident'), 'service');
    for (const code of Object.keys(CATEGORY_OF_CODE) as FindingCode[]) {
      if (code.startsWith('cloudSync.')) assert.equal(categoryOf(code), 'sync', code);
      assert.equal(isAppFinding(code), code.startsWith('app.'), code);
    }
  });
});
