// @ts-check
/**
 * StrykerJS ignorer plugin "fault-switches" (stryker.config.mjs): the sandbox's fault switches are
 * off in every mutation run (scripts/mutation-test-runner.ts), and the self-test (npm run selftest) is what
 * measures them. So a mutant of fault-switch code is either killed for a reason that says nothing
 * about the suite (a switch forced on) or equivalent by construction (a switch forced off, its
 * name changed, code only a switch reaches). This ignores, with that reason:
 *   - an expression whose value is fixed while every switch is off: `ctx.faults.has('x')`, `f('x')`,
 *     a helper `(name) => ctx.faults.has(name)`,
 *     `!f('x')`, and `&&` / `||` that such a value decides (`f('x') && n > 1` is always false);
 *   - the branch of an `if` or `?:` that only a switch reaches (the consequent of `if (f('x'))`,
 *     the alternate of `if (!f('x'))`), and the statements after `if (!f('x')) throw ...;`.
 * The other operand of `cond && !f('x')` is not ignored: it is the real check.
 * Plain JavaScript because Stryker loads plugins with Node's own import().
 */

const FAULT_NAME = /^[a-z0-9-]+\.[a-z0-9.-]+$/;
const REASON = 'fault-switch code: switches are off in mutation runs; the self-test measures them';

/** `ctx.faults.has('x')`, `req.ctx.faults.has('x')`, `faults.has('x')`, or a local helper `f('x')`. */
function isFaultCheck(node) {
  if (node?.type !== 'CallExpression' || node.arguments.length !== 1) return false;
  const arg = node.arguments[0];
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'has') {
    const obj = callee.object;
    return (obj.type === 'Identifier' && obj.name === 'faults') ||
      (obj.type === 'MemberExpression' && obj.property.type === 'Identifier' && obj.property.name === 'faults');
  }
  return callee.type === 'Identifier' && arg?.type === 'StringLiteral' && FAULT_NAME.test(arg.value);
}

/** The value of an expression while every fault switch is off, when that alone decides it. */
function offValue(node) {
  if (!node) return undefined;
  if (isFaultCheck(node)) return false;
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const v = offValue(node.argument);
    return v === undefined ? undefined : !v;
  }
  if (node.type === 'LogicalExpression') {
    const l = offValue(node.left);
    const r = offValue(node.right);
    if (node.operator === '&&' && (l === false || r === false)) return false;
    if (node.operator === '||' && (l === true || r === true)) return true;
    if (l !== undefined && r !== undefined && node.operator !== '??') return node.operator === '&&' ? l && r : l || r;
  }
  return undefined;
}

const faultSwitchIgnorer = {
  shouldIgnore(path) {
    if (offValue(path.node) !== undefined) return REASON;
    // A local helper `const f = (name) => ctx.faults.has(name)`: the helper itself is switch code.
    if (path.node.type === 'ArrowFunctionExpression' && offValue(path.node.body) !== undefined) return REASON;
    const parent = path.parent;
    if (parent && (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression')) {
      const test = offValue(parent.test);
      if (test === false && path.key === 'consequent') return REASON;
      if (test === true && path.key === 'alternate') return REASON;
    }
    // `if (!f('x')) throw e; <fault-only>`: what follows an exit taken whenever switches are off.
    if (parent && (parent.type === 'BlockStatement' || parent.type === 'Program') && path.listKey === 'body' && typeof path.key === 'number') {
      for (const sibling of parent.body.slice(0, path.key)) {
        if (sibling.type === 'IfStatement' && !sibling.alternate && offValue(sibling.test) === true && exits(sibling.consequent)) return REASON;
      }
    }
    return undefined;
  },
};

/** A statement that always leaves its block: throw or return, or a block that ends with one. */
function exits(node) {
  if (node.type === 'ThrowStatement' || node.type === 'ReturnStatement') return true;
  return node.type === 'BlockStatement' && node.body.length > 0 && exits(node.body[node.body.length - 1]);
}

// What @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, ...) returns, without
// importing a package that is only a dependency of @stryker-mutator/core.
export const strykerPlugins = [{ kind: 'Ignore', name: 'fault-switches', value: faultSwitchIgnorer }];
