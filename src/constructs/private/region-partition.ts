import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The partition of a region, as aws-cdk-lib's region facts give it (`RegionInfo.get(region).partition`), without
 * loading those facts for the regions most stacks name. Reading any `RegionInfo` loads and registers every built-in
 * fact (region-info/lib/built-ins.generated.js, 1.2 MB): about 150 ms of a synth that a stack of plain `iam.Role`s
 * with the same account and region never pays, because nothing in it asks (issue 14; bench "whole process").
 *
 * So the regions below, named exactly, are answered from this table, and every other one by `RegionInfo` as before:
 * a region the table does not know costs time, never a different answer. test/constructs/region-partition.test.ts
 * holds every entry to `RegionInfo` of the floor, and scripts/compat/consumer-regions.ts every region of the newest
 * aws-cdk-lib (in CI) to what a role and its snippet in that region get.
 */
export function regionPartition(region: string): string | undefined {
  return KNOWN_REGIONS.get(region) ?? RegionInfo.get(region).partition;
}

const KNOWN_REGIONS: ReadonlyMap<string, string> = new Map([
  ...[
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
    'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1',
    'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1',
    'us-east-2', 'us-west-1', 'us-west-2',
  ].map((region) => [region, 'aws'] as const),
  ...['cn-north-1', 'cn-northwest-1'].map((region) => [region, 'aws-cn'] as const),
  ...['us-gov-east-1', 'us-gov-west-1'].map((region) => [region, 'aws-us-gov'] as const),
]);

/** The regions the table answers for, for the test that holds it to `RegionInfo`. */
export function regionsAnsweredWithoutFacts(): ReadonlyMap<string, string> {
  return KNOWN_REGIONS;
}
