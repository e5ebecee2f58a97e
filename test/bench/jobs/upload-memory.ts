/**
 * `upload-memory`: 16 parallel 10 MiB evidence uploads to the real server, started as a process of
 * its own (`dist/src/main.js`) so that its memory is its own and not the load generator's.
 * Memory is the server's resident set sampled from /proc every 5 ms during the uploads, and its
 * high-water mark (VmHWM, reset before each round through /proc/<pid>/clear_refs), both compared
 * with its resident set when idle before the first round. Uploads stream to temporary files and are stored
 * in 256 KiB pieces (src/http/multipart.ts), so the peak above idle should not grow with the
 * files' total size (160 MiB a round).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { BenchEnv } from '../environment';
import type { JobResult, JobRun } from './import-xlsx';

const UPLOADS = 16;
const FILE_BYTES = 10 * 1024 * 1024;
const ROUNDS = 3;
const GOAL_ABOVE_IDLE_MB = 150;
const BOUNDARY = '----giamsat-bench-upload';
const PDF_HEAD = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

/** A multipart body of one PDF file of FILE_BYTES, generated as it is sent (the client keeps no copy). */
function uploadBody(): { stream: Readable; length: number } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const piece = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent === 0) {
        this.push(head);
        this.push(PDF_HEAD);
        sent = PDF_HEAD.length;
        return;
      }
      if (sent >= FILE_BYTES) {
        this.push(tail);
        this.push(null);
        return;
      }
      const n = Math.min(piece.length, FILE_BYTES - sent);
      sent += n;
      this.push(n === piece.length ? piece : piece.subarray(0, n));
    },
  });
  return { stream, length: head.length + FILE_BYTES + tail.length };
}

function upload(port: number, receipt: string): Promise<number> {
  const { stream, length } = uploadBody();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/track/files',
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(length),
          'x-receipt-code': receipt,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    stream.pipe(req);
  });
}

export async function runUploadMemoryJob(env: BenchEnv, progress: (line: string) => void): Promise<JobResult> {
  const port = await freePort();
  const main = path.resolve(__dirname, '../../../src/main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: env.jwt.secret,
      DATA_DIR: env.config.dataDir,
      DEMO_SEED: 'false',
      RUN_MIGRATIONS: 'false',
      DEADLINE_WATCH_INTERVAL_MS: '0',
      EVIDENCE_UPLOADS_PER_HOUR: '100000',
      REPORT_SUBMITS_PER_HOUR: '100000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const pid = child.pid!;
  try {
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}: ${stderr}`);
      const ok = await fetch(`${origin}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error(`the server did not become ready: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const submitted = (await (
      await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }',
          variables: {
            i: {
              kind: 'FEEDBACK',
              field: 'OTHER',
              title: 'Hình ảnh đường ngập sau mưa',
              content: 'Gửi kèm ảnh và biên bản về đoạn đường ngập sau cơn mưa chiều qua.',
            },
          },
        }),
      })
    ).json()) as { data?: { submitReport: { receiptCode: string } } };
    const receipt = submitted.data?.submitReport.receiptCode;
    if (!receipt) throw new Error(`submitReport failed: ${JSON.stringify(submitted)}`);
    // One upload first, so that code paths are loaded and compiled before idle is read.
    await upload(port, receipt);

    // Idle is read once, before the first round: the heap a round leaves behind (V8 keeps what it
    // grew) counts against the later rounds too.
    await new Promise((r) => setTimeout(r, 500));
    const idleKb = await statusKb(pid, 'VmRSS');
    const runs: JobRun[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
      let sampledPeakKb = idleKb;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          sampledPeakKb = Math.max(sampledPeakKb, await statusKb(pid, 'VmRSS'));
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const started = process.hrtime.bigint();
      const statuses = await Promise.all(Array.from({ length: UPLOADS }, () => upload(port, receipt)));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      sampling = false;
      await sampler;
      const hwmKb = await statusKb(pid, 'VmHWM');
      const peakKb = Math.max(sampledPeakKb, hwmKb);
      const stored = statuses.filter((s) => s === 201).length;
      const aboveIdleMb = (peakKb - idleKb) / 1024;
      progress(
        `upload-memory: round ${round}: ${stored}/${UPLOADS} stored in ${seconds.toFixed(1)} s, idle ${(idleKb / 1024).toFixed(0)} MB, peak ${(peakKb / 1024).toFixed(0)} MB (+${aboveIdleMb.toFixed(0)} MB)`,
      );
      runs.push({
        label: `round ${round}: ${UPLOADS} × 10 MiB in parallel (idle ${(idleKb / 1024).toFixed(0)} MB, peak ${(peakKb / 1024).toFixed(0)} MB)`,
        seconds,
        peakRssMb: aboveIdleMb,
        outcome: stored === UPLOADS ? 'STORED' : `${stored}/${UPLOADS} STORED (statuses ${[...new Set(statuses)].join(', ')})`,
        rows: UPLOADS,
        created: stored,
        updated: 0,
        unchanged: 0,
        problems: UPLOADS - stored,
        timings: { idleMb: idleKb / 1024, peakMb: peakKb / 1024 },
      });
    }
    return {
      name: 'upload-memory',
      description: `${UPLOADS} parallel 10 MiB evidence uploads to the server in a process of its own; "Peak memory MB" is its peak resident set above idle`,
      scale: env.dataset.scale,
      fileMb: FILE_BYTES / (1024 * 1024),
      goals: { seconds: 120, peakRssMb: GOAL_ABOVE_IDLE_MB },
      runs,
      goalMet: runs.every((r) => r.problems === 0 && r.peakRssMb < GOAL_ABOVE_IDLE_MB),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
