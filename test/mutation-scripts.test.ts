import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isExcluded, scoreOf, surfaceFiles, surfaceOf, surfaces } from '../scripts/mutation.ts';
import { fileRecord, readRecord, staleness, writeRecord } from '../scripts/mutation-record.ts';
import { locationPaths, parseTestId, testId } from '../scripts/mutation-scenarios.ts';

const mutant = (status: string, line = 1) => ({ status, mutatorName: 'EqualityOperator', replacement: 'a !== b', location: { start: { line, column: 4 } } });

describe('mutation scripts', () => {
  it('names a file by its surface: the folder under mock-server/, or root', () => {
    assert.equal(surfaceOf('mock-server/oauth2/token/token-app.ts'), 'oauth2');
    assert.equal(surfaceOf('mock-server/app.ts'), 'root');
    const all = surfaces();
    assert.equal(all[0], 'root');
    assert.ok(all.includes('oauth2') && all.includes('security'));
    assert.ok(!all.some((s) => s.endsWith('.ts')));
    assert.ok(!all.includes('faults'), 'the fault-switch tables are excluded whole');
    assert.ok(surfaceFiles('jwks').includes('mock-server/jwks/jwks-app.ts'));
    const root = surfaceFiles('root');
    assert.ok(root.includes('mock-server/app.ts') && !root.includes('mock-server/main.ts'), 'root: the files directly in mock-server/, less the excluded');
    assert.ok(!root.some((f) => f.slice('mock-server/'.length).includes('/')));
    assert.ok(isExcluded('mock-server/faults/oauth2.ts') && isExcluded('mock-server/log.ts'));
    assert.ok(!isExcluded('mock-server/logs.ts') && !isExcluded('mock-server/jwks/jwks-app.ts'));
  });

  it('scores a surface as killed and timed out over valid mutants, rounding down, listing survivors', () => {
    const rec = (mutants: ReturnType<typeof mutant>[]) => fileRecord('source', mutants, 'fp', '2026-12-03');
    const files = {
      'mock-server/keys/a.ts': rec([mutant('Killed'), mutant('Timeout'), mutant('Survived', 7), mutant('Ignored'), mutant('CompileError')]),
      'mock-server/keys/b.ts': rec([mutant('NoCoverage', 3), mutant('Killed'), mutant('Killed')]),
      'mock-server/other/c.ts': rec([mutant('Survived')]),
    };
    const s = scoreOf('keys', files);
    assert.deepEqual(
      { mutants: s.mutants, killed: s.killed, timeout: s.timeout, survived: s.survived, noCoverage: s.noCoverage, ignored: s.ignored, errors: s.errors, score: s.score },
      { mutants: 8, killed: 3, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, errors: 1, score: 66.6 },
    );
    assert.deepEqual(s.survivors, [
      'mock-server/keys/a.ts:7:4 EqualityOperator: "a !== b"',
      'mock-server/keys/b.ts:3:4 EqualityOperator (no coverage): "a !== b"',
    ]);
    assert.equal(scoreOf('jwks', files).score, null);
    assert.deepEqual(scoreOf('keys', files, (f) => (f.endsWith('b.ts') ? 'code changed since measured' : undefined)).stale, ['mock-server/keys/b.ts: code changed since measured']);
  });

  it('keeps a record that survives a clean clone and says when a result no longer holds', () => {
    const root = mkdtempSync(join(tmpdir(), 'obc-mutation-record-'));
    writeFileSync(join(root, 'a.ts'), 'const a = 1;\n');
    const rec = fileRecord('const a = 1;\n', [mutant('Survived', 1), mutant('Killed')], 'fp1', '2026-12-03');
    writeRecord(join(root, 'results.json'), { 'a.ts': rec });
    assert.deepEqual(readRecord(join(root, 'results.json')), { 'a.ts': rec });
    assert.equal(staleness(root, 'a.ts', rec, 'fp1'), undefined);
    assert.equal(staleness(root, 'a.ts', rec, 'fp2'), 'scenarios changed since measured');
    writeFileSync(join(root, 'a.ts'), 'const a = 2;\n');
    assert.equal(staleness(root, 'a.ts', rec, 'fp1'), 'code changed since measured');
    assert.equal(staleness(root, 'gone.ts', rec, 'fp1'), 'file removed');
  });

  it('names a scenario test by target, feature and line, and selects them per feature', () => {
    const id = testId('embedded-cdr', 'features/token/pkce.feature', 42);
    assert.deepEqual(parseTestId(id), { target: 'embedded-cdr', uri: 'features/token/pkce.feature', line: 42 });
    assert.throws(() => parseTestId('embedded'), /not a scenario test id/);
    assert.deepEqual(
      locationPaths([{ uri: 'features/a.feature', line: 3 }, { uri: 'features/b.feature', line: 9 }, { uri: 'features/a.feature', line: 12 }]),
      ['features/a.feature:3:12', 'features/b.feature:9'],
    );
  });
});
