/**
 * `npm run bench`: the audience scenario (N phones post a note at once against the real server
 * in a child process, and against a bare socket.io floor), the poll scenario (the same burst
 * answering one poll question: a multiple choice, then a word cloud), the dot-voting scenario
 * (the same burst, each phone tapping four items with three dots to spend) and the cold-load
 * scenario (a big board's Y.Doc loaded from its SQLite log and from its snapshot), the phone
 * weight (bytes and time from the join link to a vote on a throttled phone) and the crash scenario
 * (the server SIGKILLed during bursts of intents). Prints tables; asserts no timing. Only
 * 127.0.0.1 is ever contacted; a watchdog ends everything if a run hangs.
 * Environment: BENCH_SIZES, BENCH_POLL_SIZES, BENCH_POLL_QUESTIONS, BENCH_DOTS_SIZES, BENCH_RUNS,
 * BENCH_SCENARIOS, BENCH_COLD_ITEMS, BENCH_COLD_REPS, BENCH_CRASH_KILLS, BENCH_CRASH_INTENTS,
 * BENCH_TIMEOUT_S, BENCH_JSON, BENCH_SERVER_NODE_ARGS (see bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDilna, runFloor, type DilnaRun, type FloorRun } from './audience.ts';
import { dotVote, noteWall, pollWorkloads, type Workload } from './workloads.ts';
import { runColdLoad, type ColdLoadResult } from './cold-load.ts';
import { BOARDS, EDITORS_PER_BOARD, boardTargets, runBoards, type BoardsRun } from './boards.ts';
import { PHONE_BUDGET_BYTES, runPhoneWeight, type PhoneWeightResult } from './phone-weight.ts';
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
  sizes: positiveInts(process.env.BENCH_SIZES, 'BENCH_SIZES') ?? [100, 500, 1000, 2000, 5000],
  pollSizes: positiveInts(process.env.BENCH_POLL_SIZES, 'BENCH_POLL_SIZES') ?? [100, 500, 1000],
  pollQuestions: pollQuestions(process.env.BENCH_POLL_QUESTIONS),
  dotsSizes: positiveInts(process.env.BENCH_DOTS_SIZES, 'BENCH_DOTS_SIZES') ?? [100, 500, 1000],
  /** Runs per size: the median of each figure is shown. */
  runs: positiveInt(process.env.BENCH_RUNS, 'BENCH_RUNS', 3),
  scenarios: new Set((process.env.BENCH_SCENARIOS ?? 'audience,poll,dots,boards,cold,weight,crash').split(',').map((s) => s.trim())),
  /** How long the editors of the boards scenario edit, per run and server. */
  boardsSeconds: positiveInt(process.env.BENCH_BOARDS_SECONDS, 'BENCH_BOARDS_SECONDS', 30),
  /** Server kills and intents per burst of the crash scenario (server/test/crash.test.ts). */
  crashKills: positiveInt(process.env.BENCH_CRASH_KILLS, 'BENCH_CRASH_KILLS', 20),
  crashIntents: positiveInt(process.env.BENCH_CRASH_INTENTS, 'BENCH_CRASH_INTENTS', 500),
  coldItems: positiveInt(process.env.BENCH_COLD_ITEMS, 'BENCH_COLD_ITEMS', 5000),
  coldReps: positiveInt(process.env.BENCH_COLD_REPS, 'BENCH_COLD_REPS', 7),
  timeoutS: positiveInt(process.env.BENCH_TIMEOUT_S, 'BENCH_TIMEOUT_S', 3600),
  /** Where to write every run's raw figures as JSON, if anywhere. */
  json: process.env.BENCH_JSON || null,
};

const SCENARIOS = ['audience', 'poll', 'dots', 'boards', 'cold', 'weight', 'crash'];
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
  /** Every run of every workload at this size, but those where the load generator saturated (if any other ran). */
  dilna: DilnaRun[];
  /** The floor reads no intent: one floor run per size and run serves every workload. */
  floor: FloorRun[];
  /** Runs left out because the load generator used its whole core: their latencies measure the generator. */
  discarded: { dilna: number; floor: number };
}

/** A load generator busier than this share of its core measures itself, not the server. */
const SATURATED_SHARE = 0.9;

