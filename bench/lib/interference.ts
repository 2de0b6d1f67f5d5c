/**
 * How much of the CPU other processes took while the benchmark measured, per section: the honest answer to "was the
 * machine quiet?", since a sample before and after the run misses whatever ran in between.
 *
 * Around each measurement it reads the machine's busy time (/proc/stat) and the CPU time of the runner and of its
 * finished children (/proc/self/stat: utime, stime, cutime, cstime); whatever the machine spent beyond those was
 * someone else's. Linux only; elsewhere nothing is recorded.
 */
import * as fs from 'node:fs';

interface Snapshot {
  /** Clock ticks all cores spent busy, and in total. */
  readonly machineBusy: number;
  readonly machineTotal: number;
  /** Clock ticks of this process and its waited-for children. */
  readonly ours: number;
}

interface Totals {
  others: number;
  total: number;
}

const totals = new Map<string, Totals>();
let currentSection = 'other';

/** Names the section the next measurements belong to. */
export function setSection(section: string): void {
  currentSection = section;
}

/** Runs a measurement and records what other processes used meanwhile. */
export function metered<T>(measure: () => T): T {
  const before = snapshot();
  const result = measure();
  record(before);
  return result;
}

/** The same for a measurement that returns a promise. */
export async function meteredAsync<T>(measure: () => Promise<T>): Promise<T> {
  const before = snapshot();
  const result = await measure();
  record(before);
  return result;
}

/** Share (0..1) of all cores' time that other processes used during each section's measurements. */
export function othersShareBySection(): Map<string, number> {
  return new Map([...totals].filter(([, t]) => t.total > 0).map(([section, t]) => [section, Math.max(0, t.others) / t.total]));
}

function record(before: Snapshot | undefined): void {
  const after = snapshot();
  if (!before || !after) return;
  const entry = totals.get(currentSection) ?? { others: 0, total: 0 };
  entry.others += (after.machineBusy - before.machineBusy) - (after.ours - before.ours);
  entry.total += after.machineTotal - before.machineTotal;
  totals.set(currentSection, entry);
}

function snapshot(): Snapshot | undefined {
  try {
    // "cpu  user nice system idle iowait irq softirq steal ..."
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = cpu[3] + cpu[4];
    const total = cpu.reduce((sum, n) => sum + n, 0);
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis. utime is field 14.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const ours = fields[11] + fields[12] + fields[13] + fields[14];
    return { machineBusy: total - idle, machineTotal: total, ours };
  } catch {
    return undefined;
  }
}
