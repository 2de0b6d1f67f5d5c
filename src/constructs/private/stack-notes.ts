import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { IConstruct } from 'constructs';
import { TrustNote, withRuleId } from './trust-validation';
import { TrustPolicyValidator } from '../../analysis/validate/validator';

/**
 * The INFO findings of a stack's roles, one info annotation on the stack per rule, naming the roles: a stack of 450
 * deploy roles that trust their repositories by name says so once, not 450 times in `cdk synth`'s output (and its
 * manifest: each annotation is an entry CDK validates, writes and reads back, 7% of such a synth, bench/).
 *
 * Roles report while CDK validates the tree, in no order the stack can tell the end of; so the annotation is added
 * when the first role reports, and its text is worked out when read: the manifest is written after validation.
 */
export class StackNotes {
  /** The notes of this stack. */
  public static of(stack: IConstruct): StackNotes {
    let notes = NOTES.get(stack);
    if (!notes) {
      notes = new StackNotes(stack);
      NOTES.set(stack, notes);
    }
    return notes;
  }

  private readonly rules = new Map<string, RuleNotes>();

  private constructor(private readonly stack: IConstruct) {}

  /** Records a role's notes (its findings of INFO rules); a role that reports again replaces what it said before. */
  public report(role: IConstruct, notes: readonly TrustNote[]): void {
    const path = role.node.path;
    for (const rule of this.rules.values()) {
      if (rule.byRole.delete(path)) rule.text = undefined;
    }
    for (const note of notes) {
      let rule = this.rules.get(note.ruleId);
      if (!rule) {
        rule = { ruleId: note.ruleId, byRole: new Map() };
        this.rules.set(note.ruleId, rule);
        this.annotate(rule);
      }
      // A role that trusts both subject forms may have the same finding twice: once per role.
      if (!rule.byRole.has(path)) {
        rule.byRole.set(path, note);
        rule.text = undefined;
      }
    }
  }

  /**
   * Adds the rule's entry to the stack, its text written when read (the manifest reads it after validation): writing
   * it at each report would cost the square of the roles.
   */
  private annotate(rule: RuleNotes): void {
    this.stack.node.addMetadata(cxschema.ArtifactMetadataEntryType.INFO, digest(rule), { stackTrace: false });
    const entries = this.stack.node.metadata;
    // The entry is the stack's own object (constructs keeps what addMetadata was given): its text is ours to give.
    Object.defineProperty(entries[entries.length - 1], 'data', {
      enumerable: true,
      get: () => (rule.text ??= digest(rule)),
    });
  }
}

interface RuleNotes {
  readonly ruleId: string;
  /** Each role's note, by construct path, in the order the roles reported. */
  readonly byRole: Map<string, TrustNote>;
  /** The annotation's text, until a report changes what it says. */
  text?: string;
}

const NOTES = new WeakMap<IConstruct, StackNotes>();

// What to do about each rule on a construct, where that differs from the catalogue's fix for any policy.
const CONSTRUCT_FIXES: { [ruleId: string]: string } = {
  RepositoryIdNotPinned: ' Fix: give a GitHubDeployRole\'s repository its IDs, GitHubRepository.of(\'<owner>\', \'<name>\', '
    + '{ ownerId, repositoryId }) (gh api repos/<owner>/<name> --jq \'.owner.id, .id\'); on another role, pin "<issuer>:repository_id" '
    + 'under StringEquals or trust the immutable subject.',
};

/** Roles named in full in a note about several; the rest are counted (`audit cdk.out` lists them all). */
const ROLES_NAMED = 20;

/**
 * One role: its own message, after its path. Several: the rule's title, the roles (path and value), the rule's fix.
 * Ends with the rule's CDK ID, as every annotation of the library does.
 */
function digest(rule: RuleNotes): string {
  const notes = [...rule.byRole.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (notes.length === 0) return withRuleId(`${rule.ruleId}: no role of this stack any more.`, rule.ruleId);
  if (notes.length === 1) {
    const [path, note] = notes[0];
    return withRuleId(note.text.replace(`${rule.ruleId}: `, `${rule.ruleId}: ${path}: `), rule.ruleId);
  }
  const info = TrustPolicyValidator.rules().find((candidate) => candidate.ruleId === rule.ruleId);
  const named = notes.slice(0, ROLES_NAMED).map(([path, note]) => (note.value === undefined ? path : `${path} (${JSON.stringify(note.value)})`));
  const rest = notes.length > ROLES_NAMED
    ? `, and ${notes.length - ROLES_NAMED} more (\`github-deploy-roles audit cdk.out\` lists every one)` : '';
  const title = info ? info.title.replace(/\.$/, '') : 'found';
  const fix = CONSTRUCT_FIXES[rule.ruleId] ?? (info ? ` Fix: ${info.fix}` : '');
  return withRuleId(`${rule.ruleId}: ${notes.length} roles of this stack: ${title}: ${named.join(', ')}${rest}.${fix}`, rule.ruleId);
}