/** The runs where the generator kept up; all of them, marked by the count discarded, when none did. */
function unsaturated<T extends { loaderCpuShare: number }>(runs: T[]): { kept: T[]; discarded: number } {
  const kept = runs.filter((r) => !(r.loaderCpuShare >= SATURATED_SHARE));
  return kept.length > 0 ? { kept, discarded: runs.length - kept.length } : { kept: runs, discarded: 0 };
}

/** What a run must show for its N to count towards capacity (issue 8). */
const capacityTarget = { ackP99Ms: 250, projectorP99Ms: 500, serverLoopP99Ms: 50 };

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
  dots: (): BurstScenario => ({
    title: 'Scenario 3 — dot-voting burst: each phone taps one item more than its budget (real server and floor each in a child process)',
    noun: 'dot',
    sizes: settings.dotsSizes,
    workloads: [dotVote],
  }),
};

async function runBursts(scenario: BurstScenario, pinning: Pinning | null): Promise<SizeResult[]> {
  // One floor run serves every workload of the scenario: they must send as many intents a phone.
  const perPhone = scenario.workloads[0]!.intentsPerPhone;
  if (scenario.workloads.some((w) => w.intentsPerPhone !== perPhone)) {
    throw new Error(`${scenario.title}: its workloads send different numbers of intents per phone`);
  }
  const results: SizeResult[] = [];
  for (const phones of scenario.sizes) {
    const result: SizeResult = { phones, dilna: [], floor: [], discarded: { dilna: 0, floor: 0 } };
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
      const floor = await runFloor(root, phones, perPhone, pinning, `floor-n${phones}r${run}`);
      result.floor.push(floor);
      progress(`${at} floor: ack p99 ${fmt(floor.ackP99)} ms`);
    }
    const dilna = scenario.workloads.map((w) => unsaturated(result.dilna.filter((d) => d.workload === w.name)));
    const floor = unsaturated(result.floor);
    result.dilna = dilna.flatMap((d) => d.kept);
    result.floor = floor.kept;
    result.discarded = { dilna: sum(dilna.map((d) => d.discarded)), floor: floor.discarded };
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
/** The same per intent answered, accepted or refused: what the floor's CPU per message compares with. */
const cpuPerIntent = (runs: DilnaRun[], precise: boolean) =>
  medianOf(runs, (d) => ((precise ? d.cpuMsPerAnswerPrecise : d.cpuMsPerAnswer) * d.accepted) / (d.accepted + d.refused));
const hasPrecise = (runs: DilnaRun[]) => Number.isFinite(cpuPerAnswer(runs, true));
/** Refusals summed over runs by error code, e.g. `limit_reached 300`; `—` if none. */
function refusals(runs: DilnaRun[]): string {
  const byCode = new Map<string, number>();
  for (const [code, count] of runs.flatMap((d) => Object.entries(d.refusedBy))) byCode.set(code, (byCode.get(code) ?? 0) + count);
  return [...byCode].map(([code, count]) => `${code} ${count}`).join(', ') || '—';
}

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
    return ratio(cpuPerIntent(c.runs, precise), base);
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
    [`${noun}s refused, by reason (all runs)`, (c) => refusals(c.runs)],
    [`phones with more ${noun}s accepted than allowed (must be 0)`, totals((c) => c.runs, (d) => d.overLimit)],
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
    ['server event-loop delay p99 during the burst, ms (⁴)', ours((d) => d.serverLoopP99)],
    ['GET /api/health p99 during the burst, ms (²)', ours((d) => d.healthP99)],
    ['load generator event-loop delay p99, ms', ours((d) => d.loaderLagP99)],
    ['load generator CPU during the burst, share of its core', ours((d) => d.loaderCpuShare, 2)],
    ['runs discarded, generator saturated: Dílna / floor', atFloor((c) => `${c.size.discarded.dilna} / ${c.size.discarded.floor}`)],
    ['floor: messages acked / no ack (all runs)', atFloor(totals((c) => c.size.floor, (f) => f.acked, (f) => f.ackErrors))],
    ['floor: ack latency p50, ms', floor((f) => f.ackP50)],
    ['floor: ack latency p99, ms', floor((f) => f.ackP99)],
    ['floor: CPU per message, ms (utime+stime)', floor((f) => f.cpuMsPerMessage, 3)],
    ['floor: CPU per message, ms (schedstat)', floor((f) => f.cpuMsPerMessagePrecise, 3)],
    ['floor: RSS per connected socket, KiB', floor((f) => f.rssKiBPerSocket)],
    ['floor: event-loop delay p99 during the burst, ms', floor((f) => f.serverLoopP99)],
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
    ...workloads
      .filter((w) => w.intentsPerPhone > w.limitPerPhone)
      .map(
        (w) =>
          `${w.name}: each phone sends ${w.intentsPerPhone} ${noun}s and may have ${w.limitPerPhone} accepted, so ` +
          `${w.intentsPerPhone - w.limitPerPhone} in ${w.intentsPerPhone} must be refused. Ack latency and Dílna ÷ floor CPU per\n` +
          `    message count every ${noun} sent, refused or not; the floor gets as many messages a phone.`,
      ),
    `(¹) Counted: the acks sorted by arrival, the k-th accepted ${noun} is on the projector once the number`,
    `    of ${noun}s its Y.Doc shows first reaches k; measured from the send of that ${noun}.`,
    "(²) The server's event loop cannot be observed from outside: this is the latency of sequential",
    '    GET /api/health requests (every 10 ms) sent by the load generator while the burst runs, so it',
    "    includes the load generator's own delay (next row).",
    `(³) From schedstat (all threads, ns) where the kernel has it; utime+stime counts ${clockTicks} ticks/s,`,
    "    too coarse for the floor's short bursts. Dílna's CPU window closes one phone-state period",
    `    after the last ${noun} reached the projector; the floor's at the last ack.`,
    ...(several ? [`    The floor runs once per N and run (it reads no intent): its figures stand under ${first.name}.`] : []),
    "(⁴) Read inside the server by a preloaded probe (bench/lib/loop-probe.mjs, perf_hooks at 5 ms resolution).",
    `    A run whose load generator used over ${SATURATED_SHARE * 100} % of its core is left out of the medians (counted above) unless every run did.`,
    ...targetLines(scenario, results),
    ...capacityLines(scenario, results),
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

/**
 * The largest N whose median run meets every target (nothing lost in any run), for Dílna per
 * workload and for the floor (which has no projector: ack and event loop only), and their ratio.
 */
function capacityLines(scenario: BurstScenario, results: SizeResult[]): string[] {
  const t = capacityTarget;
  const largest = (meets: (size: SizeResult) => boolean) => {
    let capacity = 0;
    for (const size of [...results].sort((a, b) => a.phones - b.phones)) {
      if (!meets(size)) break;
      capacity = size.phones;
    }
    return capacity;
  };
  const floorCapacity = largest(
    (size) => medianOf(size.floor, (f) => f.ackP99) <= t.ackP99Ms && medianOf(size.floor, (f) => f.serverLoopP99) <= t.serverLoopP99Ms,
  );
  const measured = Math.max(...results.map((r) => r.phones));
  const shown = (n: number) => (n === 0 ? `none of the N measured` : n === measured ? `N=${n} (the largest measured)` : `N=${n}`);
  const ours = scenario.workloads.map((w) => {
    const capacity = largest((size) => {
      const runs = runsOf(size, w);
      return (
        runs.every((d) => d.lost === 0) &&
        medianOf(runs, (d) => d.ackP99) <= t.ackP99Ms &&
        medianOf(runs, (d) => d.projectorP99) <= t.projectorP99Ms &&
        medianOf(runs, (d) => d.serverLoopP99) <= t.serverLoopP99Ms
      );
    });
    return `${w.name} ${shown(capacity)}, ÷ floor ${floorCapacity ? fmt(capacity / floorCapacity, 2) : '—'}`;
  });
  return [
    `Capacity: the largest N whose median run has ack p99 ≤ ${t.ackP99Ms} ms, ${scenario.noun} → projector p99 ≤ ${t.projectorP99Ms} ms,`,
    `    server event-loop delay p99 ≤ ${t.serverLoopP99Ms} ms and nothing lost: ${ours.join('; ')}.`,
    `    Floor (ack p99 and event loop only): ${shown(floorCapacity)}.`,
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
    `Scenario 4 — cold load of a note wall with ${fmt(r.items, 0)} notes (each posted, then shown or hidden once)`,
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

function boardsTable(runs: BoardsRun[]): string {
  const of = (target: string) => {
    const all = runs.filter((r) => r.target === target);
    const { kept, discarded } = unsaturated(all);
    return { kept, discarded };
  };
  const columns = boardTargets.map((target) => ({ target, ...of(target) }));
  const dilna = columns[0]!.kept;
  type Cell = (c: (typeof columns)[number]) => string;
  const med = (pick: (r: BoardsRun) => number, digits?: number): Cell => (c) => fmt(medianOf(c.kept, pick), digits);
  const total = (pick: (r: BoardsRun) => number): Cell => (c) => String(sum(c.kept.map(pick)));
  const versus = (pick: (r: BoardsRun) => number): Cell => (c) => (c.target === 'dilna' ? '' : ratio(medianOf(dilna, pick), medianOf(c.kept, pick)));
  const rows: [string, Cell][] = [
    ['runs (each figure is their median) / discarded, generator saturated', (c) => `${c.kept.length} / ${c.discarded}`],
    ['editors connected / failed (all runs)', (c) => `${sum(c.kept.map((r) => r.editors))} / ${sum(c.kept.map((r) => r.connectFailures))}`],
    ['changes made (all runs)', total((r) => r.changes)],
    ['changes a peer never saw (must be 0)', total((r) => r.missing)],
    ['update → peer p50, ms', med((r) => r.latencyP50)],
    ['update → peer p99, ms', med((r) => r.latencyP99)],
    ['server CPU per change, ms (schedstat)', med((r) => r.cpuMsPerChange, 3)],
    ['server RSS at the end, MiB', med((r) => r.rssMiB, 1)],
    ['Yjs bytes in SQLite at the end, KiB', med((r) => r.bytesPersisted / 1024, 1)],
    ['load generator CPU, share of its core', med((r) => r.loaderCpuShare, 2)],
    ['Dílna ÷ this: update → peer p99', versus((r) => r.latencyP99)],
    ['Dílna ÷ this: CPU per change', versus((r) => r.cpuMsPerChange)],
    ['Dílna ÷ this: RSS', versus((r) => r.rssMiB)],
    ['Dílna ÷ this: bytes persisted', versus((r) => r.bytesPersisted)],
  ];
  const table = renderTable(
    `Scenario 7 — boards: ${BOARDS} boards × ${EDITORS_PER_BOARD} editors, a change each every 2–5 s for ${settings.boardsSeconds} s (each server a child process)`,
    ['', ...columns.map((c) => c.target)],
    rows.map(([label, cell]) => [label, ...columns.map(cell)]),
  );
  return (
    table +
    [
      'A change: a word typed into a Y.Text and an entry set in a Y.Map, one transaction; its four peers on the board time it.',
      'Persistence: Dílna appends each update to SQLite (a snapshot every 500); y-websocket (@y/websocket-server 0.1.1) the',
      'same through a 30-line SQLite adapter in place of y-leveldb; Hocuspocus 3.4 (extension-database on SQLite) stores the',
      "whole state, debounced (2 s). Dílna checks each editor's key and keeps phones' and rules' views of the board up to date.",
    ].join('\n') +
    '\n'
  );
}

function phoneWeightTable(runs: PhoneWeightResult[]): string {
  const assets = runs[0]!.assets;
  const code = assets.filter((a) => a.kind === 'script' || a.kind === 'stylesheet');
  const kib = (bytes: number) => fmt(bytes / 1024, 1);
  const total = (pick: (a: (typeof assets)[number]) => number, of = code) => sum(of.map(pick));
  const gzip = total((a) => a.gzipBytes);
  const largest = [...code].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5);
  const table = renderTable(
    'Scenario 5 — phone weight: opening the join link to a vote in a live poll (Chromium as a 390×844 phone)',
    ['', 'value'],
    [
      ['JS and CSS files loaded', String(code.length)],
      ['JS + CSS, KiB (files as built)', kib(total((a) => a.bytes))],
      ['JS + CSS gzipped, KiB', kib(gzip)],
      ['JS + CSS gzipped, bytes', String(gzip)],
      ['budget (issue 8: 60 KB), bytes gzipped', String(PHONE_BUDGET_BYTES)],
      ['over the budget by, KiB', gzip > PHONE_BUDGET_BYTES ? `${kib(gzip - PHONE_BUDGET_BYTES)} (${fmt(gzip / PHONE_BUDGET_BYTES, 1)}× the budget)` : 'within it'],
      ['everything transferred (HTML, JS, CSS, icon as sent), KiB', kib(total((a) => a.wireBytes, assets))],
      ['sent compressed', `${assets.filter((a) => a.encoding).length} of ${assets.length} (${[...new Set(assets.flatMap((a) => (a.encoding ? [a.encoding] : [])))].join(', ') || 'none'})`],
      [`navigation → question on screen, s (median of ${runs.length}, 400 kbit/s, 400 ms)`, fmt(median(runs.map((r) => r.timeToQuestionMs)) / 1000, 1)],
      [`navigation → vote acknowledged, s (median of ${runs.length}, 400 kbit/s, 400 ms)`, fmt(median(runs.map((r) => r.timeToVoteMs)) / 1000, 1)],
      ...largest.map((a): [string, string] => [`  largest: ${a.path.replace('/_app/immutable/', '')}, KiB gzipped`, kib(a.gzipBytes)]),
    ],
  );
  return `${table}Throttled through the DevTools protocol (Network.emulateNetworkConditions), cache off.
`;
}

/** The crash test of `npm test` at the full size: the server killed mid-burst, restarted, everything counted. */
function crashScenario(): string {
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', 'server/test/crash.test.ts'], {
    cwd: root,
    env: { ...process.env, CRASH_KILLS: String(settings.crashKills), CRASH_INTENTS: String(settings.crashIntents) },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  const verdict = run.status === 0 ? 'passed' : `FAILED\n${(run.stdout ?? '').split('\n').slice(-40).join('\n')}`;
  return renderTable(
    `Scenario 6 — SIGKILL of the server during bursts of intents (server/test/crash.test.ts)`,
    ['', 'value'],
    [
      ['kills × intents per burst', `${settings.crashKills} × ${settings.crashIntents}`],
      ['every intent recorded exactly once, phones resynced, retries landed once', verdict],
      ['duration, s', fmt(seconds, 0)],
    ],
  );
}

async function main(): Promise<number> {
  const pinning = pinSelf();
  console.log(environment(pinning));
  const raw: { audience?: SizeResult[]; poll?: SizeResult[]; dots?: SizeResult[]; coldLoad?: ColdLoadResult; phoneWeight?: PhoneWeightResult[]; boards?: BoardsRun[] } = {};
  let failed = false;
  for (const name of ['audience', 'poll', 'dots'] as const) {
    if (!settings.scenarios.has(name)) continue;
    const scenario = scenarios[name]();
    const results = await runBursts(scenario, pinning);
    raw[name] = results;
    console.log(burstTable(scenario, results));
    if (results.some((r) => r.dilna.some((d) => d.lost !== 0))) {
      console.log(`FAILED: the projector does not show exactly the acknowledged ${scenario.noun}s.\n`);
      failed = true;
    }
    if (results.some((r) => r.dilna.some((d) => d.overLimit !== 0))) {
      console.log(`FAILED: a phone had more ${scenario.noun}s accepted than its rule allows.\n`);
      failed = true;
    }
  }
  if (settings.scenarios.has('boards')) {
    const runs: BoardsRun[] = [];
    for (let run = 1; run <= settings.runs; run++) {
      for (const target of boardTargets) {
        const result = await runBoards(root, target, pinning, settings.boardsSeconds, run);
        runs.push(result);
        progress(`boards run ${run}/${settings.runs} ${target}: update → peer p99 ${fmt(result.latencyP99)} ms, missing ${result.missing}`);
      }
    }
    raw.boards = runs;
    console.log(boardsTable(runs));
    if (runs.some((r) => r.target === 'dilna' && r.missing !== 0)) {
      console.log("FAILED: a change did not reach every peer through Dílna's endpoint.\n");
      failed = true;
    }
  }
  if (settings.scenarios.has('cold')) {
    progress(`cold load: ${settings.coldItems} notes, ${settings.coldReps} loads each way`);
    raw.coldLoad = await runColdLoad(settings.coldItems, settings.coldReps);
    console.log(coldLoadTable(raw.coldLoad));
  }
  if (settings.scenarios.has('weight')) {
    const runs: PhoneWeightResult[] = [];
    for (let run = 1; run <= settings.runs; run++) {
      progress(`phone weight run ${run}/${settings.runs}`);
      runs.push(await runPhoneWeight(root));
    }
    raw.phoneWeight = runs;
    console.log(phoneWeightTable(runs));
  }
  if (settings.scenarios.has('crash')) {
    progress(`crash: ${settings.crashKills} kills × ${settings.crashIntents} intents`);
    const table = crashScenario();
    console.log(table);
    if (table.includes('FAILED')) failed = true;
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
