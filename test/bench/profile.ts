/**
 * A CPU profile of one scenario's GraphQL side, and nothing else: the bench's data set and app,
 * the scenario's setup, a closed-loop warm-up from the forked load generator, then the V8
 * profiler (node:inspector) over one measured window of the same load. It writes the
 * `.cpuprofile` (open it in Chrome DevTools or speedscope) and prints the functions with the most
 * self time, and the main thread's CPU per request.
 *
 *   npm run build && node dist/test/bench/profile.js cadres-list [--scale ward] [--duration 5] [--out /tmp/p.cpuprofile]
 *   node dist/test/bench/profile.js cadres-list --no-profile [--windows 3]   # main-thread CPU per request only
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { SQL_HEADER } from './baseline-server';
import { Cleanup } from './cleanup';
import { startBenchEnv } from './environment';
import { measure } from './load';
import type { LoadJob } from './protocol';
import { SCENARIOS } from './scenarios';
import type { GenScale } from '../../src/demo/cadres.generator';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}
interface HeapProfile {
  head: HeapNode;
}

/** Sampled allocations by the function that made them, in KB per request (an estimate: sampled). */
export function summariseHeap(profile: HeapProfile, requests: number, top = 20): string {
  const byFn = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode) => {
    if (node.selfSize) {
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName || '(anonymous)'} ${origin(url)}${url ? `:${lineNumber + 1}` : ''}`;
      byFn.set(key, (byFn.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  const kb = (bytes: number) => (bytes / 1024 / Math.max(requests, 1)).toFixed(1).padStart(7);
  const lines = [`Allocated (sampled) ${kb(total).trim()} KB per request, by function:`];
  for (const [k, bytes] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${kb(bytes)} KB  ${k}`);
  return lines.join('\n');
}

function progress(line: string): void {
  process.stderr.write(`[profile ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Where a function comes from, short: the package, or the app's file. */
function origin(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return `${pkg}/${rest.at(-1)}`;
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url.replace(/^.*\//, '');
}

/** Self time by function (ms), and by package or app file, over the whole profile. */
export function summarise(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the delta to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    selfMs.set(samples[i]!, (selfMs.get(samples[i]!) ?? 0) + ms);
  }
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    total += ms;
    const file = origin(url);
    const key = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    const group =
      file.includes('/') && !url.includes('node_modules') ? file.split('/').slice(0, 3).join('/') : file.split('/')[0]!;
    files.set(group, (files.get(group) ?? 0) + ms);
  }
  const pct = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)} %`;
  const lines = [`busy ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms`, '', 'Self time by function:'];
  for (const [k, ms] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(ms)} ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  lines.push('', 'Self time by package or app folder:');
  for (const [k, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 15))
    lines.push(`${pct(ms)} ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1]! : fallback;
  };
  const name = args[0];
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`usage: profile.js <scenario> [--scale ward|province|nation] [--duration s] [--out file]`);
  const scale = flag('scale', 'province') as GenScale;
  const durationMs = Number(flag('duration', '5')) * 1000;
  const out = path.resolve(flag('out', `/tmp/${name}.cpuprofile`));
  const cleanup = new Cleanup();
  try {
    const env = await startBenchEnv({ logLevel: 'silent', scale, reports: 100_000, satisfaction: 100_000, progress }, cleanup);
    const prepared = await scenario.prepare(env);
    cleanup.add('teardown', () => prepared.teardown());
    const job = (warmupMs: number): LoadJob => ({
      origin: env.appOrigin,
      request: prepared.graphqlRequest,
      expect: scenario.expect.graphql,
      connections: 32,
      warmupMs,
      durationMs,
      sqlHeader: SQL_HEADER,
    });
    progress('warming up (5 s + one window)');
    await measure(job(5000));
    if (args.includes('--no-profile')) {
      // Only the main thread's CPU per request, over several windows (median): for A/B runs of two builds.
      const windows = Number(flag('windows', '3'));
      const perRequest: number[] = [];
      for (let i = 0; i < windows; i++) {
        const { load, server } = await measure(job(0));
        if (server.mainThreadCpuMs !== null) perRequest.push(server.mainThreadCpuMs / load.requests);
      }
      const sorted = [...perRequest].sort((a, b) => a - b);
      process.stdout.write(
        `${name} on ${scale}: main-thread CPU per request ${perRequest.map((x) => x.toFixed(3)).join(', ')} ms; median ${sorted[Math.floor((sorted.length - 1) / 2)]?.toFixed(3)} ms\n`,
      );
      return;
    }
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    // Allocations sampled over the same window (every 32 KiB on average): what the collector frees.
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 32768,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    const { load, server } = await measure(job(0));
    const { profile: heap } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: HeapProfile };
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    session.disconnect();
    await writeFile(out, JSON.stringify(profile));
    const perRequest = server.mainThreadCpuMs === null ? 'n/a' : `${(server.mainThreadCpuMs / load.requests).toFixed(2)} ms`;
    process.stdout.write(
      `${name} on ${scale}: ${load.requests} requests in ${durationMs / 1000} s (${(load.requests / (durationMs / 1000)).toFixed(0)} req/s), main-thread CPU ${perRequest} per request (profiler on)\n${out}\n\n${summarise(profile)}\n\n${summariseHeap(heap, load.requests)}\n`,
    );
  } finally {
    await cleanup.run(progress);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      progress(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
