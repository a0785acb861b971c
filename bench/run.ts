/**
 * `npm run bench`: the audience scenario (N phones post a note at once against the real server
 * in a child process, and against a bare socket.io floor), the poll scenario (the same burst
 * answering one poll question: a multiple choice, then a word cloud) and the cold-load scenario
 * (a big board's Y.Doc loaded from its SQLite log and from its snapshot). Prints tables; asserts
 * no timing. Only 127.0.0.1 is ever contacted; a watchdog ends everything if a run hangs.
 * Environment: BENCH_SIZES, BENCH_POLL_SIZES, BENCH_POLL_QUESTIONS, BENCH_RUNS, BENCH_SCENARIOS,
 * BENCH_COLD_ITEMS, BENCH_COLD_REPS, BENCH_TIMEOUT_S, BENCH_JSON, BENCH_SERVER_NODE_ARGS
 * (see bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDilna, runFloor, type DilnaRun, type FloorRun } from './audience.ts';
import { noteWall, pollWorkloads, type Workload } from './workloads.ts';
import { runColdLoad, type ColdLoadResult } from './cold-load.ts';
import { clockTicks, hasTaskset, killAllChildren, pinSelf, type Pinning } from './lib/proc.ts';
import { fmt, median, ratio, sum } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Read before pinning: once pinned, this process sees only its own core. */
const cores = availableParallelism();

function positiveInts(value: string | undefined, name: string): number[] | null {
  if (value === undefined || value.trim() === '') return null;
  const numbers = value.split(',').map((s) => Number(s.trim()));
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`${name} must be positive integers, not "${value}"`);
  return numbers;
}
const positiveInt = (value: string | undefined, name: string, fallback: number) =>
  positiveInts(value, name)?.[0] ?? fallback;

function pollQuestions(value: string | undefined): Workload[] {
  if (value === undefined || value.trim() === '') return [...pollWorkloads];
  return value.split(',').map((name) => {
    const workload = pollWorkloads.find((w) => w.name === name.trim());
    if (!workload) throw new Error(`BENCH_POLL_QUESTIONS: unknown "${name}" (known: ${pollWorkloads.map((w) => w.name).join(', ')})`);
    return workload;
  });
}

const settings = {
  sizes: positiveInts(process.env.BENCH_SIZES, 'BENCH_SIZES') ?? [100, 300, 1000],
  pollSizes: positiveInts(process.env.BENCH_POLL_SIZES, 'BENCH_POLL_SIZES') ?? [100, 500, 1000],
  pollQuestions: pollQuestions(process.env.BENCH_POLL_QUESTIONS),
  /** Runs per size: the median of each figure is shown. */
  runs: positiveInt(process.env.BENCH_RUNS, 'BENCH_RUNS', 3),
  scenarios: new Set((process.env.BENCH_SCENARIOS ?? 'audience,poll,cold').split(',').map((s) => s.trim())),
  coldItems: positiveInt(process.env.BENCH_COLD_ITEMS, 'BENCH_COLD_ITEMS', 5000),
  coldReps: positiveInt(process.env.BENCH_COLD_REPS, 'BENCH_COLD_REPS', 7),
  timeoutS: positiveInt(process.env.BENCH_TIMEOUT_S, 'BENCH_TIMEOUT_S', 900),
  /** Where to write every run's raw figures as JSON, if anywhere. */
  json: process.env.BENCH_JSON || null,
};

