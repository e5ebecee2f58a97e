/**
 * Harness side of a measurement: forks the load generator, and samples the harness process
 * (where the servers under test run), the PostgreSQL backends and the whole machine over the
 * same measured window.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type CpuTimes, cpuMsBetween, cpuMsOf, cpuTimes } from './proc-cpu';
import type { LoadJob, LoadResult, WorkerMessage } from './protocol';

export interface ServerUsage {
  /** CPU of the server process during the measured window, in % of one core. */
  cpuPct: number;
  /** Event-loop utilisation of the server process (1 = never idle). */
  elu: number;
  /** CPU ms of the server's main thread (JavaScript runs there), null where /proc cannot be read. */
  mainThreadCpuMs: number | null;
  /** CPU of the PostgreSQL backends of the bench database, in % of one core (null: not measurable here). */
  postgresCpuPct: number | null;
  /** CPU of the whole machine, in % of one core (all cores: 100 × cores). */
  machineCpuPct: number;
}

interface Snapshot {
  at: number;
  cpu: NodeJS.CpuUsage;
  elu: ReturnType<typeof performance.eventLoopUtilization>;
  busyMs: number;
  mainThreadMs: Promise<number | undefined>;
  postgres: Promise<{ pids: number[]; times: CpuTimes } | undefined>;
}

export interface MeasureOptions {
  /** Pids of the PostgreSQL backends serving the run (sampled at the start of the window). */
  postgresPids?: () => Promise<number[]>;
}

function machineBusyMs(): number {
  let busy = 0;
  for (const { times } of os.cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return busy;
}

function snapshot(postgres: Snapshot['postgres']): Snapshot {
  return {
    at: performance.now(),
    cpu: process.cpuUsage(),
    elu: performance.eventLoopUtilization(),
    busyMs: machineBusyMs(),
    mainThreadMs: cpuMsOf(process.pid, process.pid),
    postgres,
  };
}

async function usageSince(start: Snapshot): Promise<ServerUsage> {
  const wallMs = performance.now() - start.at;
  const cpu = process.cpuUsage(start.cpu);
  const elu = performance.eventLoopUtilization(start.elu).utilization;
  const busyMs = machineBusyMs() - start.busyMs;
  const mainEnd = await cpuMsOf(process.pid, process.pid);
  const mainStart = await start.mainThreadMs;
  const pg = await start.postgres;
  const pgMs = pg ? cpuMsBetween(pg.times, await cpuTimes(pg.pids)) : undefined;
  return {
    cpuPct: ((cpu.user + cpu.system) / 1e3 / wallMs) * 100,
    elu,
    mainThreadCpuMs: mainEnd === undefined || mainStart === undefined ? null : mainEnd - mainStart,
    postgresCpuPct: pgMs === undefined ? null : (pgMs / wallMs) * 100,
    machineCpuPct: (busyMs / wallMs) * 100,
  };
}

/** Runs one job in a fresh load-generator process; the servers must run in this process. */
export function measure(job: LoadJob, opts: MeasureOptions = {}): Promise<{ load: LoadResult; server: ServerUsage }> {
  const samplePostgres = async () => {
    if (!opts.postgresPids) return undefined;
    try {
      const pids = await opts.postgresPids();
      return { pids, times: await cpuTimes(pids) };
    } catch {
      return undefined;
    }
  };
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load-worker.js'), [], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let start: Snapshot | undefined;
    let outcome: Promise<{ load: LoadResult; server: ServerUsage }> | undefined;
    child.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'measuring') {
        start = snapshot(samplePostgres());
      } else if (msg.type === 'result') {
        const server = usageSince(start ?? snapshot(Promise.resolve(undefined)));
        outcome = server.then((s) => ({ load: msg.result, server: s }));
      } else {
        outcome = Promise.reject(new Error(`load generator failed: ${msg.message}`));
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (outcome) outcome.then(resolve, reject);
      else reject(new Error(`load generator exited (${signal ?? `code ${code}`}) without a result`));
    });
    child.send(job);
  });
}
