/**
 * Preloaded with `node --require` when GNU time is missing: writes the process's peak RSS (kB)
 * to $TSDBT_BENCH_RSS_FILE as it exits, so the bench can read a child's peak memory.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.TSDBT_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
