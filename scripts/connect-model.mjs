// Writes data/connect-model.json: the part of the Amazon Connect API model (botocore's
// data/connect/2017-08-08/service-2.json, the model the AWS CLI and boto3 are generated from, the same
// one @aws-sdk/client-connect carries) that the emulator serves: every operation's route, and the input
// shapes of the served operations with their constraints (required, min/max, enums). Documentation is
// dropped. Run: node scripts/connect-model.mjs [path/to/service-2.json.gz]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const SERVED = [
  'ListSecurityProfiles', 'DescribeSecurityProfile', 'ListSecurityProfilePermissions', 'ListSecurityProfileApplications',
  'ListSecurityProfileFlowModules', 'CreateSecurityProfile', 'UpdateSecurityProfile', 'DeleteSecurityProfile',
  'SearchSecurityProfiles', 'ListContactFlowModules', 'SearchUsers', 'DescribeUser', 'UpdateUserSecurityProfiles',
  'TagResource', 'UntagResource', 'ListTagsForResource',
  'AssociateSecurityProfiles', 'DisassociateSecurityProfiles', 'ListEntitySecurityProfiles',
  'ListSecurityProfileAIAgents',
];

// What @aws-sdk/client-connect 3.1136 has and botocore 1.43.11 does not yet: ListSecurityProfileAIAgents
// (route and members from the SDK's schema, MaxResults 1–1000 from the API reference) and AllowedAIAgents
// on CreateSecurityProfile/UpdateSecurityProfile (API reference "AIAgent": Arn, Type THIRD_PARTY). The
// reference gives no bound on the list: 10, as Applications and AllowedFlowModules (the less kind reading).
const SUPPLEMENT = {
  operations: {
    ListSecurityProfileAIAgents: {
      http: { method: 'GET', requestUri: '/security-profiles-ai-agents/{InstanceId}/{SecurityProfileId}' },
      input: { shape: 'ListSecurityProfileAIAgentsRequest' },
      errors: ['InvalidRequestException', 'InvalidParameterException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServiceException'].map((shape) => ({ shape })),
    },
  },
  shapes: {
    ListSecurityProfileAIAgentsRequest: {
      type: 'structure',
      required: ['SecurityProfileId', 'InstanceId'],
      members: {
        SecurityProfileId: { shape: 'SecurityProfileId', location: 'uri', locationName: 'SecurityProfileId' },
        InstanceId: { shape: 'InstanceId', location: 'uri', locationName: 'InstanceId' },
        NextToken: { shape: 'NextToken', location: 'querystring', locationName: 'nextToken' },
        MaxResults: { shape: 'MaxResult1000', location: 'querystring', locationName: 'maxResults' },
      },
    },
    AllowedAIAgents: { type: 'list', member: { shape: 'AIAgent' }, max: 10 },
    AIAgent: { type: 'structure', members: { Arn: { shape: 'AIAgentArn' }, Type: { shape: 'AIAgentType' } } },
    AIAgentArn: { type: 'string' },
    AIAgentType: { type: 'string', enum: ['THIRD_PARTY'] },
  },
  members: { CreateSecurityProfileRequest: { AllowedAIAgents: { shape: 'AllowedAIAgents' } }, UpdateSecurityProfileRequest: { AllowedAIAgents: { shape: 'AllowedAIAgents' } } },
};

const path =
  process.argv[2] ??
  `${execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim()}/data/connect/2017-08-08/service-2.json.gz`;
const botocoreVersion = execFileSync('python3', ['-c', 'import botocore;print(botocore.__version__)'], { encoding: 'utf8' }).trim();
const raw = readFileSync(path);
const model = JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
for (const [name, op] of Object.entries(SUPPLEMENT.operations)) model.operations[name] ??= op;
for (const [name, shape] of Object.entries(SUPPLEMENT.shapes)) model.shapes[name] ??= shape;
for (const [name, members] of Object.entries(SUPPLEMENT.members)) for (const [m, v] of Object.entries(members)) model.shapes[name].members[m] ??= v;

const KEEP = ['shape', 'type', 'required', 'members', 'member', 'key', 'value', 'min', 'max', 'enum', 'pattern', 'location', 'locationName', 'box'];
const shapes = {};
const visit = (name) => {
  if (shapes[name]) return;
  const shape = model.shapes[name];
  const kept = Object.fromEntries(Object.entries(shape).filter(([k]) => KEEP.includes(k)));
  if (kept.members) kept.members = Object.fromEntries(Object.entries(kept.members).map(([m, v]) => [m, Object.fromEntries(Object.entries(v).filter(([k]) => KEEP.includes(k)))]));
  shapes[name] = kept;
  for (const m of Object.values(shape.members ?? {})) visit(m.shape);
  for (const k of ['member', 'key', 'value']) if (shape[k]) visit(shape[k].shape);
};
const errors = {};
const operations = {};
for (const [name, op] of Object.entries(model.operations)) {
  const served = SERVED.includes(name);
  operations[name] = { method: op.http.method, uri: op.http.requestUri, ...(served ? { input: op.input?.shape, errors: (op.errors ?? []).map((e) => e.shape) } : {}) };
  if (served && op.input) visit(op.input.shape);
  if (served) for (const e of op.errors ?? []) errors[e.shape] = model.shapes[e.shape].error?.httpStatusCode ?? 400;
}
writeFileSync(
  new URL('../data/connect-model.json', import.meta.url),
  `${JSON.stringify({ _source: `botocore ${botocoreVersion} data/connect/2017-08-08/service-2.json (Amazon Connect API model ${model.metadata.apiVersion}) with ListSecurityProfileAIAgents and AllowedAIAgents from @aws-sdk/client-connect 3.1136; served operations' input shapes, every operation's route; made by scripts/connect-model.mjs`, operations, errors, shapes }, null, 0)}\n`,
);
console.log(`${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes`);
