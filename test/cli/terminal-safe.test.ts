/**
 * What the commands write to stdout is safe for a terminal and a CI log whatever the inputs held
 * (src/cli/output/terminal-safe.ts): no escape sequence, carriage return or bidirectional override from a policy, a
 * token or a workflow file acts, and no value starts a line GitHub Actions would run as a workflow command.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runInProcess } from './run-in-process';
import { markdownCell } from '../../src/cli/output/markdown';
import { makeStyle } from '../../src/cli/output/style';
import { terminalSafe, terminalSafeStream } from '../../src/cli/output/terminal-safe';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// What the runner reads as a command (actions/runner ActionCommand.cs): `::` after white space at a line start, or `##[`.
const COMMAND_LINE = /(^|\n)[^\S\n]*::|##\[/;
const G = 'token.actions.githubusercontent.com';

describe('terminalSafe', () => {
  test.each([
    ['clear screen', 'a\u001b[2Jb', 'a\\u001b[2Jb'],
    ['window title (OSC)', '\u001b]0;pwned\u0007', '\\u001b]0;pwned\\u0007'],
    ['carriage return over a verdict', 'DENIED\rALLOWED', 'DENIED\\u000dALLOWED'],
    ['C1 control sequence introducer', 'x\u009b2J', 'x\\u009b2J'],
    ['DEL and NUL', 'a\u007fb\u0000', 'a\\u007fb\\u0000'],
    ['bidirectional override and isolate', 'acme/\u202eweb\u2066', 'acme/\\u202eweb\\u2066'],
  ])('escapes %s', (_name, input, expected) => {
    expect(terminalSafe(input, false)).toBe(expected);
    expect(terminalSafe(input, true)).toBe(expected);
  });

  test('keeps newlines, tabs and the colour Style writes, on a stream that gets colour only', () => {
    const style = makeStyle(true);
    const text = `${style.bold('Role')}\t${style.red('DENIED')} ${style.dim(style.green('x'))}\n`;
    expect(terminalSafe(text, true)).toBe(text);
    expect(terminalSafe(text, false)).not.toMatch(UNSAFE);
    expect(terminalSafe(text, false)).toContain('\\u001b[1mRole\\u001b[22m\t');
  });

  test('escapes other sequences beside the colour Style writes (conceal, cursor movement)', () => {
    expect(terminalSafe('\u001b[31mred\u001b[39m \u001b[8mhidden\u001b[1A', true)).toBe('\u001b[31mred\u001b[39m \\u001b[8mhidden\\u001b[1A');
  });

  test.each([
    ['a command after a newline', 'ok\n::error::forged', 'ok\n\\u003a:error::forged'],
    ['a command after blanks', 'ok\n   \t::add-mask::x', 'ok\n   \t\\u003a:add-mask::x'],
    ['the older form, at a line start', 'ok\n##[group]x', 'ok\n\\u0023#[group]x'],
    ['the older form, inside a line (the runner looks for it anywhere)', 'role x ##[error]forged', 'role x \\u0023#[error]forged'],
    ['a command after Unicode spaces (the runner trims them too)', 'ok\n\u00a0\u3000::warning::x', 'ok\n\u00a0\u3000\\u003a:warning::x'],
    ['a command at the start', '::stop-commands::t', '\\u003a:stop-commands::t'],
  ])('breaks %s', (_name, input, expected) => {
    expect(terminalSafe(input, false)).toBe(expected);
  });

  test('leaves "::" inside a line alone (ARNs, condition keys)', () => {
    const text = 'role arn:aws:iam::123456789012:role/deploy  ::x\n  a #[b\n';
    expect(terminalSafe(text, false)).toBe(text);
  });

  test('a progress stream (stderr on a terminal) keeps the carriage return and erase-line, nothing else', () => {
    const written: string[] = [];
    const stream = terminalSafeStream({ write: (text: string) => written.push(text) }, false, true);
    stream.write('\r\u001b[2Kread 1/2 inputs');
    stream.write('\r\u001b[2J\u001b]0;t\u0007');
    expect(written).toEqual(['\r\u001b[2Kread 1/2 inputs', '\r\\u001b[2J\\u001b]0;t\\u0007']);
    expect(terminalSafe('\r\u001b[2K', false)).toBe('\\u000d\\u001b[2K');
  });

  test('a stream knows where lines begin across writes', () => {
    const written: string[] = [];
    const stream = terminalSafeStream({ write: (text: string) => written.push(text) }, false);
    stream.write('value ');
    stream.write('::not at a line start\n');
    stream.write('::at a line start\n');
    // A command split between writes: the part written later is escaped.
    stream.write('  :');
    stream.write(':error::split\n');
    stream.write('text #');
    stream.write('#[error]split');
    expect(written).toEqual(['value ', '::not at a line start\n', '\\u003a:at a line start\n', '  :', '\\u003aerror::split\n',
      'text #', '\\u0023[error]split']);
  });

  test('property: written in any pieces, no command survives in what the runner reads', () => {
    const piece = fc.oneof(fc.constantFrom('\n', ':', '::', '#', '##', '[', ' ', '\u00a0', 'x', 'error'), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const written: string[] = [];
      const stream = terminalSafeStream({ write: (text: string) => written.push(text) }, false);
      for (const text of pieces) stream.write(text);
      const output = written.join('');
      expect(output).not.toMatch(/(^|\n)[^\S\n]*::/);
      expect(output).not.toContain('##[');
    }), { numRuns: 3000 });
  });

  test('property: no unsafe character and no command line comes out, and safe text passes unchanged', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('\n', '::', '##[', ' ', '\u001b[31m', '\u001b[2J', '\r', '\u202e'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }), fc.boolean(), (pieces, colour) => {
      const text = pieces.join('');
      const safe = terminalSafe(text, colour);
      const withoutStyle = colour ? safe.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '') : safe;
      expect(withoutStyle).not.toMatch(UNSAFE);
      expect(safe).not.toMatch(COMMAND_LINE);
      if (!UNSAFE.test(text) && !COMMAND_LINE.test(text)) expect(safe).toBe(text);
    }), { numRuns: 2000 });
  });
});

// What a pull request or a policy author could write: a terminal escape, a carriage return, and a newline that starts
// a workflow command.
const HOSTILE = '\u001b[2J\u001b]0;t\u0007\r\n::error title=forged::injected';

const run = runInProcess;

function hostileInputs(): { dir: string; exportFile: string; claimsFile: string; workflows: string } {
  const dir = mkdtempSync(join(tmpdir(), 'terminal-safe-'));
  const policy = {
    Version: '2012-10-17',
    Statement: [{
      Sid: `S${HOSTILE}`,
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${G}:sub`]: `repo:acme/web${HOSTILE}:*` } },
    }],
  };
  const exportFile = join(dir, 'export.json');
  writeFileSync(exportFile, JSON.stringify({ RoleDetailList: [{ RoleName: `deploy${HOSTILE}`, Arn: 'arn:aws:iam::123456789012:role/deploy', AssumeRolePolicyDocument: policy }] }));
  const claimsFile = join(dir, 'claims.json');
  writeFileSync(claimsFile, JSON.stringify({ iss: `https://${G}`, aud: `sts.amazonaws.com${HOSTILE}`, sub: `repo:acme/web:environment:prod${HOSTILE}`, environment: `prod${HOSTILE}`, [`x${HOSTILE}`]: { nested: true } }));
  const workflows = join(dir, '.github', 'workflows');
  mkdirSync(workflows, { recursive: true });
  const yamlString = (text: string) => JSON.stringify(text);
  writeFileSync(join(workflows, 'deploy.yml'), [
    'on: push',
    'permissions:',
    '  id-token: write',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    `    environment: ${yamlString(`production${HOSTILE}`)}`,
    '    steps:',
    '      - uses: aws-actions/configure-aws-credentials@v4',
    '        with:',
    `          role-to-assume: ${yamlString(`arn:aws:iam::123456789012:role/deploy${HOSTILE}`)}`,
    '          aws-region: us-east-1',
    `          audience: ${yamlString(`sts.amazonaws.com${HOSTILE}`)}`,
    '',
  ].join('\n'));
  return { dir, exportFile, claimsFile, workflows };
}

describe('the commands on hostile input', () => {
  const inputs = hostileInputs();
  const commands: Array<[string, string[]]> = [
    ['audit (text)', ['audit', inputs.exportFile]],
    ['audit (markdown)', ['audit', inputs.exportFile, '--format', 'markdown']],
    ['audit (json)', ['audit', inputs.exportFile, '--format', 'json']],
    ['audit (sarif)', ['audit', inputs.exportFile, '--format', 'sarif']],
    ['explain with claims', ['explain', '--policy', inputs.exportFile, '--claims', inputs.claimsFile]],
    ['explain without a token', ['explain', '--policy', inputs.exportFile]],
    ['check (text)', ['check', '--workflows', inputs.workflows, '--roles', inputs.exportFile, '--repo', 'acme/web']],
    ['check (markdown)', ['check', '--workflows', inputs.workflows, '--roles', inputs.exportFile, '--repo', 'acme/web', '--format', 'markdown']],
  ];

  test.each(commands)('%s: nothing acts on the terminal or the CI log', async (_name, argv) => {
    const { stdout, stderr } = await run(argv);
    expect(stderr).not.toMatch(/internal error/);
    expect(stderr).not.toMatch(UNSAFE);
    // Not vacuous: the hostile values are in the report, escaped.
    expect(stdout).toMatch(/\\x1b\\?\[2J|\\u001b\\?\[2J/);
    expect(stdout).not.toMatch(UNSAFE);
    expect(stdout).not.toMatch(COMMAND_LINE);
  });

  test('text reports keep each value on its line: the newline in it is shown as \\n', async () => {
    const { stdout } = await run(['check', '--workflows', inputs.workflows, '--roles', inputs.exportFile, '--repo', 'acme/web']);
    expect(stdout).toContain('role-to-assume: arn:aws:iam::123456789012:role/deploy\\x1b[2J\\x1b]0;t\\x07\\r\\n::error title=forged::injected');
    const audit = await run(['audit', inputs.exportFile]);
    expect(audit.stdout).toMatch(/^deploy\\x1b\[2J\S*\\n::error title=forged::injected {2}arn:aws:iam::123456789012:role\/deploy$/m);
  });

  test('the notes on stderr quote claim names escaped', async () => {
    const { stderr } = await run(['explain', '--policy', inputs.exportFile, '--claims', inputs.claimsFile]);
    expect(stderr).toContain('note: claims left out');
    expect(stderr).toContain('x\\x1b[2J');
    expect(stderr).not.toMatch(UNSAFE);
  });

  test('stderr too: a message quoting a flag cannot carry a workflow command (the runner reads both streams)', async () => {
    const { code, stderr } = await run(['explain', '--policy', inputs.exportFile, '--role', '##[error]forged', '--repo', 'acme/web']);
    expect(code).toBe(2);
    expect(stderr).toContain('--role \\u0023#[error]forged');
    expect(stderr).not.toMatch(COMMAND_LINE);
  });

  test('JSON keeps the values exactly as the inputs wrote them', async () => {
    const { stdout } = await run(['audit', inputs.exportFile, '--format', 'json']);
    expect(JSON.stringify(JSON.parse(stdout))).toContain(JSON.stringify(`deploy${HOSTILE}`).slice(1, -1));
  });

  test('JSON and SARIF still parse when values hold what JSON.stringify leaves raw (C1 and bidirectional controls)', async () => {
    const name = 'deploy\u202e\u009b\u0085\u2066\u007f';
    const file = join(inputs.dir, 'c1.json');
    const policy = {
      Statement: [{
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
        Condition: { StringLike: { [`${G}:sub`]: `repo:acme/${name}:*` } },
      }],
    };
    writeFileSync(file, JSON.stringify({ RoleDetailList: [{ RoleName: name, Arn: 'arn:aws:iam::123456789012:role/d', AssumeRolePolicyDocument: policy }] }));
    const json = await run(['audit', file, '--format', 'json']);
    expect(json.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(json.stdout).roles[0].subjects).toEqual([`repo:acme/${name}:*`]);
    const sarif = await run(['audit', file, '--format', 'sarif']);
    expect(sarif.stdout).not.toMatch(UNSAFE);
    expect(JSON.stringify(JSON.parse(sarif.stdout))).toContain(JSON.stringify(name).slice(1, -1));
  });
});

describe('markdown cells (step summaries)', () => {
  test('a value cannot add an image, a link, emphasis or code, and reads as written once rendered', () => {
    const cell = markdownCell('![ALLOWED](https://x/y.png) [ok](https://x) *a* _b_ ~~c~~ `d` <img> | e\\f\nnext');
    expect(cell).toBe('\\!\\[ALLOWED\\](https://x/y.png) \\[ok\\](https://x) \\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` &lt;img&gt; \\| e\\\\f next');
    // Unescaping what GitHub's renderer unescapes gives the value back (newline aside).
    expect(cell.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\\(.)/g, '$1')).toBe('![ALLOWED](https://x/y.png) [ok](https://x) *a* _b_ ~~c~~ `d` <img> | e\\f next');
  });
});

describe('property: whatever a policy, a token or a workflow holds, the output is safe and JSON parses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'terminal-safe-property-'));
  const value = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('\n::error::x', '\r', '\u001b[2J', '\u009b', '\u202e', '##[group]', '\n  ::add-mask::y')), { maxLength: 5 }).map((parts) => parts.join(''));

  test('audit (every format), explain and check', async () => {
    let runs = 0;
    await fc.assert(fc.asyncProperty(value, value, value, async (name, sub, claim) => {
      runs++;
      const exportFile = join(dir, 'export.json');
      const policy = {
        Statement: [{
          Sid: name,
          Effect: 'Allow',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
          Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${G}:sub`]: `repo:acme/${sub}:*` } },
        }],
      };
      writeFileSync(exportFile, JSON.stringify({ RoleDetailList: [{ RoleName: name, Arn: 'arn:aws:iam::123456789012:role/d', AssumeRolePolicyDocument: policy }] }));
      const claimsFile = join(dir, 'claims.json');
      writeFileSync(claimsFile, JSON.stringify({ iss: `https://${G}`, aud: 'sts.amazonaws.com', sub: `repo:acme/web:environment:${claim}`, environment: claim, [claim]: [claim] }));
      const workflows = join(dir, '.github', 'workflows');
      mkdirSync(workflows, { recursive: true });
      writeFileSync(join(workflows, 'deploy.yml'), ['on: push', 'permissions:', '  id-token: write', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest',
        `    environment: ${JSON.stringify(claim)}`, '    steps:', '      - uses: aws-actions/configure-aws-credentials@v4', '        with:',
        `          role-to-assume: ${JSON.stringify(`arn:aws:iam::123456789012:role/${name}`)}`, '          aws-region: us-east-1', ''].join('\n'));
      const outputs = await Promise.all([
        run(['audit', exportFile, '--fail-on', 'never']),
        run(['audit', exportFile, '--format', 'markdown', '--fail-on', 'never']),
        run(['explain', '--policy', exportFile, '--claims', claimsFile]),
        run(['check', '--workflows', workflows, '--roles', exportFile, '--repo', 'acme/web', '--fail-on', 'never']),
      ]);
      for (const { stdout, stderr } of outputs) {
        expect(stderr).not.toMatch(/internal error/);
        for (const text of [stdout, stderr]) {
          expect(text).not.toMatch(UNSAFE);
          expect(text).not.toMatch(COMMAND_LINE);
        }
      }
      for (const format of ['json', 'sarif']) {
        const { stdout } = await run(['audit', exportFile, '--format', format, '--fail-on', 'never']);
        expect(stdout).not.toMatch(UNSAFE);
        expect(() => JSON.parse(stdout)).not.toThrow();
      }
    }), { numRuns: 150 });
    expect(runs).toBe(150);
  }, 120_000);
});
