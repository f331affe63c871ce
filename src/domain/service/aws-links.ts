// Where an ARN lives in the AWS console: the Amazon Connect console page of its instance (a profile's
// or user's own page is on the instance's Connect admin website, reached from there). Pure.

const CONSOLE_HOST: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-cn': 'console.amazonaws.cn',
};

/** The console URL of the instance an Amazon Connect ARN belongs to, or undefined for another ARN. */
export function consoleUrlOf(arn: string): string | undefined {
  const match = /^arn:(aws|aws-us-gov|aws-cn):connect:([a-z0-9-]+):\d{12}:instance\/([-a-zA-Z0-9]+)/.exec(arn);
  if (!match) return undefined;
  const [, partition, region, instanceId] = match;
  return `https://${region}.${CONSOLE_HOST[partition!]}/connect/v2/app/instances/${instanceId}`;
}
