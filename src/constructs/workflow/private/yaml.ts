/**
 * The little YAML writing the workflow snippet needs: scalars that stay strings whatever they hold, and comments
 * that stay on one line. No YAML library: the snippet's shape is fixed, only its values vary.
 */

// A plain scalar that every YAML 1.1 and 1.2 parser reads back as this same string: no spaces, no indicator as
// first character, no ": " or " #", and not a word or number YAML would turn into a boolean, null or number.
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@:+-]*$/;
const NOT_A_STRING = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;

/** A scalar: plain when it reads back unchanged, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: string): string {
  if (PLAIN.test(value) && !value.endsWith(':') && !NOT_A_STRING.test(value)) return value;
  return JSON.stringify(value);
}

/** A `# ...` comment line; line breaks and other control characters in the text become spaces. */
export function yamlComment(indent: string, text: string): string {
  // eslint-disable-next-line no-control-regex
  return `${indent}# ${text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, ' ')}`;
}
