/**
 * Merge the cucumber messages of N shards (`--shard I/N`) into the one stream a single run would
 * have written. Every shard parses the same features and loads the same steps, but names their
 * documents, pickles, step definitions and hooks with its own random ids; the first shard's ids
 * are kept and every other shard's are mapped onto them by position, after checking that the
 * shards describe the same suite. Test cases and their results keep their own (unique) ids.
 */
import type { Envelope } from '@cucumber/messages';

/** Messages that describe the suite (the same in every shard), as opposed to what ran. */
const STATIC = ['meta', 'source', 'gherkinDocument', 'pickle', 'stepDefinition', 'hook', 'parameterType', 'undefinedParameterType'] as const;

const kindOf = (e: Envelope) => Object.keys(e)[0] ?? '';
const isStatic = (e: Envelope) => (STATIC as readonly string[]).includes(kindOf(e));

/** Every value of an `id` member, in document order. */
function ids(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) ids(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') into.push(v);
      else ids(v, into);
    }
  }
  return into;
}

function remap<T>(value: T, map: ReadonlyMap<string, string>): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return map.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

const millis = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + t.nanos / 1e6;

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export function mergeShardMessages(shards: readonly (readonly Envelope[])[]): Envelope[] {
  const [first, ...rest] = shards;
  if (!first) throw new MergeError('no shard to merge');
  // meta names the machine and time of each shard; the first shard's is kept as it is.
  const describe = (s: readonly Envelope[]) => s.filter((e) => isStatic(e) && !e.meta);
  const canonical = describe(first);
  const canonicalIds = ids(canonical);
  const canonicalText = JSON.stringify(canonical);

  const runs: Envelope[][] = [];
  const starts: Envelope[] = [];
  const finishes: Envelope[] = [];
  shards.forEach((shard, i) => {
    const own = describe(shard);
    const ownIds = ids(own);
    if (ownIds.length !== canonicalIds.length) throw new MergeError(`shard ${i + 1} ran another suite than shard 1 (${ownIds.length} against ${canonicalIds.length} ids)`);
    const map = new Map(ownIds.map((id, j) => [id, canonicalIds[j]!]));
    const started = shard.find((e) => e.testRunStarted)?.testRunStarted;
    if (!started) throw new MergeError(`shard ${i + 1} has no testRunStarted: an incomplete message file`);
    const firstStarted = first.find((e) => e.testRunStarted)!.testRunStarted!;
    if (started.id && firstStarted.id) map.set(started.id, firstStarted.id);
    if (i > 0 && JSON.stringify(remap(own, map)) !== canonicalText) {
      throw new MergeError(`shard ${i + 1} ran another suite than shard 1 (features, steps or hooks differ): merge shards of one checkout only`);
    }
    if (!shard.some((e) => e.testRunFinished)) throw new MergeError(`shard ${i + 1} has no testRunFinished: the shard did not finish`);
    starts.push(remap({ testRunStarted: started }, map));
    finishes.push(remap(shard.find((e) => e.testRunFinished)!, map));
    runs.push(shard.filter((e) => !isStatic(e) && !e.testRunStarted && !e.testRunFinished).map((e) => remap(e, map)));
  });
  void rest;

  const earliest = starts.reduce((a, b) => (millis(b.testRunStarted!.timestamp) < millis(a.testRunStarted!.timestamp) ? b : a));
  const latest = finishes.reduce((a, b) => (millis(b.testRunFinished!.timestamp) > millis(a.testRunFinished!.timestamp) ? b : a));
  const success = finishes.every((f) => f.testRunFinished!.success);
  const exception = finishes.find((f) => f.testRunFinished!.exception)?.testRunFinished!.exception;
  const finished: Envelope = { testRunFinished: { ...latest.testRunFinished!, success, ...(exception ? { exception } : {}) } };

  const meta = first.filter((e) => e.meta);
  return [...meta, ...canonical, earliest, ...runs.flat(), finished];
}
