/**
 * Generators of attack policies and tokens for the property tests: random trust policies mixing every operator,
 * key spelling, principal and statement kind; tokens of repositories other than acme/web; and the ways a template
 * hides a policy behind CloudFormation choices (Fn::If, Fn::Select, AWS::NoValue, Fn::FindInMap).
 */
import fc from 'fast-check';

export const G ='token.actions.githubusercontent.com';
const keyCase = fc.constantFrom((k:string)=>k, (k:string)=>k.toUpperCase(), (k:string)=>k.replace('token', 'Token'), (k:string)=>` ${k}`);
const claim = fc.constantFrom('sub', 'aud', 'repository', 'repository_id', 'repository_owner_id', 'repository_owner', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor');
const op = fc.constantFrom('StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'StringNotEquals', 'StringNotLike', 'ForAnyValue:StringLike', 'ForAllValues:StringLike', 'StringLikeIfExists', 'StringEqualsIfExists', 'Null', 'ArnLike', 'stringequals', 'StringLIKE', 'ForAnyValue:StringEquals', 'StringLike ', ' StringEquals', 'StringEquls');
const val = fc.constantFrom('repo:acme@1/web@2:*', 'repo:acme@*/web@*:*', 'repo:acme@1/*', '2*', '${'+G+':repository_id}', 'repository_owner_id:1:repository_id:2:*', 'workflow:d:repo:acme/web:*', '*:repo:acme/web:*', 'repo:acme/web:ref:refs/heads/main', 'repo:acme/web:*', 'repo:acme/*', 'repo:*', '*', 'acme/web', 'acme/*', '1', '2', 'false', 'true', 'sts.amazonaws.com', 'repo:acme/web:environment:prod', 'acme', 'repo:acme/web*', 'repo:ACME/WEB:*', '${'+G+':repository}', 'repo:${'+G+':repository}:*', 'acme/web/.github/workflows/d.yml@refs/heads/main', '*acme/web*', 'repo:acme/web:?*');
const cond = fc.array(fc.tuple(op, claim, fc.oneof(
  { weight: 9, arbitrary: fc.array(val, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(val, { minLength: 1, maxLength: 2 }).map((values) => [values]) }), keyCase), { maxLength: 4 }).map(list=>{const c:any={};for (const [o, k, v, kc] of list) {(c[o]??={})[kc(`${G}:${k}`)]=v.length===1?v[0]:v;} return c;});
const principal = fc.constantFrom<any>({ Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` }, { Federated: `arn:aws:iam::123456789012:oidc-provider/${G.toUpperCase()}` }, '*', { AWS: '*' }, { Federated: [`arn:aws:iam::123456789012:oidc-provider/${G}`, 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com'] }, { Federated: { Ref: 'P' } }, { Service: 'ec2.amazonaws.com' }, { Federated: ` arn:aws:iam::123456789012:oidc-provider/${G}` }, ' *', { AWS: '* ' },
  { Federated: `ARN:AWS:IAM::123456789012:OIDC-PROVIDER/${G}` }, { Federated: `arn:aws:iam:us-east-1:123456789012:oidc-provider/${G}` },
  { Federated: 'arn:aws:iam::123456789012:oidc-provider/*' }, { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.*' },
  [{ Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` }], [{ AWS: 'arn:aws:iam::123456789012:root' }, '*']);
const stmt = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  Principal: principal,
  Action: fc.constantFrom<any>('sts:AssumeRoleWithWebIdentity', 'sts:*', '*', 'STS:AssumeRoleWithWebIdentity', ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'], 'sts:AssumeRoleWith*', ' sts:AssumeRoleWithWebIdentity',
    [['sts:AssumeRoleWithWebIdentity']]),
  Condition: cond,
});
export const pol = fc.record({ Version: fc.constantFrom<any>('2012-10-17', '2012-10-17', undefined), Statement: fc.array(stmt, { minLength: 1, maxLength: 3 }) });
export const attacker = fc.record({ repo: fc.constantFrom('evil/repo', 'acme/web-evil', 'acme/other'), ref: fc.constantFrom('refs/heads/main', 'refs/heads/x') }).map(({ repo, ref })=>({ iss: `https://${G}`, aud: 'sts.amazonaws.com', sub: repo.length%2 ? `repo:${repo}:ref:${ref}` : `repo:${repo.replace('/', '@998/')}@999:ref:${ref}`, repository: repo, repository_owner: repo.split('/')[0], repository_id: '999', repository_owner_id: '998', ref, job_workflow_ref: `${repo}/.github/workflows/d.yml@${ref}`, workflow: 'd', actor: 'x' }));

