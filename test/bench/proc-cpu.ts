/**
 * CPU time of other processes (the PostgreSQL backends serving the run) from /proc, so the
 * report can tell the database's share of the machine from everything else's. Linux only:
 * elsewhere it reports nothing rather than failing.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * user + system CPU of a process in ms (with `thread`: of that thread alone; a process's main
 * thread has the process's id), or undefined when it is gone or /proc is absent.
 */
export async function cpuMsOf(pid: number, thread?: number): Promise<number | undefined> {
  try {
    const stat = await readFile(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks()) * 1000;
  } catch {
    return undefined;
  }
}

export type CpuTimes = Map<number, number>;

export async function cpuTimes(pids: readonly number[]): Promise<CpuTimes> {
  const out: CpuTimes = new Map();
  await Promise.all(
    pids.map(async (pid) => {
      const ms = await cpuMsOf(pid);
      if (ms !== undefined) out.set(pid, ms);
    }),
  );
  return out;
}

/** CPU ms spent between two samples by the processes present in both; undefined if none were. */
export function cpuMsBetween(start: CpuTimes, end: CpuTimes): number | undefined {
  let total = 0;
  let seen = 0;
  for (const [pid, ms] of end) {
    const before = start.get(pid);
    if (before === undefined) continue;
    total += ms - before;
    seen++;
  }
  return seen ? total : undefined;
}
