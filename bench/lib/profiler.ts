/**
 * A CPU profile of one part of a process, through the inspector: the same V8 sampling profiler as
 * `node --cpu-prof`, but started after module loading so the profile shows the measured code and not tsx compiling
 * the sources. The file opens in Chrome DevTools (Performance tab) like any .cpuprofile.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';

/** Sampling interval in microseconds: finer than the default 1 ms, for runs of a second or two. */
export const SAMPLING_INTERVAL_US = Number(process.env.BENCH_PROFILE_US ?? 200);

export interface RunningProfile {
  stopAndWrite(file: string): Promise<void>;
}

export async function startProfile(): Promise<RunningProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await session.post('Profiler.start');
  return {
    stopAndWrite: async (file: string) => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
    },
  };
}
