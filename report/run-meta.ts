/**
 * What a report says about its run: the suite and its version, the target, its profile and
 * product, when the run started and how long it took. Written to run.json beside the messages,
 * shown in the HTML report's header, as JUnit <properties> and in rules.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { REPO_ROOT } from './rule-catalogue.ts';

export interface ProductMeta {
  name: string;
  release?: string;
  apim?: string;
  accelerator?: string;
}

export interface RunMeta {
  suite: { name: string; version: string };
  target: string;
  profile: string;
  /** Absent for a spec-only server. */
  product?: ProductMeta;
  /** ISO 8601, when cucumber's test run started (the earliest shard's, for merged shards). */
  startedAt: string;
  /** From the start to the last test run's end. */
  durationMs: number;
  /** The tag expression that selected the scenarios, when one did. */
  tags?: string;
  /** `I/N` for the report of one shard; merged reports have `shards: N` instead. */
  shard?: string;
  shards?: number;
}

/** The suite's name and version, from package.json. */
export function suiteVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

const millis = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + Math.round(t.nanos / 1e6);

/** Start and duration of the test run(s) in a message stream. */
export function runTimes(envelopes: readonly Envelope[]): { startedAt: string; durationMs: number } {
  const starts = envelopes.flatMap((e) => (e.testRunStarted ? [millis(e.testRunStarted.timestamp)] : []));
  const ends = envelopes.flatMap((e) => (e.testRunFinished ? [millis(e.testRunFinished.timestamp)] : []));
  if (starts.length === 0) throw new Error('the messages hold no testRunStarted: not a cucumber run');
  const start = Math.min(...starts);
  return { startedAt: new Date(start).toISOString(), durationMs: ends.length > 0 ? Math.max(...ends) - start : 0 };
}

/** `wso2-is 7.0 (API Manager 4.4, accelerator ob-3)`, or `none declared`. */
export function formatProduct(p: ProductMeta | undefined): string {
  if (!p) return 'none declared';
  const extra = [p.apim ? `API Manager ${p.apim}` : '', p.accelerator ? `accelerator ${p.accelerator}` : ''].filter(Boolean);
  return `${p.name}${p.release ? ` ${p.release}` : ''}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** `1 m 05 s`, `12.3 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
}

/** The metadata as name/value pairs, in the order every report shows them. */
export function metaProperties(m: RunMeta): [string, string][] {
  const props: [string, string][] = [
    ['suite', m.suite.name],
    ['suite.version', m.suite.version],
    ['target', m.target],
    ['profile', m.profile],
    ['product', formatProduct(m.product)],
  ];
  if (m.product?.release) props.push(['product.release', m.product.release]);
  if (m.product?.apim) props.push(['product.apim', m.product.apim]);
  if (m.product?.accelerator) props.push(['product.accelerator', m.product.accelerator]);
  props.push(['started', m.startedAt], ['duration', formatDuration(m.durationMs)], ['duration.ms', String(m.durationMs)]);
  if (m.tags) props.push(['tags', m.tags]);
  if (m.shard) props.push(['shard', m.shard]);
  if (m.shards) props.push(['shards.merged', String(m.shards)]);
  return props;
}
