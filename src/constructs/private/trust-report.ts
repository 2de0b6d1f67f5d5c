import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { Stack } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { StackNotes } from './stack-notes';
import { TrustPolicyCheckResult } from './trust-validation';

/**
 * Turns a trust-policy check into what `cdk synth` shows: warnings and acknowledgements as annotations on the
 * construct, findings of INFO rules gathered on its stack (stack-notes.ts), errors returned for `node.addValidation`
 * (which fails the synth with the construct path). Shared by `GitHubDeployRole`
 * and `GitHubTrustChecks`, so a finding reads the same wherever the role came from.
 */
export class TrustReporter {
  // Validation runs on every synth of the app; annotate each message once.
  private readonly annotated = new Set<string>();

  constructor(private readonly scope: IConstruct) {}

  /** Annotates warnings, acknowledgements and notes, and returns the error messages. */
  public report(result: TrustPolicyCheckResult): string[] {
    // Plain warnings, not addWarningV2: its `[ack: ...]` hint points to Annotations.acknowledgeWarning, which records
    // no reason in the template and, for a warning added during validation as these are, only takes effect on a
    // parent scope. The way to accept a finding is TrustAcknowledgements, which the message names.
    for (const warning of result.warnings) this.annotate(cxschema.ArtifactMetadataEntryType.WARN, warning.message);
    for (const info of result.infos) this.annotate(cxschema.ArtifactMetadataEntryType.INFO, info);
    StackNotes.of(Stack.of(this.scope)).report(this.scope, result.notes);
    return result.errors;
  }

  /**
   * What `Annotations.of(scope).addWarning/addInfo` write, without the stack trace they capture: the message already
   * names the construct and the rule, the trace would point into this library, and capturing it for every role is a
   * third of the synth-time check's cost at hundreds of roles (bench/).
   */
  private annotate(type: string, message: string): void {
    const key = `${type} ${message}`;
    if (this.annotated.has(key)) return;
    this.annotated.add(key);
    this.scope.node.addMetadata(type, message, { stackTrace: false });
  }
}
