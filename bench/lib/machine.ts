/**
 * What the numbers were measured on, and whether anything else was using the CPU: a benchmark on a busy 2-core
 * machine measures the other processes as much as the code.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { REPO_DIR } from './config';

export interface MachineInfo {
  /** The commit measured, and whether src/ or bench/ had uncommitted changes. */
  readonly commit: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memory: string;
  readonly platform: string;
}

export function machineInfo(): MachineInfo {
  return {
    commit: commitDescription(),
    node: process.version,
    cpus: nproc(),
    cpuModel: cpuModel(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** CPU use by everything on the machine over a short window, and the busiest processes. */
export interface Activity {
  /** Share of all cores that was busy, 0..1. */
  readonly busy: number;
  readonly loadAverage: string;
  /** The busiest processes other than this one (from `ps`), for the report. */
  readonly busiest: string[];
}

/** Samples /proc/stat over `ms` milliseconds. Call it while the benchmark itself is idle. */
export async function sampleActivity(ms = 3000): Promise<Activity> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  const total = after.total - before.total;
  const busy = total > 0 ? (after.busy - before.busy) / total : 0;
  return { busy, loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '), busiest: busiestProcesses() };
}

function cpuTimes(): { busy: number; total: number } {
  try {
    // First line: "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks.
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
    return { busy: total - idle, total };
  } catch {
    // Not Linux: fall back on the load average per core, sampled once.
    return { busy: os.loadavg()[0], total: os.cpus().length };
  }
}

function busiestProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,ppid,pcpu,etime,args', '--sort=-pcpu'], { encoding: 'utf8' });
    const rows = out.split('\n').slice(1).filter((line) => line.trim() !== '').map((line) => {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      return { pid, ppid, line: line.trim() };
    });
    const ours = benchmarkProcesses(rows);
    return rows.filter((row) => !ours.has(row.pid)).slice(0, 5).map((row) => row.line.slice(0, 140));
  } catch {
    return [];
  }
}

/** This process, its ancestors (npm, projen, tsx) and its descendants (esbuild, ps): the benchmark itself. */
function benchmarkProcesses(rows: { pid: number; ppid: number }[]): Set<number> {
  const parentOf = new Map(rows.map((row) => [row.pid, row.ppid]));
  const ours = new Set<number>();
  for (let pid: number | undefined = process.pid; pid !== undefined && pid > 1 && !ours.has(pid); pid = parentOf.get(pid)) ours.add(pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows) {
      if (!ours.has(row.pid) && ours.has(row.ppid) && row.ppid !== 1) {
        ours.add(row.pid);
        grew = true;
      }
    }
  }
  return ours;
}

function commitDescription(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('log', '-1', '--format=%h %s');
    const dirty = git('status', '--porcelain', '--', 'src', 'bench').split('\n').filter((line) => line.trim() !== '').length;
    return dirty === 0 ? head : `${head} (plus ${dirty} uncommitted change(s) in src/ or bench/)`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function nproc(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}