// The same attack behind a CloudFormation condition: the admitting policy is one branch of an Fn::If (at the top, per
// statement, per Condition block, or picked by an Fn::Select), the other a narrow one. CloudFormation deploys whichever the stack's condition
// picks; the validator must judge both (src/analysis/policy/conditional.ts).
export const NARROW = {
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com', [`${G}:sub`]: 'repo:acme/web:environment:prod' } },
};
/** A way a template hides a policy behind choices, and the policies CloudFormation may deploy from it (the oracle). */
export interface Hiding {
  readonly name: string;
  readonly hide: (policy: any) => any;
  readonly deployments: (policy: any) => any[];
}

const narrowPolicy = (policy: any) => ({ Version: policy.Version, Statement: [NARROW] });

/** Every combination of each statement's own choice between NARROW and itself (Fn::Selects by independent indexes). */
function eachStatementEitherWay(policy: any): any[] {
  let combinations: any[][] = [[]];
  for (const statement of policy.Statement) combinations = combinations.flatMap((chosen) => [[...chosen, NARROW], [...chosen, statement]]);
  return combinations.map((Statement) => ({ ...policy, Statement }));
}

export const hide = fc.constantFrom<Hiding>(
  {
    name: 'the whole document by Fn::If',
    hide: (policy) => ({ 'Fn::If': ['IsProd', narrowPolicy(policy), policy] }),
    deployments: (policy) => [narrowPolicy(policy), policy],
  },
  {
    name: 'each statement by the same Fn::If',
    hide: (policy) => ({ ...policy, Statement: policy.Statement.map((statement: any) => ({ 'Fn::If': ['IsProd', NARROW, statement] })) }),
    deployments: (policy) => [{ ...policy, Statement: policy.Statement.map(() => NARROW) }, policy],
  },
  {
    name: 'the first statement removed by AWS::NoValue',
    hide: (policy) => ({ ...policy, Statement: [{ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, policy.Statement[0]] }, ...policy.Statement.slice(1)] }),
    deployments: (policy) => [{ ...policy, Statement: policy.Statement.slice(1) }, policy],
  },
  {
    name: 'each Condition block by the same Fn::If',
    hide: (policy) => ({
      ...policy,
      Statement: policy.Statement.map((statement: any) => ({
        ...statement,
        Condition: { 'Fn::If': ['IsProd', NARROW.Condition, statement.Condition] },
      })),
    }),
    deployments: (policy) => [
      { ...policy, Statement: policy.Statement.map((statement: any) => ({ ...statement, Condition: NARROW.Condition })) },
      policy,
    ],
  },
  {
    name: 'each statement picked by its own Fn::Select',
    hide: (policy) => ({ ...policy, Statement: policy.Statement.map((statement: any) => ({ 'Fn::Select': [{ Ref: 'Index' }, [NARROW, statement]] })) }),
    deployments: eachStatementEitherWay,
  },
  {
    // No choice at all: CloudFormation deploys the list the split makes, the policy itself.
    name: 'each sub value list written as Fn::Split of its text',
    hide: (policy) => mapSubValues(policy, splitOfValues),
    deployments: (policy) => [policy],
  },
  {
    // No choice either: the import is the GitHub provider's ARN at deploy, but nothing in the template says so.
    name: 'each GitHub provider principal imported from another stack',
    hide: (policy) => ({ ...policy, Statement: policy.Statement.map(withImportedProvider) }),
    deployments: (policy) => [policy],
  },
);

