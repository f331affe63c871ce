// Amazon Q in Connect (service `qconnect`, signing name `wisdom`, restJson1) as far as spex needs it to
// name the AI agents that hold security profiles: ListAssistants and ListAIAgents, on the same port.
// Shapes, routes and bounds are @aws-sdk/client-qconnect 3.828's and the API reference's
// ("ListAssistants": maxResults 1–100; "ListAIAgents": assistantId a UUID, "URLs cannot contain the ARN",
// origin SYSTEM | CUSTOMER). Assistants are the ones the instances' AI agents belong to.
import type { InstanceState, Model } from '../store.js';
import { type ConnectCall, spend } from './common.js';
import { ConnectError } from './errors.js';

const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

/** The Amazon Q in Connect operation a path names (GET only), or undefined. */
export function qconnectRoute(method: string, path: string): { operation: string; labels: Record<string, string> } | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/assistants') return { operation: 'ListAssistants', labels: {} };
  const m = /^\/assistants\/([^/]+)\/aiagents$/.exec(path);
  return m ? { operation: 'ListAIAgents', labels: { assistantId: decodeURIComponent(m[1] ?? '') } } : undefined;
}

// The model's ValidationException (400), ResourceNotFoundException (404).
const validation = (message: string): ConnectError => new ConnectError('ValidationException', message, 400);

/** The input of a qconnect call from its labels and query, checked as the model checks it. */
export function bindQconnect(operation: string, labels: Record<string, string>, url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = { ...labels };
  const max = url.searchParams.get('maxResults');
  if (max !== null) {
    const n = Number(max);
    // API reference: maxResults "Valid Range: Minimum value of 1. Maximum value of 100."
    if (!Number.isInteger(n) || n < 1 || n > 100) throw validation(`1 validation error detected: Value '${max.slice(0, 20)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
    input.maxResults = n;
  }
  const token = url.searchParams.get('nextToken');
  if (token !== null) input.nextToken = token;
  const origin = url.searchParams.get('origin');
  if (operation === 'ListAIAgents' && origin !== null) {
    if (origin !== 'SYSTEM' && origin !== 'CUSTOMER') throw validation(`1 validation error detected: Value '${origin.slice(0, 20)}' at 'origin' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM, CUSTOMER]`);
    input.origin = origin;
  }
  if (operation === 'ListAIAgents' && !UUID.test(String(labels.assistantId))) {
    throw validation(`1 validation error detected: Value at 'assistantId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`);
  }
  return input;
}

interface Assistant {
  id: string;
  instance: InstanceState;
  agents: Model[];
}

/** The assistants of a region: one per assistant id the instances' AI agents carry in their ARNs. */
function assistantsOf(call: ConnectCall): Assistant[] {
  const out = new Map<string, Assistant>();
  for (const instance of call.ctx.store.regions.get(call.region)?.instances.values() ?? []) {
    for (const { model } of instance.aiAgents.values()) {
      const id = /:ai-agent\/([^/]+)\//.exec(String(model.AIAgentArn))?.[1] ?? '';
      const assistant = out.get(id) ?? { id, instance, agents: [] };
      assistant.agents.push(model);
      out.set(id, assistant);
    }
  }
  return [...out.values()];
}

function pageOf<T>(call: ConnectCall, all: readonly T[]): { items: T[]; nextToken?: string } {
  const start = call.input.nextToken === undefined ? 0 : Number(Buffer.from(String(call.input.nextToken), 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw validation('The nextToken is not valid');
  const size = typeof call.input.maxResults === 'number' ? call.input.maxResults : 100;
  const items = all.slice(start, start + size);
  return start + items.length < all.length ? { items, nextToken: Buffer.from(String(start + items.length)).toString('base64url') } : { items };
}

const assistantArn = (call: ConnectCall, id: string): string => `arn:aws:wisdom:${call.region}:${call.ctx.account}:assistant/${id}`;

export function listAssistants(call: ConnectCall): Record<string, unknown> {
  spend(call);
  const { items, nextToken } = pageOf(call, assistantsOf(call));
  return {
    assistantSummaries: items.map((a) => ({
      assistantId: a.id,
      assistantArn: assistantArn(call, a.id),
      name: `${String(a.instance.entry.model.InstanceAlias ?? 'connect')}-assistant`,
      type: 'AGENT',
      status: 'ACTIVE',
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

export function listAIAgents(call: ConnectCall): Record<string, unknown> {
  const assistant = assistantsOf(call).find((a) => a.id === call.input.assistantId);
  if (!assistant) throw new ConnectError('ResourceNotFoundException', `Assistant not found: ${String(call.input.assistantId).slice(0, 80)}`, 404);
  spend(call);
  // The demo's agents are the customer's own (origin CUSTOMER); a SYSTEM filter finds none.
  const agents = call.input.origin === 'SYSTEM' ? [] : assistant.agents;
  const { items, nextToken } = pageOf(call, agents);
  return {
    aiAgentSummaries: items.map((m) => ({
      name: m.Name,
      assistantId: assistant.id,
      assistantArn: assistantArn(call, assistant.id),
      aiAgentId: String(m.AIAgentArn).split('/').pop(),
      // API reference "OrchestrationAIAgentConfiguration": the type of the agents that call tools under a security profile.
      type: 'ORCHESTRATION',
      aiAgentArn: m.AIAgentArn,
      visibilityStatus: 'PUBLISHED',
      origin: 'CUSTOMER',
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}
