// The user's settings file, `config.json` in the config directory (next to last-used.json):
// `{ "readOnly": true }` makes every run browse-only, as `--read-only` does; `{ "cloudControlOnly":
// true }` keeps spex off the Connect API, as `--cloudcontrol-only` does. A
// missing file means the defaults; an unreadable or malformed one is reported, never ignored silently,
// because a setting meant to protect (read-only) must not quietly fall away.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configDir } from './last-used.js';

export interface Settings {
  readOnly: boolean;
  cloudControlOnly: boolean;
  /** The share of AWS's rate budgets spex may use (0 < F ≤ 1), as `--rate-share`. */
  rateShare?: number;
  /**
   * Saved fleets, then `--fleet NAME`: a list of AWS profiles (`"acme": ["dev", "prod"]`), an
   * organisation (`"acme-org": {"org": {"role": "SpexAudit", "units": ["Retail"]}}`) or an Identity
   * Center session (`"acme-sso": {"sso": {"name": "acme", "role": "ConnectReadOnly"}}`).
   */
  fleets?: Record<string, SavedFleet>;
  /**
   * Production accounts: a profile name marks its whole account, `profile:alias` one instance. They
   * are shown with a loud marker, and every write asks once more.
   */
  production?: string[];
}

export interface SavedOrg {
  /** The AWS profile of the management (or delegated administrator) account. */
  profile?: string;
  role?: string;
  externalId?: string;
  units?: string[];
  accounts?: string[];
  regions?: string[];
}

export interface SavedSso {
  /** The sso-session (or SSO profile) of the AWS config. */
  name: string;
  role?: string;
  accounts?: string[];
  regions?: string[];
}

export type SavedFleet = string[] | { org: SavedOrg } | { sso: SavedSso };

const isList = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== '');
const isText = (v: unknown): boolean => typeof v === 'string' && v !== '';

/** Whether a saved fleet is one of the three shapes (each key of an org or sso fleet of its type). */
function isSavedFleet(v: unknown): boolean {
  if (isList(v)) return true;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const { org, sso, ...rest } = v as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || (org === undefined) === (sso === undefined)) return false;
  const o = (org ?? sso) as Record<string, unknown>;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return false;
  const texts = org !== undefined ? ['profile', 'role', 'externalId'] : ['name', 'role'];
  const lists = org !== undefined ? ['units', 'accounts', 'regions'] : ['accounts', 'regions'];
  if (sso !== undefined && !isText(o.name)) return false;
  return Object.entries(o).every(([k, x]) => (texts.includes(k) && isText(x)) || (lists.includes(k) && isList(x)));
}

export const DEFAULT_SETTINGS: Settings = { readOnly: false, cloudControlOnly: false };

export function settingsPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'config.json');
}

export class SettingsError extends Error {}

/** Reads the settings; throws SettingsError (with the file and the problem) when the file is malformed. */
export async function readSettings(env: NodeJS.ProcessEnv): Promise<Settings> {
  const path = settingsPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return missingOrUnreadable(path, error);
  }
  return parseSettings(path, text);
}

/** The same, synchronously, for the headless commands. */
export function readSettingsSync(env: NodeJS.ProcessEnv): Settings {
  const path = settingsPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return missingOrUnreadable(path, error);
  }
  return parseSettings(path, text);
}

function missingOrUnreadable(path: string, error: unknown): Settings {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
  throw new SettingsError(`cannot read ${path}: ${(error as Error).message}`);
}

function parseSettings(path: string, text: string): Settings {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SettingsError(`${path} must hold a JSON object, e.g. { "readOnly": true }`);
  const record = value as Record<string, unknown>;
  for (const key of ['readOnly', 'cloudControlOnly'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'boolean') throw new SettingsError(`${path}: "${key}" must be true or false`);
  }
  const share = record.rateShare;
  if (share !== undefined && !(typeof share === 'number' && share > 0 && share <= 1)) throw new SettingsError(`${path}: "rateShare" must be a number above 0 and at most 1`);
  const fleets = record.fleets;
  if (fleets !== undefined) {
    const ok = fleets !== null && typeof fleets === 'object' && !Array.isArray(fleets) && Object.values(fleets).every(isSavedFleet);
    if (!ok) {
      throw new SettingsError(
        `${path}: "fleets" must map each fleet's name to a list of AWS profile names, e.g. { "acme": ["dev", "prod"] }, to {"org": {"profile", "role", "externalId", "units": [], "accounts": [], "regions": []}} or to {"sso": {"name", "role", "accounts": [], "regions": []}}`,
      );
    }
  }
  const production = record.production;
  if (production !== undefined && !(Array.isArray(production) && production.every((x) => typeof x === 'string' && x !== ''))) {
    throw new SettingsError(`${path}: "production" must be a list of AWS profile names (or profile:instance), e.g. ["prod"]`);
  }
  return {
    readOnly: record.readOnly === true,
    cloudControlOnly: record.cloudControlOnly === true,
    ...(typeof share === 'number' ? { rateShare: share } : {}),
    ...(fleets !== undefined ? { fleets: fleets as Record<string, SavedFleet> } : {}),
    ...(production !== undefined ? { production: production as string[] } : {}),
  };
}
