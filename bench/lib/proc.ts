/**
 * Processes: CPU pinning with taskset, CPU time and memory from /proc (Linux), and the child
 * servers the audience scenario measures. Every child is registered so that a watchdog or a
 * signal can end them; nothing here listens or connects beyond 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';

export const hasTaskset = (): boolean => spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (100 on nearly every Linux). */
export const clockTicks: number = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(out.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

/** The cores the load generator and the measured server run on, or null when they cannot be pinned. */
export interface Pinning {
  self: number;
  child: number;
}

/** Pins every thread of this process to core 0 and returns where children go, if taskset and 2 cores exist. */
export function pinSelf(): Pinning | null {
  if (process.platform !== 'linux' || availableParallelism() < 2 || !hasTaskset()) return null;
  const result = spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  return result.status === 0 ? { self: 0, child: 1 } : null;
}

/** User + system CPU time of a process so far, in milliseconds (resolution: one clock tick). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14
  const stime = Number(fields[12]); // field 15
  return ((utime + stime) * 1000) / clockTicks;
}

/**
 * CPU time of every thread of a process so far, in milliseconds, from the scheduler's own
 * nanosecond accounting (/proc/<pid>/task/<tid>/schedstat); null where the kernel lacks it.
 * Ticks of 10 ms are too coarse for the floor server's short bursts.
 */
export function cpuMsPrecise(pid: number): number | null {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between listing and reading
      }
    }
  } catch {
    return null;
  }
  return Number.isFinite(ns) && ns > 0 ? ns / 1e6 : null;
}

/** Resident memory of a process, in KiB. */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The preload that lets the bench read a child's event-loop delay (bench/lib/loop-probe.mjs). */
export const LOOP_PROBE_ARGS = ['--import', './bench/lib/loop-probe.mjs'];

/**
 * The child's event-loop delay since the previous call (or its start), read through its loop
 * probe: a signal, then the file the probe writes. Null when the probe does not answer.
 */
export async function loopDelay(pid: number, file: string): Promise<{ p99Ms: number; maxMs: number } | null> {
  const read = (): { sequence: number; p99Ms: number; maxMs: number } | null => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as { sequence: number; p99Ms: number; maxMs: number };
    } catch {
      return null;
    }
  };
  const before = read()?.sequence ?? 0;
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = read();
    if (now && now.sequence > before) return { p99Ms: now.p99Ms, maxMs: now.maxMs };
    await sleep(10);
  }
  return null;
}

export interface Child {
  pid: number;
  origin: string;
  port: number;
  /** The last lines the child wrote to stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(graceMs?: number): Promise<void>;
}

const children = new Set<ChildProcess>();

/** Ends every child still running (watchdog, signals, unexpected errors). */
export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/**
 * Starts `node [nodeArgs] --import tsx <script>` from the repository root with PORT and HOST
 * set, pinned to `core` when given, and waits until GET /api/health answers.
 */
export async function startChild(
  root: string,
  script: string,
  env: Record<string, string>,
  core: number | null,
  nodeArgs: readonly string[] = [],
): Promise<Child> {
  const port = await freePort();
  const node = [process.execPath, ...nodeArgs, '--import', 'tsx', script];
  // taskset execs node, so the pid we get is the server's own.
  const [command, ...args] = core === null ? node : ['taskset', '-c', String(core), ...node];
  const child = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  const origin = `http://${HOST}:${port}`;
  const handle: Child = {
    pid: child.pid!,
    origin,
    port,
    stderrTail: () => stderr.trim().split('\n').slice(-15).join('\n'),
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${handle.stderrTail()}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      await res.arrayBuffer();
      if (res.ok) return handle;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`${script} did not answer /api/health within 30 s:\n${handle.stderrTail()}`);
    }
    await sleep(100);
  }
}
