// Preloaded into a measured server (`node --import ./bench/lib/loop-probe.mjs …`): watches its
// event-loop delay. On SIGUSR2 it writes the delay since the previous SIGUSR2 to LOOP_PROBE_FILE
// (JSON with a growing `sequence`) and starts over, so the bench can read the delay of a burst
// from inside the server without any route or code of the server's own.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.LOOP_PROBE_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let sequence = 0;
  process.on('SIGUSR2', () => {
    const ms = (ns) => ns / 1e6;
    writeFileSync(file, JSON.stringify({ sequence: ++sequence, p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), samples: histogram.count }));
    histogram.reset();
  });
}
