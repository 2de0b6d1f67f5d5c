import { CfnMapping, CfnParameter, Stack } from 'aws-cdk-lib/core';
import { readsMappings } from '../../analysis/policy/conditional';
import { mayReadParameters, parameterEntries, readsParameters } from '../../analysis/policy/template-parameters';

/**
 * What the policy reads of the stack's template beside itself: the mappings when it reads one (`Fn::FindInMap`), and
 * the defaults of the parameters it reads (policy/template-parameters.ts); undefined when neither. `resources` are
 * logical IDs known to be resources (the providers): a policy that reads no other name reads no parameter.
 */
export function mappingsReadBy(policy: unknown, stack: Stack, resources: object = {}): { [map: string]: unknown } | undefined {
  // The stack's `CfnMapping`s resolved, to judge an `Fn::FindInMap` as every value it can read.
  const mappings = readsMappings(policy) ? stackTemplateParts(stack).mappings : undefined;
  if (!mayReadParameters(policy, resources)) return mappings;
  const parameters = stackTemplateParts(stack).parameters;
  if (parameters === undefined || !readsParameters(policy, parameters.declared)) return mappings;
  return { ...mappings, ...parameters.entries };
}

/** A stack's parameters that tell about their values: as declared, and the entries to carry with its mappings. */
interface StackParameters {
  readonly declared: { [logicalId: string]: unknown };
  readonly entries: { [map: string]: unknown };
}

/** The mappings and parameters of a stack's template. */
interface TemplateParts {
  readonly mappings?: { [map: string]: unknown };
  readonly parameters?: StackParameters;
}

// Every role of a stack that reads a mapping or a parameter asks: walking the stack's tree for each of them cost the
// square of the roles (400 roles reading Fn::FindInMap: 650 ms of synth against 170 ms for the same roles written
// out). The parts are gathered once per synth: a validation on the stack, which CDK runs before those of the
// constructs in it (validateTree visits the tree in pre-order), forgets them, so a mapping changed with setValue
// between two synths is read anew. Should that order change, a stack that gained or lost a child is read anew too.
const PARTS_BY_STACK = new WeakMap<Stack, { readonly children: number; readonly parts: TemplateParts }>();
const FORGETS_EACH_SYNTH = new WeakSet<Stack>();

function stackTemplateParts(stack: Stack): TemplateParts {
  if (!FORGETS_EACH_SYNTH.has(stack)) {
    FORGETS_EACH_SYNTH.add(stack);
    stack.node.addValidation({ validate: () => (PARTS_BY_STACK.delete(stack), []) });
  }
  const children = stack.node.children.length;
  const cached = PARTS_BY_STACK.get(stack);
  if (cached && cached.children === children) return cached.parts;
  const mappings: { [map: string]: unknown } = {};
  const parameters: { [logicalId: string]: unknown } = {};
  for (const construct of stack.node.findAll()) {
    if (construct instanceof CfnMapping && Stack.of(construct) === stack) {
      const rendered = stack.resolve(construct._toCloudFormation()) as { Mappings?: { [map: string]: unknown } };
      Object.assign(mappings, rendered?.Mappings ?? {});
    } else if (construct instanceof CfnParameter && Stack.of(construct) === stack) {
      const rendered = stack.resolve(construct._toCloudFormation()) as { Parameters?: { [logicalId: string]: unknown } };
      Object.assign(parameters, rendered?.Parameters ?? {});
    }
  }
  const entries = parameterEntries(parameters);
  const parts: TemplateParts = {
    mappings: Object.keys(mappings).length > 0 ? mappings : undefined,
    parameters: Object.keys(entries).length > 0 ? { declared: parameters, entries } : undefined,
  };
  PARTS_BY_STACK.set(stack, { children, parts });
  return parts;
}