const SCENARIOS = ['audience', 'poll', 'cold'];
for (const name of settings.scenarios) {
  if (!SCENARIOS.includes(name)) throw new Error(`BENCH_SCENARIOS: unknown "${name}" (known: ${SCENARIOS.join(', ')})`);
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function environment(pinning: Pinning | null): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']) ? ' (with uncommitted changes)' : '';
  const pinned = pinning
    ? `load generator on core ${pinning.self}, measured server on core ${pinning.child} (taskset)`
    : `not pinned (${hasTaskset() ? 'fewer than 2 cores' : 'no taskset'})`;
  const rows: [string, string][] = [
    ['date', new Date().toISOString()],
    ['node', `${process.version} (${process.platform} ${release()} ${process.arch})`],
    ['cores', `${cores} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`],
    ['memory', `${fmt(totalmem() / 2 ** 30, 1)} GiB`],
    ['pinning', pinned],
    // Other work on the machine (tests, browsers) skews every figure: say how busy it was.
    ['load average', `${loadavg().map((l) => fmt(l, 2)).join(' ')} (1, 5, 15 min) at the start`],
    ['commit', commit ? `${commit}${dirty}` : 'unknown'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return ['Dílna benchmarks', '', ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`), ''].join('\n');
}

/** A burst scenario: the audience burst (bench/audience.ts) over one or more workloads. */
interface BurstScenario {
  title: string;
  /** What a phone sends, for the row labels. */
  noun: string;
  sizes: number[];
  workloads: readonly Workload[];
  /** A target to report against (informative: the bench asserts no timing). */
  target?: { phones: number; projectorP99Ms: number; source: string };
}

interface SizeResult {
  phones: number;
  /** Every run of every workload at this size. */
  dilna: DilnaRun[];
  /** The floor reads no intent: one floor run per size and run serves every workload. */
  floor: FloorRun[];
}

const scenarios = {
  audience: (): BurstScenario => ({
    title: 'Scenario 1 — audience burst on a note wall (real server and floor each in a child process)',
    noun: 'note',
    sizes: settings.sizes,
    workloads: [noteWall],
  }),
  poll: (): BurstScenario => ({
    title: 'Scenario 2 — poll burst: one open question answered at once (real server and floor each in a child process)',
    noun: 'answer',
    sizes: settings.pollSizes,
    workloads: settings.pollQuestions,
    target: { phones: 1000, projectorP99Ms: 500, source: 'issue 3' },
  }),
};

async function runBursts(scenario: BurstScenario, pinning: Pinning | null): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const phones of scenario.sizes) {
    const result: SizeResult = { phones, dilna: [], floor: [] };
    for (let run = 1; run <= settings.runs; run++) {
      const at = `N=${phones} run ${run}/${settings.runs}`;
      for (const workload of scenario.workloads) {
        const ours = await runDilna(root, workload, phones, pinning, `${workload.name}-n${phones}r${run}`);
        result.dilna.push(ours);
        progress(
          `${at} Dílna ${workload.name}: ack p99 ${fmt(ours.ackP99)} ms, ` +
            `projector p99 ${fmt(ours.projectorP99)} ms, lost ${ours.lost}`,
        );
      }
      const floor = await runFloor(root, phones, pinning, `floor-n${phones}r${run}`);
      result.floor.push(floor);
      progress(`${at} floor: ack p99 ${fmt(floor.ackP99)} ms`);
    }
    results.push(result);
  }
  return results;
}

/** One column of a burst table: one workload at one size. */
interface Column {
  size: SizeResult;
  /** This workload's runs at this size. */
  runs: DilnaRun[];
  /** The runs of the scenario's first workload at this size, for ratios; null in its own column. */
  reference: DilnaRun[] | null;
}

const runsOf = (size: SizeResult, workload: Workload) => size.dilna.filter((d) => d.workload === workload.name);
const medianOf = <T>(runs: T[], pick: (run: T) => number) => median(runs.map(pick));
/** CPU per answer from schedstat where the kernel has it, else from utime+stime; and the floor's likewise. */
const cpuPerAnswer = (runs: DilnaRun[], precise: boolean) =>
  medianOf(runs, (d) => (precise ? d.cpuMsPerAnswerPrecise : d.cpuMsPerAnswer));
const hasPrecise = (runs: DilnaRun[]) => Number.isFinite(cpuPerAnswer(runs, true));

function burstTable(scenario: BurstScenario, results: SizeResult[]): string {
  const { noun, workloads } = scenario;
  const several = workloads.length > 1;
  const first = workloads[0]!;
  const columns: Column[] = results.flatMap((size) =>
    workloads.map((workload) => ({
      size,
      runs: runsOf(size, workload),
      reference: workload === first ? null : runsOf(size, first),
    })),
  );
  type Cell = (c: Column) => string;
  /** The median over runs of one of Dílna's figures. */
  const ours = (pick: (d: DilnaRun) => number, digits?: number): Cell => (c) => fmt(medianOf(c.runs, pick), digits);
  /** Counts summed over runs, joined by ' / '. */
  const totals =
    <T>(runsOf: (c: Column) => T[], ...picks: ((run: T) => number)[]): Cell =>
    (c) =>
      picks.map((pick) => String(sum(runsOf(c).map(pick)))).join(' / ');
  /** The floor's figures go in the first column of each size only: all of that size's columns share them. */
  const atFloor =
    (cell: Cell): Cell =>
    (c) =>
      c.reference ? '' : cell(c);
  const floor = (pick: (f: FloorRun) => number, digits?: number): Cell =>
    atFloor((c) => fmt(medianOf(c.size.floor, pick), digits));
  const cpuRatio: Cell = (c) => {
    const precise = hasPrecise(c.runs);
    const base = medianOf(c.size.floor, (f) => (precise ? f.cpuMsPerMessagePrecise : f.cpuMsPerMessage));
    return ratio(cpuPerAnswer(c.runs, precise), base);
  };
  /** This column's figure ÷ the first workload's at the same size. */
  const versusFirst =
    (pick: (runs: DilnaRun[]) => number): Cell =>
    (c) =>
      c.reference ? ratio(pick(c.runs), pick(c.reference)) : '';
  const rows: [string, Cell][] = [
    ['runs (each figure is their median)', (c) => String(c.runs.length)],
    ['join failures: HTTP / socket (all runs)', totals((c) => c.runs, (d) => d.joinFailures, (d) => d.connectFailures)],
    [`${noun}s accepted / refused / no ack (all runs)`, totals((c) => c.runs, (d) => d.accepted, (d) => d.refused, (d) => d.ackErrors)],
    [`${noun}s lost: acked, not on projector (must be 0)`, totals((c) => c.runs, (d) => d.lost)],
    ['joining: all POST /api/join, s', ours((d) => d.joinS)],
    ['connecting: all sockets, s', ours((d) => d.connectS)],
    ['ack latency p50, ms', ours((d) => d.ackP50)],
    ['ack latency p99, ms', ours((d) => d.ackP99)],
    [`${noun} → projector p50, ms (¹)`, ours((d) => d.projectorP50)],
    [`${noun} → projector p99, ms (¹)`, ours((d) => d.projectorP99)],
    [`first send → last ${noun} on projector, ms`, ours((d) => d.settleMs)],
    [`server CPU per accepted ${noun}, ms (utime+stime)`, ours((d) => d.cpuMsPerAnswer, 3)],
    [`server CPU per accepted ${noun}, ms (schedstat)`, ours((d) => d.cpuMsPerAnswerPrecise, 3)],
    ['server RSS per connected phone, KiB', ours((d) => d.rssKiBPerPhone)],
    ['messages to each phone during the burst', ours((d) => d.messagesPerPhone, 1)],
    ['GET /api/health p99 during the burst, ms (²)', ours((d) => d.healthP99)],
    ['load generator event-loop delay p99, ms', ours((d) => d.loaderLagP99)],
    ['floor: messages acked / no ack (all runs)', atFloor(totals((c) => c.size.floor, (f) => f.acked, (f) => f.ackErrors))],
    ['floor: ack latency p50, ms', floor((f) => f.ackP50)],
    ['floor: ack latency p99, ms', floor((f) => f.ackP99)],
    ['floor: CPU per message, ms (utime+stime)', floor((f) => f.cpuMsPerMessage, 3)],
    ['floor: CPU per message, ms (schedstat)', floor((f) => f.cpuMsPerMessagePrecise, 3)],
    ['floor: RSS per connected socket, KiB', floor((f) => f.rssKiBPerSocket)],
    ['Dílna ÷ floor: CPU per message (³)', cpuRatio],
    ['Dílna ÷ floor: ack latency p99', (c) => ratio(medianOf(c.runs, (d) => d.ackP99), medianOf(c.size.floor, (f) => f.ackP99))],
  ];
  if (several) {
    rows.push(
      [`÷ ${first.name}: CPU per ${noun} (³)`, versusFirst((runs) => cpuPerAnswer(runs, hasPrecise(runs)))],
      [`÷ ${first.name}: ack latency p99`, versusFirst((runs) => medianOf(runs, (d) => d.ackP99))],
      [`÷ ${first.name}: ${noun} → projector p99`, versusFirst((runs) => medianOf(runs, (d) => d.projectorP99))],
    );
  }
  const notes = [
    ...(several ? workloads.map((w) => `${w.name}: ${w.describe}.`) : []),
    `(¹) Counted: the acks sorted by arrival, the k-th accepted ${noun} is on the projector once the number`,
    `    of ${noun}s its Y.Doc shows first reaches k; measured from the send of that ${noun}.`,
    "(²) The server's event loop cannot be observed from outside: this is the latency of sequential",
    '    GET /api/health requests (every 10 ms) sent by the load generator while the burst runs, so it',
    "    includes the load generator's own delay (next row).",
    `(³) From schedstat (all threads, ns) where the kernel has it; utime+stime counts ${clockTicks} ticks/s,`,
    "    too coarse for the floor's short bursts. Dílna's CPU window closes one phone-state period",
    `    after the last ${noun} reached the projector; the floor's at the last ack.`,
    ...(several ? [`    The floor runs once per N and run (it reads no intent): its figures stand under ${first.name}.`] : []),
    ...targetLines(scenario, results),
  ];
  const table = renderTable(
    scenario.title,
    [
      several ? 'N phones join, then each answers at once' : `N phones join, then ${first.describe} at once`,
      ...columns.map((c) => (several ? `N=${c.size.phones} ${c.runs[0]?.workload ?? ''}` : `N=${c.size.phones}`)),
    ],
    rows.map(([label, cell]) => [label, ...columns.map(cell)]),
  );
  return `${table}${notes.join('\n')}\n`;
}

/** Where the scenario has a target and the results its size: met or not, per workload (informative). */
function targetLines(scenario: BurstScenario, results: SizeResult[]): string[] {
  const { target } = scenario;
  const size = target && results.find((r) => r.phones === target.phones);
  if (!target || !size) return [];
  const verdicts = scenario.workloads.map((w) => {
    const runs = runsOf(size, w);
    const p99 = medianOf(runs, (d) => d.projectorP99);
    const met = p99 < target.projectorP99Ms && runs.every((d) => d.lost === 0);
    return `${w.name} ${fmt(p99)} ms, lost ${sum(runs.map((d) => d.lost))}: ${met ? 'met' : 'NOT met'}`;
  });
  return [
    `Target (${target.source}): N=${target.phones}, ${scenario.noun} → projector p99 under ${target.projectorP99Ms} ms, nothing lost.`,
    `    ${verdicts.join('; ')}.`,
  ];
}

function coldLoadTable(r: ColdLoadResult): string {
  const kib = (bytes: number) => fmt(bytes / 1024, 0);
  const both = (log: number, snapshot: number, format: (n: number) => string = (n) => fmt(n)) => [
    format(log),
    format(snapshot),
    ratio(log, snapshot),
  ];
  const table = renderTable(
    `Scenario 3 — cold load of a note wall with ${fmt(r.items, 0)} notes (each posted, then shown or hidden once)`,
    ['', 'from log', 'from snapshot', 'log ÷ snapshot'],
    [
      ['stored', `${fmt(r.logUpdates, 0)} updates`, '1 snapshot', ''],
      ['stored size, KiB', ...both(r.logBytes, r.snapshotBytes, kib)],
      [`load: new DocRegistry().get(), ms (median of ${r.reps}, after 1 warm-up)`, ...both(r.fromLogMs, r.fromSnapshotMs)],
      ['  of which reading SQLite, ms', ...both(r.fromLogReadMs, r.fromSnapshotReadMs)],
    ],
  );
  return `${table}Writing it: ${fmt(r.appendMsPerUpdate, 3)} ms per update applied and appended to the log.\n`;
}

async function main(): Promise<number> {
  const pinning = pinSelf();
  console.log(environment(pinning));
  const raw: { audience?: SizeResult[]; poll?: SizeResult[]; coldLoad?: ColdLoadResult } = {};
  let failed = false;
  for (const name of ['audience', 'poll'] as const) {
    if (!settings.scenarios.has(name)) continue;
    const scenario = scenarios[name]();
    const results = await runBursts(scenario, pinning);
    raw[name] = results;
    console.log(burstTable(scenario, results));
    if (results.some((r) => r.dilna.some((d) => d.lost !== 0))) {
      console.log(`FAILED: the projector does not show exactly the acknowledged ${scenario.noun}s.\n`);
      failed = true;
    }
  }
  if (settings.scenarios.has('cold')) {
    progress(`cold load: ${settings.coldItems} notes, ${settings.coldReps} loads each way`);
    raw.coldLoad = await runColdLoad(settings.coldItems, settings.coldReps);
    console.log(coldLoadTable(raw.coldLoad));
  }
  if (settings.json) {
    writeFileSync(settings.json, `${JSON.stringify({ node: process.version, cores, ...raw }, null, 2)}\n`);
    progress(`raw figures written to ${settings.json}`);
  }
  return failed ? 1 : 0;
}

const watchdog = setTimeout(() => {
  progress(`still running after ${settings.timeoutS} s (BENCH_TIMEOUT_S): stopping`);
  killAllChildren();
  process.exit(2);
}, settings.timeoutS * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

// Clients may hold keep-alive sockets or timers: the bench ends when its work does.
main().then(
  (code) => {
    clearTimeout(watchdog);
    process.exit(code);
  },
  (err: unknown) => {
    killAllChildren();
    console.error(err);
    process.exit(1);
  },
);
