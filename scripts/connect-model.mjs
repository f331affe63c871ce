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
];

const path =
  process.argv[2] ??
  `${execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim()}/data/connect/2017-08-08/service-2.json.gz`;
const botocoreVersion = execFileSync('python3', ['-c', 'import botocore;print(botocore.__version__)'], { encoding: 'utf8' }).trim();
const raw = readFileSync(path);
const model = JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));

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
  `${JSON.stringify({ _source: `botocore ${botocoreVersion} data/connect/2017-08-08/service-2.json (Amazon Connect API model ${model.metadata.apiVersion}); served operations' input shapes, every operation's route; made by scripts/connect-model.mjs`, operations, errors, shapes }, null, 0)}\n`,
);
console.log(`${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes`);
