import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreOf, surfaceOf, surfaces } from '../scripts/mutation.ts';
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
  });

  it('scores a surface as killed and timed out over valid mutants, rounding down, listing survivors', () => {
    const files = {
      'mock-server/keys/a.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('Survived', 7), mutant('Ignored'), mutant('CompileError')] },
      'mock-server/keys/b.ts': { mutants: [mutant('NoCoverage', 3), mutant('Killed'), mutant('Killed')] },
      'mock-server/other/c.ts': { mutants: [mutant('Survived')] },
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
