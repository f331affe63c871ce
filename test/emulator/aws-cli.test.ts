// Any AWS client can use the emulator: the AWS CLI and boto3 list, get, update and cancel against
// its strict default shapes (identifier-only list items, IN_PROGRESS first events, JSON identifiers).
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstanceArn, demoProfileArn, type Emulator, startEmulator } from '../../src/emulator/index.js';

const run = promisify(execFile);
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
const ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '', AWS_DEFAULT_REGION: 'us-east-1' };

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0, pageSize: 10 });
});
afterAll(async () => {
  await emulator.close();
});

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run('aws', ['cloudcontrol', ...args, '--endpoint-url', emulator.url, '--region', 'us-east-1', '--output', 'json'], { env: ENV, timeout: 30_000 });
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}

// Skipped when no `aws` is on the PATH: the check needs the real AWS CLI (v1 or v2).
describe.skipIf(!hasAws)('AWS CLI against the emulator (skipped: no `aws` on the PATH)', () => {
  it('lists instances, lists profiles across pages (ARNs only), gets one by ARN and by JSON identifier', async () => {
    emulator.clearRequests();
    const instances = (await aws('list-resources', '--type-name', 'AWS::Connect::Instance')) as { ResourceDescriptions: { Identifier: string; Properties: string }[] };
    expect(instances.ResourceDescriptions.map((d) => d.Identifier)).toContain(demoInstanceArn());
    expect(JSON.parse(instances.ResourceDescriptions[0]!.Properties)).toHaveProperty('ServiceRole');
    const profiles = (await aws('list-resources', '--type-name', 'AWS::Connect::SecurityProfile', '--resource-model', JSON.stringify({ InstanceArn: demoInstanceArn() }))) as {
      ResourceDescriptions: { Identifier: string; Properties: string }[];
    };
    // The CLI follows NextToken itself: 18 profiles over pages of 10, each item the ARN alone.
    expect(profiles.ResourceDescriptions).toHaveLength(18);
    for (const d of profiles.ResourceDescriptions) expect(JSON.parse(d.Properties)).toEqual({ SecurityProfileArn: d.Identifier });
    for (const identifier of [demoProfileArn('Agent'), JSON.stringify({ SecurityProfileArn: demoProfileArn('Agent') })]) {
      const got = (await aws('get-resource', '--type-name', 'AWS::Connect::SecurityProfile', '--identifier', identifier)) as { ResourceDescription: { Properties: string } };
      expect(JSON.parse(got.ResourceDescription.Properties)).toMatchObject({ SecurityProfileName: 'Agent', AllowedFlowModules: [] });
    }
    expect(emulator.requests.filter((r) => r.operation === 'ListResources').length).toBe(3);
  });

  it('speaks the Connect API too: list-security-profiles on the same port, errors as the CLI expects', async () => {
    const id = demoInstanceArn().split('/').pop()!;
    const { stdout } = await run('aws', ['connect', 'list-security-profiles', '--instance-id', id, '--endpoint-url', emulator.url, '--region', 'us-east-1', '--output', 'json'], { env: ENV, timeout: 30_000 });
    const listed = JSON.parse(stdout) as { SecurityProfileSummaryList: { Name: string; Arn: string }[] };
    expect(listed.SecurityProfileSummaryList).toHaveLength(18);
    expect(listed.SecurityProfileSummaryList.find((s) => s.Name === 'Agent')?.Arn).toBe(demoProfileArn('Agent'));
    const missing = await run('aws', ['connect', 'list-security-profiles', '--instance-id', 'nope', '--endpoint-url', emulator.url, '--region', 'us-east-1'], { env: ENV, timeout: 30_000 }).catch((e: { stderr: string }) => e);
    expect((missing).stderr).toMatch(/ResourceNotFoundException.*ListSecurityProfiles/);
  });

  it('search-users finds the holders of a profile; update-security-profile and tag-resource save what Cloud Control refuses', async () => {
    const id = demoInstanceArn().split('/').pop()!;
    const arn = demoProfileArn('Retention Desk');
    const cli = (...args: string[]) => run('aws', ['connect', ...args, '--endpoint-url', emulator.url, '--region', 'us-east-1', '--output', 'json'], { env: ENV, timeout: 30_000 });
    const found = JSON.parse((await cli('search-users', '--instance-id', id, '--search-criteria', JSON.stringify({ StringCondition: { FieldName: 'SecurityProfileId', ComparisonType: 'EXACT', Value: demoProfileArn('Admin').split('/').pop() } }))).stdout) as { Users: { Username: string }[]; ApproximateTotalCount: number };
    expect(found.ApproximateTotalCount).toBe(2);
    expect(found.Users).toHaveLength(2);
    await cli('update-security-profile', '--instance-id', id, '--security-profile-id', arn.split('/').pop()!, '--description', 'Saved by the CLI');
    await cli('tag-resource', '--resource-arn', arn, '--tags', JSON.stringify({ 'Cost Center': 'cc-6300' }));
    await cli('untag-resource', '--resource-arn', arn, '--tag-keys', 'team');
    const model = emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', arn)!;
    expect(model.Description).toBe('Saved by the CLI');
    expect(model.Tags).toEqual([{ Key: 'Cost Center', Value: 'cc-6300' }]);
  });

  it('updates (IN_PROGRESS first, with the desired model), and a cancel of the finished request is refused', async () => {
    const arn = demoProfileArn('Flow Designers');
    const started = (await aws('update-resource', '--type-name', 'AWS::Connect::SecurityProfile', '--identifier', arn,
      '--patch-document', JSON.stringify([{ op: 'replace', path: '/Description', value: 'From the CLI' }]))) as { ProgressEvent: { OperationStatus: string; RequestToken: string } };
    expect(started.ProgressEvent.OperationStatus).toBe('IN_PROGRESS');
    expect(JSON.parse((started.ProgressEvent as unknown as { ResourceModel: string }).ResourceModel).Description).toBe('From the CLI');
    const status = (await aws('get-resource-request-status', '--request-token', started.ProgressEvent.RequestToken)) as { ProgressEvent: { OperationStatus: string } };
    expect(status.ProgressEvent.OperationStatus).toBe('SUCCESS');
    expect(emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', arn)?.Description).toBe('From the CLI');
    const refused = await run('aws', ['cloudcontrol', 'cancel-resource-request', '--request-token', started.ProgressEvent.RequestToken, '--endpoint-url', emulator.url, '--region', 'us-east-1', '--cli-read-timeout', '5'], { env: { ...ENV, AWS_MAX_ATTEMPTS: '1' }, timeout: 30_000 }).catch((e: { stderr: string }) => e);
    expect((refused).stderr).toMatch(/ConcurrentModificationException/);
  });
});

// Skipped when Python's boto3 is not installed: the check needs the real boto3.
describe.skipIf(!hasBoto3)('boto3 against the emulator (skipped: no boto3 for python3)', () => {
  it('every served Connect operation, the model constraints as boto3 reads their errors, STS, and an unserved operation by name', async () => {
    const script = `
import boto3, json, sys
from botocore.config import Config
from botocore.exceptions import ClientError
url, iid, agent = sys.argv[1], sys.argv[2], sys.argv[3]
c = boto3.client('connect', endpoint_url=url, region_name='us-east-1', config=Config(retries={'max_attempts': 1}))
raw = boto3.client('connect', endpoint_url=url, region_name='us-east-1', config=Config(parameter_validation=False, retries={'max_attempts': 1}))
out = {}
def code(f):
    try:
        f()
        return 'ok'
    except ClientError as e:
        return e.response['Error']['Code'] + ': ' + e.response['Error']['Message']
made = c.create_security_profile(InstanceId=iid, SecurityProfileName='Boto Desk', Permissions=['BasicAgentAccess', 'Users.View', 'Queues.View'], AllowedAccessControlTags={'a': '1', 'b': '2', 'c': '3', 'd': '4'})
pid = made['SecurityProfileId']
out['described'] = c.describe_security_profile(InstanceId=iid, SecurityProfileId=pid)['SecurityProfile']['SecurityProfileName']
out['permissions'] = [p for page in c.get_paginator('list_security_profile_permissions').paginate(InstanceId=iid, SecurityProfileId=pid, PaginationConfig={'PageSize': 1}) for p in page['Permissions']]
out['applications'] = c.list_security_profile_applications(InstanceId=iid, SecurityProfileId=pid)['Applications']
out['flowModules'] = c.list_security_profile_flow_modules(InstanceId=iid, SecurityProfileId=pid)['AllowedFlowModules']
out['search'] = [p['SecurityProfileName'] for p in c.search_security_profiles(InstanceId=iid, SearchCriteria={'StringCondition': {'FieldName': 'name', 'ComparisonType': 'STARTS_WITH', 'Value': 'boto'}})['SecurityProfiles']]
out['tooManyApps'] = code(lambda: raw.update_security_profile(InstanceId=iid, SecurityProfileId=pid, Applications=[{'Namespace': 'n%d' % i, 'ApplicationPermissions': ['r'], 'Type': 'MCP'} for i in range(11)]))
out['badModule'] = code(lambda: raw.update_security_profile(InstanceId=iid, SecurityProfileId=pid, AllowedFlowModules=[{'Type': 'LAMBDA', 'FlowModuleId': 'm'}]))
out['noTags'] = code(lambda: raw.tag_resource(resourceArn=made['SecurityProfileArn'], tags={}))
c.tag_resource(resourceArn=made['SecurityProfileArn'], tags={'Cost Center': 'x'})
out['tags'] = c.list_tags_for_resource(resourceArn=made['SecurityProfileArn'])['tags']
user = c.search_users(InstanceId=iid, MaxResults=1, SearchCriteria={'StringCondition': {'FieldName': 'SecurityProfileId', 'ComparisonType': 'EXACT', 'Value': agent}})['Users'][0]
out['byResourceId'] = [u['Username'] for u in c.search_users(InstanceId=iid, SearchCriteria={'StringCondition': {'FieldName': 'resourceId', 'ComparisonType': 'EXACT', 'Value': user['Id']}})['Users']] == [user['Username']]
before = c.describe_user(InstanceId=iid, UserId=user['Id'])['User']['SecurityProfileIds']
c.update_user_security_profiles(InstanceId=iid, UserId=user['Id'], SecurityProfileIds=before + [pid])
out['inUse'] = code(lambda: c.delete_security_profile(InstanceId=iid, SecurityProfileId=pid))
c.update_user_security_profiles(InstanceId=iid, UserId=user['Id'], SecurityProfileIds=before)
c.delete_security_profile(InstanceId=iid, SecurityProfileId=pid)
out['gone'] = code(lambda: c.describe_security_profile(InstanceId=iid, SecurityProfileId=pid))
out['modules'] = len([m for page in c.get_paginator('list_contact_flow_modules').paginate(InstanceId=iid, PaginationConfig={'PageSize': 1}) for m in page['ContactFlowModulesSummaryList']])
out['unserved'] = code(lambda: c.describe_queue(InstanceId=iid, QueueId='q'))
out['account'] = boto3.client('sts', endpoint_url=url, region_name='us-east-1').get_caller_identity()['Account']
out['iam'] = code(lambda: boto3.client('iam', endpoint_url=url, region_name='us-east-1').list_users())
print(json.dumps(out))
`;
    const { stdout } = await run('python3', ['-c', script, emulator.url, demoInstanceArn().split('/').pop()!, demoProfileArn('Agent').split('/').pop()!], { env: ENV, timeout: 60_000 });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ described: 'Boto Desk', permissions: ['BasicAgentAccess', 'Users.View', 'Queues.View'], applications: [], flowModules: [], search: ['Boto Desk'], tags: { 'Cost Center': 'x' }, byResourceId: true, account: '123456789012' });
    expect(out.tooManyApps).toMatch(/^InvalidParameterException: 1 validation error detected: .*'Applications'.*less than or equal to 10/);
    expect(out.badModule).toMatch(/^InvalidParameterException: .*enum value set: \[MCP\]/);
    expect(out.noTags).toMatch(/^InvalidParameterException: .*'tags'/);
    expect(out.inUse).toMatch(/^ResourceInUseException: /);
    expect(out.gone).toMatch(/^ResourceNotFoundException: /);
    expect(out.modules).toBeGreaterThan(1);
    expect(out.unserved).toMatch(/^UnknownOperationException: .*DescribeQueue/);
    expect(out.iam).toMatch(/^InvalidAction: .*ListUsers/);
  });

  it('paginates identifier-only profile lists, reads [] for absent lists, and reads a console-made profile', async () => {
    const script = `
import boto3, json, sys
c = boto3.client('cloudcontrol', endpoint_url=sys.argv[1], region_name='us-east-1')
items = []
for page in c.get_paginator('list_resources').paginate(TypeName='AWS::Connect::SecurityProfile', ResourceModel=json.dumps({'InstanceArn': sys.argv[2]})):
    items += page['ResourceDescriptions']
got = c.get_resource(TypeName='AWS::Connect::SecurityProfile', Identifier=json.dumps({'SecurityProfileArn': sys.argv[3]}))
print(json.dumps({'keys': sorted({k for i in items for k in json.loads(i['Properties'])}), 'count': len(items), 'model': json.loads(got['ResourceDescription']['Properties'])}))
`;
    const { stdout } = await run('python3', ['-c', script, emulator.url, demoInstanceArn(), demoProfileArn('Supervisors (EMEA)')], { env: ENV, timeout: 30_000 });
    const out = JSON.parse(stdout) as { keys: string[]; count: number; model: Record<string, unknown> };
    const connect = await run('python3', ['-c', `
import boto3, json, sys
c = boto3.client('connect', endpoint_url=sys.argv[1], region_name='us-east-1')
names = [s['Name'] for p in c.get_paginator('list_security_profiles').paginate(InstanceId=sys.argv[2]) for s in p['SecurityProfileSummaryList']]
held = [u['Username'] for p in c.get_paginator('search_users').paginate(InstanceId=sys.argv[2], SearchCriteria={'StringCondition': {'FieldName': 'SecurityProfileId', 'ComparisonType': 'EXACT', 'Value': sys.argv[3]}}, PaginationConfig={'PageSize': 10}) for u in p['Users']]
print(json.dumps(names + ['holders=%d' % len(held)]))
`, emulator.url, demoInstanceArn().split('/').pop()!, demoProfileArn('Agent').split('/').pop()!], { env: ENV, timeout: 30_000 });
    expect(JSON.parse(connect.stdout)).toContain('Supervisors (EMEA)');
    const agents = emulator.listModels('us-east-1', 'AWS::Connect::User').filter((u) => (u.SecurityProfileArns as string[]).includes(demoProfileArn('Agent')));
    expect(JSON.parse(connect.stdout)).toContain(`holders=${agents.length}`);
    expect(out).toMatchObject({ keys: ['SecurityProfileArn'], count: 18 });
    expect(out.model).toMatchObject({ SecurityProfileName: 'Supervisors (EMEA)', AllowedFlowModules: [], Applications: [] });
  });
});
