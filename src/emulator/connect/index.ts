// The Amazon Connect API (service `connect`, restJson1) beside Cloud Control, on the same port and
// over the same store. Requests are routed by the model's HTTP bindings (model.ts), their inputs bound
// and checked against the model's shapes, then handed to the operation. An operation the model has
// but the emulator does not serve is refused by name, in restJson1, never with a body a client
// cannot read. docs/emulator.md lists what is served and the source of each rule.
import type { IncomingMessage } from 'node:http';
import { regionOf } from '../server.js';
import type { ConnectCall, ConnectContext } from './common.js';
import { ConnectError } from './errors.js';
import { bindInput, ERROR_STATUS, routeOf, type Routed } from './model.js';
import {
  createSecurityProfile,
  deleteSecurityProfile,
  describeSecurityProfile,
  listSecurityProfileApplications,
  listSecurityProfileFlowModules,
  listSecurityProfileAIAgents,
  listSecurityProfilePermissions,
  listSecurityProfiles,
  updateSecurityProfile,
} from './profiles.js';
import { listContactFlowModules, listTagsForResource, tagResource, untagResource } from './resources.js';
import { searchSecurityProfiles, searchUsers } from './search.js';
import { describeUser, updateUserSecurityProfiles } from './users.js';
import { associateSecurityProfiles, disassociateSecurityProfiles, listEntitySecurityProfiles } from './entities.js';
import { bindQconnect, listAIAgents, listAssistants, qconnectRoute } from './qconnect.js';

export { ConnectError } from './errors.js';
export type { ConnectContext } from './common.js';
export { SERVED_OPERATIONS, MODELLED_OPERATIONS } from './model.js';

const HANDLERS: Record<string, (call: ConnectCall) => Record<string, unknown>> = {
  ListSecurityProfiles: listSecurityProfiles,
  DescribeSecurityProfile: describeSecurityProfile,
  ListSecurityProfilePermissions: listSecurityProfilePermissions,
  ListSecurityProfileApplications: listSecurityProfileApplications,
  ListSecurityProfileFlowModules: listSecurityProfileFlowModules,
  CreateSecurityProfile: createSecurityProfile,
  UpdateSecurityProfile: updateSecurityProfile,
  DeleteSecurityProfile: deleteSecurityProfile,
  SearchSecurityProfiles: searchSecurityProfiles,
  SearchUsers: searchUsers,
  DescribeUser: describeUser,
  UpdateUserSecurityProfiles: updateUserSecurityProfiles,
  ListContactFlowModules: listContactFlowModules,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  AssociateSecurityProfiles: associateSecurityProfiles,
  DisassociateSecurityProfiles: disassociateSecurityProfiles,
  ListEntitySecurityProfiles: listEntitySecurityProfiles,
  ListSecurityProfileAIAgents: listSecurityProfileAIAgents,
  ListAssistants: listAssistants,
  ListAIAgents: listAIAgents,
};

/** Amazon Q in Connect's operations, told apart by the signing name (`wisdom`) in the credential scope. */
const QCONNECT = new Set(['ListAssistants', 'ListAIAgents']);
const signsFor = (req: IncomingMessage): string | undefined => /Credential=[^/\s,]+\/\d{8}\/[^/\s,]+\/([^/\s,]+)\/aws4_request/.exec(req.headers.authorization ?? '')?.[1];

/** HTTP statuses of the Connect errors a test can inject (the model's, and UnknownOperation). */
export const CONNECT_STATUS: Readonly<Record<string, number>> = { ...ERROR_STATUS, AccessDeniedException: 403 };

function routed(req: IncomingMessage): Routed | undefined {
  if (req.headers['x-amz-target'] !== undefined) return undefined;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (signsFor(req) === 'wisdom') {
    const q = qconnectRoute(req.method ?? 'GET', path);
    return q ? { ...q, served: true, malformed: false } : { operation: 'UnknownQConnectOperation', labels: {}, served: false, malformed: false };
  }
  return routeOf(req.method ?? 'GET', path);
}

/** The Connect operation a request names (served or not), or undefined when it is not a Connect request. */
export function connectOperationOf(req: IncomingMessage): string | undefined {
  return routed(req)?.operation;
}

export function handleConnect(req: IncomingMessage, raw: Buffer, ctx: ConnectContext): { region: string; body: Record<string, unknown>; request: Record<string, unknown> } {
  let region: string;
  try {
    region = regionOf(req.headers.authorization);
  } catch (error) {
    throw new ConnectError('UnauthorizedException', (error as Error).message, 401);
  }
  const route = routed(req);
  if (!route) throw new ConnectError('UnknownOperationException', 'Unknown operation', 404);
  if (!route.served || !HANDLERS[route.operation]) {
    throw new ConnectError('UnknownOperationException', `The local endpoint does not serve the Amazon Connect operation ${route.operation} (docs/emulator.md lists those it serves)`, 400);
  }
  // The model is silent on a path that is not valid URI encoding: the client's fault, so its 400, never a 500.
  if (route.malformed) throw new ConnectError('InvalidRequestException', 'The request path has a malformed percent-escape', 400);
  let body: Record<string, unknown> = {};
  const text = raw.toString('utf8');
  if (text.trim() !== '') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ConnectError('SerializationException', 'The request body is not valid JSON', 400);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConnectError('SerializationException', 'The request body must be a JSON object', 400);
    body = value as Record<string, unknown>;
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const input = QCONNECT.has(route.operation) ? bindQconnect(route.operation, route.labels, url) : bindInput(route.operation, route.labels, url, body);
  const handler = HANDLERS[route.operation]!;
  return { region, body: handler({ region, operation: route.operation, input, ctx }), request: input };
}