/** The statement with each GitHub provider among its federated principals written as an `Fn::ImportValue`. */
function withImportedProvider(statement: any): any {
  const federated = statement.Principal?.Federated;
  if (federated === undefined) return statement;
  // A provider ARN as STS matches it (its host in any case), not one written loosely: the import stands for that very
  // text (the oracle deploys it), and an import is read as a provider STS matches.
  const isGitHub = (value: unknown) => (typeof value === 'string' && /^arn:aws:iam::\d{12}:oidc-provider\//.test(value) && value.toLowerCase().endsWith(`/${G}`))
    || (typeof value === 'object' && (value as { Ref?: unknown }).Ref === 'P');
  const imported = (value: unknown) => (isGitHub(value) ? { 'Fn::ImportValue': 'GitHubOidcProviderArn' } : value);
  return { ...statement, Principal: { ...statement.Principal, Federated: Array.isArray(federated) ? federated.map(imported) : imported(federated) } };
}

/** `{ "Fn::Split": ["|", "a|b"] }` for a value or list of text values that CloudFormation splits back into the same list. */
function splitOfValues(value: unknown): unknown {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string' || item.includes('|'))) return value;
  return { 'Fn::Split': ['|', list.join('|')] };
}

/**
 * The policy with each sub value (a string or a list of strings, as Mappings hold) moved into a mapping beside a narrow
 * one, and the mappings: a parameter picks which is deployed. One parameter per mapping, so the deployments are every
 * combination of narrow and own sub value per key.
 */
export function subsInMappings(policy: any): { hidden: any; templateMappings: { [map: string]: unknown }; deployments: any[] } {
  const templateMappings: { [map: string]: unknown } = {};
  const hidden = mapSubValues(policy, (value) => {
    const map = `Subjects${Object.keys(templateMappings).length}`;
    templateMappings[map] = { prod: { Sub: 'repo:acme/web:environment:prod' }, dev: { Sub: value } };
    return { 'Fn::FindInMap': [map, { Ref: 'Stage' }, 'Sub'] };
  });
  // The deployments: each mapped sub either narrow or its own value, in the order the maps were made.
  const deployments: any[] = [];
  for (let mask = 0; mask < 2 ** Object.keys(templateMappings).length; mask++) {
    let index = 0;
    deployments.push(mapSubValues(policy, (value) => (Math.floor(mask / 2 ** index++) % 2 === 1 ? value : 'repo:acme/web:environment:prod')));
  }
  return { hidden, templateMappings, deployments };
}

/** The policy with each `sub` condition value replaced, in statement, operator and key order. */
function mapSubValues(policy: any, replace: (value: unknown) => unknown): any {
  return {
    ...policy,
    Statement: policy.Statement.map((statement: any) => ({
      ...statement,
      Condition: Object.fromEntries(Object.entries(statement.Condition ?? {}).map(([operator, block]: [string, any]) => [operator,
        Object.fromEntries(Object.entries(block).map(([key, value]) => [key, key.toLowerCase().endsWith(':sub') ? replace(value) : value]))])),
    })),
  };
}

/**
 * The policy in a template whose sub values are parameters: each text value (or each element of a list) the Default
 * of a `String` parameter (`Ref`) or, one in two, read through `${Name}` in an `Fn::Sub` with literal text around it.
 * CloudFormation deploys the defaults when the stack is made without values: that deployment is the policy itself.
 */
export function subsInParameters(policy: any): { template: any } {
  const Parameters: { [name: string]: unknown } = {};
  const parameter = (value: string) => {
    const name = `Subject${Object.keys(Parameters).length}`;
    const split = value.indexOf(':');
    // `repo:` + ${Name}: the literal prefix stays literal, the rest is the parameter's Default
    // (not for text with `${`, which Fn::Sub would read as a reference of its own)
    if (Object.keys(Parameters).length % 2 === 1 && split > 0 && !value.includes('$')) {
      Parameters[name] = { Type: 'String', Default: value.slice(split + 1) };
      return { 'Fn::Sub': `${value.slice(0, split + 1)}\${${name}}` };
    }
    // one in three lists its allowed values too, a narrow one first (past the budget of ways, the default still counts)
    Parameters[name] = Object.keys(Parameters).length % 3 === 2
      ? { Type: 'String', Default: value, AllowedValues: ['repo:acme/web:environment:prod', value] }
      : { Type: 'String', Default: value };
    return { Ref: name };
  };
  const hidden = mapSubValues(policy, (value) => (typeof value === 'string' ? parameter(value)
    : Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? parameter(item) : item)) : value));
  return { template: { Parameters, Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: hidden } } } } };
}

/**
 * The policy in a template whose sub values are only allowed: each text value (or list element) a `String` parameter
 * (`Ref`) whose Default is a narrow subject and whose AllowedValues list it after `fillers` other narrow ones. A stack
 * deployed with the value is the policy itself; the default alone says nothing of it. With many fillers, or many
 * parameters, there are more allowed values than ways to judge each.
 */
