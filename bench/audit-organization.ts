/**
 * `audit` at organization scale: 1, 10 and 100 IAM exports of 1,000 roles each (one per account, as
 * `aws iam get-account-authorization-details` writes them), in one directory, against the floor of reading and
 * `JSON.parse`-ing the same files in one Node process. Wall time and peak RSS of the whole process (`/usr/bin/time`),
 * medians of alternating runs, of the default text report and of `--format json`. Run from the repository root after `npx projen compile`:
 *
 *   npx tsx bench/audit-organization.ts [runs]
 *
 * Prints a Markdown table (recorded in bench/RESULTS-organization.md with the command and the commit).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateAuthorizationDetails } from './generate/authorization-details';

const OUT = path.join('bench', 'out', 'organization');
const ROLES_PER_ACCOUNT = 1000;
const ACCOUNTS = [1, 10, 100];
const runs = Number(process.argv[2] ?? 5);

function writeExports(accounts: number): { dir: string; bytes: number } {
  const dir = path.join(OUT, `accounts-${accounts}`);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 0; i < accounts; i++) {
      const account = String(100000000000 + i);
      // The generator writes one account: give each file its own account ID, as a real export would have.
      const text = JSON.stringify(generateAuthorizationDetails(ROLES_PER_ACCOUNT, 20260502 + i), null, 2).replace(/123456789012/g, account);
      fs.writeFileSync(path.join(dir, `${account}.json`), text);
    }
  }
  const bytes = fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  return { dir, bytes };
}

function measure(args: string[]): { seconds: number; rssKiB: number } {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
  const line = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, rss] = line.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`no timing from: ${result.stderr}`);
  return { seconds, rssKiB: rss };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const floorScript = 'const fs=require("fs"),p=require("path");const d=process.argv[1];let n=0;for(const f of fs.readdirSync(d).sort()){n+=JSON.parse(fs.readFileSync(p.join(d,f),"utf8")).RoleDetailList.length}console.log(n)';
const FORMATS: Array<{ name: string; args: string[] }> = [
  { name: 'text', args: [] },
  { name: 'json', args: ['--format', 'json'] },
];
const rows: string[] = [];
for (const accounts of ACCOUNTS) {
  const { dir, bytes } = writeExports(accounts);
  const floor: Array<{ seconds: number; rssKiB: number }> = [];
  const audits = FORMATS.map(() => [] as Array<{ seconds: number; rssKiB: number }>);
  measure(['-e', floorScript, dir]);
  for (let i = 0; i < runs; i++) {
    floor.push(measure(['-e', floorScript, dir]));
    FORMATS.forEach((format, f) => audits[f].push(measure(['lib/cli/main.js', 'audit', dir, ...format.args, '--fail-on', 'never'])));
  }
  const f = median(floor.map((m) => m.seconds));
  const floorRss = median(floor.map((m) => m.rssKiB)) / 1024;
  FORMATS.forEach((format, index) => {
    const a = median(audits[index].map((m) => m.seconds));
    const rss = median(audits[index].map((m) => m.rssKiB)) / 1024;
    rows.push(`| ${accounts} x ${ROLES_PER_ACCOUNT} = ${(accounts * ROLES_PER_ACCOUNT).toLocaleString('en-US')} | ${format.name} | ${(bytes / 2 ** 20).toFixed(1)} | ` +
      `${(f * 1000).toFixed(0)} | ${(a * 1000).toFixed(0)} | ${(a / f).toFixed(2)}x | ${floorRss.toFixed(0)} | ${rss.toFixed(0)} | ${(rss / (bytes / 2 ** 20)).toFixed(2)} |`);
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  });
}
process.stdout.write([
  '| Roles (accounts x roles) | Report | Input MiB | Floor ms (read + JSON.parse) | audit ms | Ratio | Floor peak RSS MiB | audit peak RSS MiB | audit RSS / input |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n') + '\n');
