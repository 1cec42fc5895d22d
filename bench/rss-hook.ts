/**
 * Preloaded with `node --require` when GNU time is missing: writes the process's peak RSS (kB)
 * and CPU time (µs) to $TSDBT_BENCH_RSS_FILE as it exits, so the bench can read a child's usage.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.TSDBT_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}`);
  });
}
