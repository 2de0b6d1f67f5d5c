/**
 * `explain --parameters Name=value,...`: the values a stack was (or will be) deployed with, for a template whose trust
 * policy reads parameters. Each is read as the one value the parameter may take, so the policy is judged as that
 * stack holds it rather than for every way the template can deploy it.
 */
import { carriedAllowedValues, PARAMETER_ALLOWED_VALUES, parametersRead } from '../../analysis/policy/template-parameters';
import { CliError } from '../cli-error';
import { RoleInput } from '../input/roles';

// CloudFormation's parameter names: "The parameter must be alphanumeric and unique among all logical names".
const NAME = /^[A-Za-z0-9]+$/;

/** The parameters given, by name; throws CliError naming the item that is not `Name=value`. */
export function parseParameterValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const item of text.split(',')) {
    const equals = item.indexOf('=');
    const name = equals < 0 ? item : item.slice(0, equals);
    if (equals < 0 || !NAME.test(name)) {
      throw new CliError(`explain: --parameters item ${JSON.stringify(item)} is not accepted: expected Name=value (an alphanumeric ` +
        'parameter name), several separated by commas, e.g. --parameters Org=acme,Repo=web');
    }
    if (values.has(name)) throw new CliError(`explain: --parameters gives ${name} twice: expected each parameter once`);
    values.set(name, item.slice(equals + 1));
  }
  return values;
}

/**
 * The role's template mappings with each given parameter fixed to its value; throws CliError for a role that is not
 * a template's, or a parameter its trust policy does not read.
 */
export function mappingsWithParameterValues(role: RoleInput, values: ReadonlyMap<string, string>): { [map: string]: unknown } {
  if (role.logicalId === undefined) {
    throw new CliError(`explain: --parameters applies to a role of a CloudFormation template; ${role.roleName ?? role.file} is not one`);
  }
  const given = Object.fromEntries([...values].map(([name, value]) => [name, [value]]));
  const read = parametersRead(role.policy, given);
  const unread = [...values.keys()].filter((name) => !read.has(name));
  if (unread.length > 0) {
    throw new CliError(`explain: --parameters ${unread.join(', ')}: the trust policy of ${role.logicalId} reads no such parameter` +
      `${read.size > 0 ? ` (it reads ${[...read].join(', ')})` : ''}: expected a parameter it reads by Ref or \${Name} in Fn::Sub`);
  }
  // One allowed value is the one way the parameter is deployed; it wins over the default (policy/conditional.ts).
  return { ...role.mappings, [PARAMETER_ALLOWED_VALUES]: { ...carriedAllowedValues(role.mappings), ...given } };
}