export function subsInAllowedValues(policy: any, fillers: number): { template: any } {
  const Parameters: { [name: string]: unknown } = {};
  const narrow = 'repo:acme/web:environment:prod';
  const parameter = (value: string) => {
    const name = `Subject${Object.keys(Parameters).length}`;
    const others = Array.from({ length: fillers }, (_, i) => `repo:acme/web:environment:e${i}`);
    Parameters[name] = { Type: 'String', Default: narrow, AllowedValues: [narrow, ...others, value] };
    return { Ref: name };
  };
  const hidden = mapSubValues(policy, (value) => (typeof value === 'string' ? parameter(value)
    : Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? parameter(item) : item)) : value));
  return { template: { Parameters, Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: hidden } } } } };
}

/**
 * Tokens of other repositories whose owners set their own subject template (any claims in any order, with or without
 * a repository claim) and choose what they can: workflow and environment names, branches, login, a public reusable
 * workflow of the victim's to call. GitHub writes a `:` inside a value as `%3A` (shared FACTS.md), so no value adds a
 * pair of its own.
 */
export const templatedAttacker = fc.record({
  repo: fc.constantFrom('evil/repo', 'acme/web-evil', 'acme-web/x'),
  keys: fc.shuffledSubarray(['repo', 'context', 'workflow', 'environment', 'actor', 'ref', 'job_workflow_ref', 'repository',
    'repository_owner', 'repository_id', 'repository_owner_id', 'event_name', 'workflow_ref'], { minLength: 1, maxLength: 5 }),
  chosen: fc.constantFrom('d', 'acme/web', 'repo:acme/web', 'acme', 'web', 'prod', 'acme/web:ref:refs/heads/main', '*'),
  branch: fc.constantFrom('main', 'x', 'acme/web', 'repo'),
  callsVictimWorkflow: fc.boolean(),
  environment: fc.boolean(),
}).map(({ repo, keys, chosen, branch, callsVictimWorkflow, environment }) => {
  const ref = `refs/heads/${branch}`;
  const encode = (value: string) => value.replace(/:/g, '%3A');
  const claims: { [claim: string]: string } = {
    iss: `https://${G}`,
    aud: 'sts.amazonaws.com',
    repository: repo,
    repository_owner: repo.split('/')[0],
    repository_id: '999',
    repository_owner_id: '998',
    ref,
    workflow: chosen,
    actor: chosen === '*' ? 'x' : chosen.replace(/[/:]/g, '-'),
    event_name: 'push',
    job_workflow_ref: callsVictimWorkflow ? `acme/web/.github/workflows/d.yml@${ref}` : `${repo}/.github/workflows/d.yml@${ref}`,
    workflow_ref: `${repo}/.github/workflows/d.yml@${ref}`,
    ...(environment ? { environment: chosen } : {}),
  };
  const context = environment ? `environment:${encode(chosen)}` : `ref:${ref}`;
  const values: { [claim: string]: string } = { ...claims, repo };
  claims.sub = keys.map((key) => (key === 'context' ? context : `${key}:${encode(values[key] ?? '')}`)).join(':');
  return claims;
});

/**
 * The policy as IAM would apply it if it ignored a condition whose list of values is empty: AWS does not document
 * whether such a condition never matches (the evaluator's reading) or has no effect, so a policy the rules pass must
 * stay closed under both readings.
 */
export function withoutEmptyConditions(document: any): any {
  const listed = (block: { [key: string]: unknown }) => Object.fromEntries(Object.entries(block)
    .filter(([, value]) => !(Array.isArray(value) && value.length === 0)));
  return mapConditions(document, (blocks) => blocks
    .map(([operator, block]): ConditionBlock => [operator, listed(block)])
    .filter(([, block]) => Object.keys(block).length > 0));
}

/**
 * The policy with each Federated principal and action trimmed: as IAM would apply it if it trimmed white space around
 * an ARN or an action.
 */
export function withTrimmedPrincipalsAndActions(document: any): any {
  const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
  const trimAll = (value: unknown) => (Array.isArray(value) ? value.map(trim) : trim(value));
  return {
    ...document,
    Statement: document.Statement.map((statement: any) => {
      const federated = statement.Principal?.Federated;
      const trimmed = statement.Action === undefined ? statement : { ...statement, Action: trimAll(statement.Action) };
      return federated === undefined ? trimmed : { ...trimmed, Principal: { ...statement.Principal, Federated: trimAll(federated) } };
    }),
  };
}

