// @ts-check
/**
 * StrykerJS ignorer plugin "log-only-reasons" (stryker.config.mjs): the reason handed to a
 * client-authentication failure reaches the sandbox's log and nothing else. `fail.invalidClient`
 * (security/client-authentication.ts) and an assertion check's `rules.fail` (security/
 * client-assertion.ts, whose callers log the reason and answer a fixed error) write it with
 * `ctx.log` and answer the same `invalid_client` / `invalid_grant` whatever it says. So a
 * mutant of a text in such a call's argument (the text, or what a template embeds: a string
 * method, a regex) changes only a log line, which the suite does not read (log.ts is not mutated
 * for the same reason): an equivalent mutant. A text that embeds an optional chain is kept (a
 * removed `?.` can throw), as are mutants of the argument outside its texts.
 * The same holds for the text of any `ctx.log(...)` call, and for the reason of a
 * `new StatusOnlyError(status, reason, headers)` (errors/status-only-error.ts): its answer is the
 * status and the headers with an empty body, the reason only its Error message, logged. The
 * headers (the third argument: a challenge is on the wire) are not ignored.
 * Plain JavaScript because Stryker loads plugins with Node's own import().
 */

const REASON = 'text that only reaches the log (a client-authentication failure\'s reason, a ctx.log line, a body-less error\'s reason); the answer is the same';

/** `fail.invalidClient(...)`, `rules.fail(...)`, or the log itself: `ctx.log(...)`, `this.ctx.log(...)`, `req.ctx.log(...)`. */
function isLogOnlyFailure(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier') return false;
  if (property.name === 'log') {
    return (object.type === 'Identifier' && object.name === 'ctx') ||
      (object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'ctx');
  }
  if (object.type !== 'Identifier') return false;
  return (object.name === 'fail' && property.name === 'invalidClient') || (object.name === 'rules' && property.name === 'fail');
}

/** The reason of a body-less answer: the second argument of `new StatusOnlyError(...)`. */
function isStatusOnlyReason(argumentPath) {
  const call = argumentPath.parent;
  return call?.type === 'NewExpression' && call.callee.type === 'Identifier' && call.callee.name === 'StatusOnlyError' && argumentPath.key === 1;
}

const STRINGS = new Set(['StringLiteral', 'TemplateLiteral']);

/** Whether a node holds an optional chain, whose mutant (`?.` removed) can throw: then not ignored. */
function holdsOptionalChain(node) {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'OptionalMemberExpression' || node.type === 'OptionalCallExpression') return true;
  return Object.entries(node).some(([k, v]) => k !== 'loc' && (Array.isArray(v) ? v.some(holdsOptionalChain) : typeof v?.type === 'string' && holdsOptionalChain(v)));
}

const logReasonIgnorer = {
  shouldIgnore(path) {
    // An ignored node's mutants and its children's are ignored alike (Stryker), so only a text
    // without an optional chain inside.
    if (!STRINGS.has(path.node.type) || holdsOptionalChain(path.node)) return undefined;
    for (let p = path; p.parentPath; p = p.parentPath) {
      if (p.listKey === 'arguments' && (isLogOnlyFailure(p.parent) || isStatusOnlyReason(p))) return REASON;
    }
    return undefined;
  },
};

export const strykerPlugins = [{ kind: 'Ignore', name: 'log-only-reasons', value: logReasonIgnorer }];
