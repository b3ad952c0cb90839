import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '@babel/parser';

// Untyped JavaScript (Babel's traverse, the Stryker plugin): loaded by a specifier TypeScript does not resolve.
interface NodePath { node: { type: string; value?: string; quasis?: { value: { raw: string } }[] } }
type Traverse = (ast: unknown, visitor: { enter(path: NodePath): void }) => void;
const traverseModule = (await import('@babel/traverse' as string)) as { default: Traverse | { default: Traverse } };
const traverse: Traverse = typeof traverseModule.default === 'function' ? traverseModule.default : traverseModule.default.default;
const { strykerPlugins } = (await import('../scripts/mutation-log-reason-ignorer.mjs' as string)) as { strykerPlugins: { value: unknown }[] };

/**
 * The log-only ignorer decides which mutants count as equivalent (stryker.config.mjs): it must
 * ignore only texts that reach the log, never a condition or a text that reaches the wire.
 */
const ignorer = strykerPlugins[0]!.value as { shouldIgnore(path: unknown): string | undefined };

function verdicts(code: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  traverse(parse(code, { sourceType: 'module', plugins: ['typescript'] }), {
    enter(path) {
      const n = path.node;
      if (n.type === 'StringLiteral') out[n.value!] = ignorer.shouldIgnore(path) !== undefined;
      if (n.type === 'TemplateLiteral') out[`\`${(n.quasis ?? []).map((q) => q.value.raw).join('${}')}\``] = ignorer.shouldIgnore(path) !== undefined;
    },
  });
  return out;
}

test('the reasons of client-authentication failures and ctx.log lines are ignored, conditions are not', () => {
  const v = verdicts(`
    if (a === 'kept-condition') throw fail.invalidClient('reason-a');
    throw rules.fail(\`jti \${jti} used\`);
    ctx.log('logged');
    throw rules.fail(\`\${x?.y} optional\`);`);
  assert.equal(v['kept-condition'], false);
  assert.equal(v['reason-a'], true);
  assert.equal(v['`jti ${} used`'], true);
  assert.equal(v.logged, true);
  assert.equal(v['`${} optional`'], false, 'a text embedding an optional chain is kept');
});

test("a StatusOnlyError's reason is ignored, its headers are not", () => {
  const v = verdicts(`
    throw new StatusOnlyError(401, 'no credentials', { 'www-authenticate': 'Basic realm="IS"' });
    throw new OAuthError(400, 'invalid_request', 'on the wire');`);
  assert.equal(v['no credentials'], true);
  assert.equal(v['www-authenticate'], false);
  assert.equal(v['Basic realm="IS"'], false);
  assert.equal(v.invalid_request, false);
  assert.equal(v['on the wire'], false);
});
