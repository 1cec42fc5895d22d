/**
 * Runs one command as a child process and measures the whole process: wall time and peak RSS.
 * Peak RSS comes from GNU time (`/usr/bin/time -v`, Debian package `time`) when installed, else
 * from a preloaded hook that prints Node's own `process.resourceUsage().maxRSS` at exit (Node
 * cannot read a child's peak RSS itself).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const RSS_HOOK = path.join(__dirname, 'rss-hook.js');

export interface Measurement {
  wallMs: number;
  /** Peak resident set size in MB, undefined when it could not be measured. */
  peakRssMb?: number;
  /** User + system CPU time of the process: steadier than wall time on a shared machine. */
  cpuMs?: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success (default [0]). */
  okCodes?: number[];
}

export const rssMethod = (): string => (hasGnuTime() ? 'GNU time -v (max resident set size)' : 'process.resourceUsage().maxRSS printed at exit');

function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** `node <args>` measured; throws with the child's stderr when it fails, since a failed run times nothing. */
export async function measureNode(args: string[], options: RunOptions = {}): Promise<Measurement> {
  if (hasGnuTime()) return measure(GNU_TIME, ['-v', process.execPath, ...args], options, parseGnuTime);
  const rssFile = path.join(os.tmpdir(), `tsdbt-bench-rss-${process.pid}-${Date.now()}`);
  const env = { ...(options.env ?? process.env), TSDBT_BENCH_RSS_FILE: rssFile };
  return measure(process.execPath, ['--require', RSS_HOOK, ...args], { ...options, env }, () => {
    // A child killed before its exit handlers ran leaves no file: its peak stays unknown.
    const [kb, cpuMicros] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN];
    rmSync(rssFile, { force: true });
    return { peakRssMb: Number.isNaN(kb) ? undefined : kb / 1024, cpuMs: Number.isNaN(cpuMicros) ? undefined : cpuMicros / 1000 };
  });
}

/** Any executable, measured with GNU time when available (no RSS otherwise). */
export async function measureCommand(command: string, args: string[], options: RunOptions = {}): Promise<Measurement> {
  if (hasGnuTime()) return measure(GNU_TIME, ['-v', command, ...args], options, parseGnuTime);
  return measure(command, args, options, () => ({}));
}

type Usage = { peakRssMb?: number; cpuMs?: number; stderr?: string };

function measure(command: string, args: string[], options: RunOptions, usage: (stderr: string) => Usage): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const stdout = Buffer.concat(out).toString();
      const rawStderr = Buffer.concat(err).toString();
      const exitCode = code ?? 1;
      const { peakRssMb, cpuMs, stderr } = usage(rawStderr);
      if (!(options.okCodes ?? [0]).includes(exitCode)) {
        reject(
          new Error(
            `\`${[command, ...args].join(' ')}\` (in ${options.cwd ?? process.cwd()}) exited with ${exitCode}:\n${tail(stdout + (stderr ?? rawStderr))}`,
          ),
        );
        return;
      }
      resolve({ wallMs, peakRssMb, cpuMs, exitCode, stdout, stderr: stderr ?? rawStderr });
    });
  });
}

function parseGnuTime(stderr: string): Usage {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN);
  const cpu = seconds('User') + seconds('System');
  const exited = stderr.lastIndexOf('Command exited with non-zero status');
  const reportStart = exited >= 0 ? exited : stderr.lastIndexOf('\tCommand being timed:');
  return {
    peakRssMb: match ? Number(match[1]) / 1024 : undefined,
    cpuMs: Number.isNaN(cpu) ? undefined : cpu * 1000,
    stderr: reportStart >= 0 ? stderr.slice(0, reportStart) : stderr,
  };
}

function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