/**
 * The policy with each Federated principal that reads as GitHub's provider ARN in a looser reading written as that ARN:
 * as IAM would apply it if it read an ARN's `arn`, `iam` and `oidc-provider` in any case, passed over a Region written
 * into it, or matched a wildcard in a principal (it documents none of these, and refuses partial wildcards in AWS
 * principals), white space around it trimmed as that reading trims it. A pattern matched as a pattern is github.com's provider when it covers that ARN, else the provider of an issuer the statement's condition
 * keys name (`<issuer>:<claim>`) that it covers: the enterprise whose tokens its conditions judge. The oracle is this
 * file's own: a regular expression per reading.
 */
export function withProviderArnsReadLoosely(document: any): any {
  const providerArn = (host: string) => `arn:aws:iam::123456789012:oidc-provider/${host}`;
  const asGlob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  const loosely = (value: unknown, candidates: string[]) => {
    if (typeof value !== 'string') return value;
    // A loosely written ARN or a pattern, white space around it trimmed: an ARN's fields without regard to case and its
    // Region dropped, then, with a wildcard, matched as a pattern.
    const text = value.trim();
    const fields = /^arn:([^:]*):iam:[^:]*:([^:]*):oidc-provider\/(.*)$/i.exec(text);
    const lenient = fields ? `arn:${fields[1].toLowerCase()}:iam::${fields[2]}:oidc-provider/${fields[3]}` : text;
    // An ARN already as STS matches it is left as written (white space around it is another question:
    // withTrimmedPrincipalsAndActions).
    if (!/[*?]/.test(text)) return fields && lenient !== text ? lenient : value;
    if (text === '*') return value;
    return candidates.find((arn) => asGlob(lenient).test(arn)) ?? value;
  };
  return {
    ...document,
    Statement: document.Statement.map((statement: any) => {
      if (statement.Principal === null || typeof statement.Principal !== 'object') return statement;
      const blocks = statement.Condition !== null && typeof statement.Condition === 'object' ? Object.values(statement.Condition) : [];
      const named = blocks.flatMap((block: any) => (block !== null && typeof block === 'object' ? Object.keys(block) : []))
        .map((key) => /^(.+):[^:/]+$/.exec(key.trim())?.[1]?.toLowerCase()).filter((host): host is string => host !== undefined);
      const candidates = [providerArn(G), ...named.map(providerArn)];
      // A Principal list (`[{ "Federated": ... }]`, not IAM's grammar) has each item's Federated read so too.
      const readPrincipal = (item: any) => {
        const federated = item?.Federated;
        if (federated === undefined || typeof item !== 'object') return item;
        const read = Array.isArray(federated) ? federated.map((value) => loosely(value, candidates)) : loosely(federated, candidates);
        return { ...item, Federated: read };
      };
      const readPrincipals = Array.isArray(statement.Principal) ? statement.Principal.map(readPrincipal) : readPrincipal(statement.Principal);
      return { ...statement, Principal: readPrincipals };
    }),
  };
}

/**
 * The policy with each list where IAM writes one value read as IAM would if it took its items: a Principal list as
 * one principal of all its items (`"*"` if one is), a list inside an Action list or a condition's list of values
 * flattened.
 */
export function withListsRead(document: any): any {
  const merged = (items: unknown[]) => {
    if (items.some((item) => typeof item === 'string' && item.trim() === '*')) return '*';
    const byType: { [type: string]: unknown[] } = {};
    for (const item of items) {
      if (item === null || typeof item !== 'object') continue;
      for (const [type, value] of Object.entries(item)) (byType[type] ??= []).push(...(Array.isArray(value) ? value : [value]));
    }
    return byType;
  };
  const principalsRead = {
    ...document,
    Statement: document.Statement.map((statement: any) => {
      const principalRead = Array.isArray(statement.Principal) ? { ...statement, Principal: merged(statement.Principal) } : statement;
      return Array.isArray(statement.Action) ? { ...principalRead, Action: statement.Action.flat(8) } : principalRead;
    }),
  };
  return mapConditions(principalsRead, (blocks) => blocks.map(([operator, block]): ConditionBlock => [operator,
    Object.fromEntries(Object.entries(block).map(([key, value]) => [key, Array.isArray(value) ? value.flat(8) : value]))]));
}

