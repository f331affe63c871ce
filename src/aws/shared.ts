// What every SDK client of the process shares: one pair of keep-alive agents, and the settings each
// client would otherwise read from the environment and the config files for itself.
import { NODE_APP_ID_CONFIG_OPTIONS } from '@aws-sdk/core/client';
import { NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from '@aws-sdk/core/httpAuthSchemes';
import { NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loadConfig, resolveDefaultsModeConfig } from '@smithy/core/config';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * One pair of keep-alive agents for every client of the process. A fleet's clients (one per region and
 * service for Cloud Control and Connect, aws/pooled.ts; per account for the others) all call the same
 * few hosts (AWS's regional endpoints, or the local one): shared, their connections (and TLS
 * handshakes) serve every account, instead of each client opening its own. Idle sockets are unref'd by
 * Node and closed after a minute, so they hold no process open.
 */
let agents: { httpAgent: HttpAgent; httpsAgent: HttpsAgent } | undefined;
export function sharedAgents(): { httpAgent: HttpAgent; httpsAgent: HttpsAgent } {
  // 128 a host: a fleet scan's 32 accounts × 3 regions may all call one region's endpoint at once.
  const options = { keepAlive: true, maxSockets: 128, timeout: 60_000 };
  return (agents ??= { httpAgent: new HttpAgent(options), httpsAgent: new HttpsAgent(options) });
}

/**
 * The SDK's handler over the shared agents. A client's destroy() would destroy its handler's agents:
 * here that would cut every other client's connections, so it leaves them (a client's requests in
 * flight are ended by their abort signals, as a Spex's close does).
 */
export class SharedAgentHandler extends NodeHttpHandler {
  override destroy(): void {}
}

/**
 * What every SDK client would read from the environment and the config files for itself on its first
 * request (each setting missing from the environment throws, then the files are searched): read once
 * for the process with the SDK's own loaders, and shared. A 200-account scan's 2,000 clients (before
 * they were pooled) spent about 0.7 s of CPU on it.
 */
let environment: ReturnType<typeof readEnvironment> | undefined;
function readEnvironment() {
  // loadConfig: the environment, then the config files, then the default; read on first use and kept.
  return {
    defaultsMode: resolveDefaultsModeConfig(),
    userAgentAppId: loadConfig(NODE_APP_ID_CONFIG_OPTIONS),
    useFipsEndpoint: loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS),
    useDualstackEndpoint: loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS),
    authSchemePreference: loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS),
  };
}
export const fromEnvironment = (): ReturnType<typeof readEnvironment> => (environment ??= readEnvironment());