/**
 * The policy with white space trimmed from its condition operators and keys: as IAM would apply it if it trimmed them
 * (FACTS.md, "White space around condition operators and keys"); blocks that become one operator are merged.
 */
export function withTrimmedConditionNames(document: any): any {
  return mapConditions(document, (blocks) => {
    const merged = new Map<string, { [key: string]: unknown }>();
    for (const [operator, block] of blocks) {
      const into = merged.get(operator.trim()) ?? {};
      merged.set(operator.trim(), into);
      for (const [key, value] of Object.entries(block)) into[key.trim()] = value;
    }
    return [...merged];
  });
}

// IAM's condition operators as AWS spells them (IAM User Guide, "Condition operators"): an oracle of its own.
const AWS_OPERATORS = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike',
  'StringNotLike', 'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan',
  'NumericGreaterThanEquals', 'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan',
  'DateGreaterThanEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null']);

/**
 * The policy as IAM would apply it if it passed over an operator block not written as AWS spells it (`stringequals`):
 * AWS documents keys, not operators, as compared without case.
 */
export function withOtherCaseOperatorsDropped(document: any): any {
  const asAwsSpells = (operator: string) => AWS_OPERATORS.has(operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, ''));
  return mapConditions(document, (blocks) => blocks.filter(([operator]) => asAwsSpells(operator)));
}

/**
 * The policy as IAM would apply it if, of a key written twice in one block in different case, it applied only the
 * first or only the last spelling: AWS does not document which.
 */
export function withKeysWrittenOnce(document: any, keep: 'first' | 'last'): any {
  return mapConditions(document, (blocks) => blocks.map(([operator, block]): ConditionBlock => {
    const chosen = new Map<string, [string, unknown]>();
    for (const [key, value] of Object.entries(block)) {
      const folded = key.toLowerCase();
      if (keep === 'last' || !chosen.has(folded)) chosen.set(folded, [key, value]);
    }
    return [operator, Object.fromEntries(chosen.values())];
  }));
}

type ConditionBlock = [operator: string, block: { [key: string]: unknown }];

/** The policy with each statement's Condition blocks changed by `change` (statements without one stay as they are). */
function mapConditions(document: any, change: (blocks: ConditionBlock[]) => ConditionBlock[]): any {
  return {
    ...document,
    Statement: document.Statement.map((statement: any) => (statement.Condition === undefined ? statement
      : { ...statement, Condition: Object.fromEntries(change(Object.entries(statement.Condition))) })),
  };
}

/**
 * Every combination of the readings above that change the policy (the oracle of evaluate/readings.ts): each open
 * question read either way, the evaluator's reading first.
 */
export function everyReadingOf(document: any): any[] {
  const questions: ((policy: any) => any)[][] = [[withoutEmptyConditions], [withTrimmedPrincipalsAndActions], [withProviderArnsReadLoosely],
    [withListsRead], [withTrimmedConditionNames], [withOtherCaseOperatorsDropped],
    [(policy) => withKeysWrittenOnce(policy, 'first'), (policy) => withKeysWrittenOnce(policy, 'last')]];
  const written = JSON.stringify(document);
  const open = questions.map((ways) => ways.filter((way) => JSON.stringify(way(document)) !== written)).filter((ways) => ways.length > 0);
  let combinations: ((policy: any) => any)[][] = [[]];
  for (const ways of open) combinations = combinations.flatMap((chosen) => [chosen, ...ways.map((way) => [...chosen, way])]);
  return combinations.map((chosen) => chosen.reduce((policy, way) => way(policy), document));
}

/** Every way IAM may read a policy where AWS leaves it open: the evaluator's reading first. */
export function readingsOf(document: any): any[] {
  return [document, withoutEmptyConditions(document), withTrimmedPrincipalsAndActions(document), withProviderArnsReadLoosely(document),
    withProviderArnsReadLoosely(withTrimmedPrincipalsAndActions(document)),
    withListsRead(document), withTrimmedConditionNames(document), withOtherCaseOperatorsDropped(document), withKeysWrittenOnce(document, 'first'), withKeysWrittenOnce(document, 'last'),
    withoutEmptyConditions(withKeysWrittenOnce(document, 'last'))];
}
