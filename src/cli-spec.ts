// Every flag and command of spex, declared once. The parsers (the TUI's, the headless commands'), the
// help (`spex --help`, `spex <command> --help`), the entry point's reading of which word is the
// command, and shell completion are all made from these tables. Pure data: nothing is loaded.
import { COMMAND_NAMES, type CommandName } from './commands/names.js';
import { ACCOUNT_FLAGS } from './cli-accounts.js';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: true;
  readonly short?: string;
  /** How the help names its value (`--region R`). */
  readonly value?: string;
  /** What it does, one paragraph (wrapped when shown). */
  readonly help: string;
}

export const FLAGS = {
  ...ACCOUNT_FLAGS,
  region: { type: 'string', value: 'R', help: 'AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); a,b: several regions (fleet, drift, promote and the TUI over a fleet)' },
  profile: {
    type: 'string',
    value: 'P',
    help: 'AWS named profile (else AWS_PROFILE); a,b,c: several accounts (fleet, drift, promote and the TUI), each with its own credentials, region and endpoint_url from the AWS config files',
  },
  'confirm-production': { type: 'boolean', help: 'write to an instance config.json marks production ("production": ["prod"] or ["prod:alias"]); without it such a write is refused (the TUI asks for a second y instead)' },
  'endpoint-url': { type: 'string', value: 'URL', help: 'Cloud Control endpoint (else AWS_ENDPOINT_URL_CLOUDCONTROL, AWS_ENDPOINT_URL)' },
  demo: { type: 'boolean', help: 'start an in-process emulator with demo data and use it (the data resets each start; --demo-state FILE keeps it between runs)' },
  'demo-state': { type: 'string', value: 'FILE', help: 'the demo\'s data kept in FILE between runs (implies --demo)' },
  instance: { type: 'string', value: 'I', help: 'instance ARN, id or alias (the TUI opens its profiles directly)' },
  output: {
    type: 'string',
    value: 'table|json|yaml|csv',
    help: 'output format of headless commands (table on a terminal, else json); csv (list, instances, regions, users, requests, fleet, drift, lint) is the table for spreadsheets, formulas neutralised',
  },
  'read-only': { type: 'boolean', help: 'refuse every create, update and delete (also: {"readOnly": true} in ~/.config/spex/config.json)' },
  concurrency: { type: 'string', value: 'N', help: 'profile details fetched at once (default 2)' },
  'cloudcontrol-only': {
    type: 'boolean',
    help: 'no Amazon Connect API call (also {"cloudControlOnly": true} in config.json): names then load one profile at a time, holders come one user at a time, console-made profiles are read-only (the Connect endpoint: AWS_ENDPOINT_URL_CONNECT, else --endpoint-url)',
  },
  'rate-share': {
    type: 'string',
    value: 'F',
    help: 'use at most this share (0 < F ≤ 1) of AWS\'s rate budgets, leaving the rest to others in the account (default 1; also "rateShare" in config.json). spex paces every call to AWS\'s default rates; against an endpoint on this machine only when this is given',
  },
  'no-cache': { type: 'boolean', help: 'read every detail from AWS and keep nothing (cache: SPEX_CACHE_DIR, else $XDG_CACHE_HOME/spex or ~/.cache/spex)' },
  debug: { type: 'boolean', help: 'log requests to stderr (credentials redacted)' },
  // The commands' own flags.
  grants: { type: 'string', multiple: true, value: 'P', help: 'only profiles granting every P (API name or console words)' },
  name: { type: 'string', value: 'N', help: 'the profile\'s name (export: only the profile named N; repeatable)' },
  description: { type: 'string', value: 'D', help: 'the profile\'s description' },
  permission: { type: 'string', multiple: true, value: 'P', help: 'a permission to grant (API name, prefix or console words); repeatable' },
  'add-permission': { type: 'string', multiple: true, value: 'P', help: 'a permission to grant; repeatable' },
  'remove-permission': { type: 'string', multiple: true, value: 'P', help: 'a permission to withdraw; repeatable' },
  'allow-unknown': { type: 'boolean', help: 'send a permission name the catalogue does not know as typed (else refused with "did you mean")' },
  'no-implied': { type: 'boolean', help: 'do not grant the View that Edit, Create … imply (the console grants it)' },
  tag: { type: 'string', multiple: true, value: 'k=v', help: 'a tag to set; repeatable' },
  untag: { type: 'string', multiple: true, value: 'k', help: 'a tag key to remove; repeatable' },
  'from-file': { type: 'string', value: 'F', help: 'the profile from a JSON or YAML file' },
  'max-file-size': { type: 'string', value: 'MB', help: 'files over it (default 10) are refused unread' },
  'dry-run': { type: 'boolean', help: 'show what would be sent, send nothing' },
  yes: { type: 'boolean', help: 'do not ask before sending' },
  cancel: { type: 'string', value: 'TOKEN', help: 'cancel the request in flight with this token, followed to its end' },
  file: { type: 'string', short: 'f', value: 'FILE', help: 'the export written to FILE (export); the profiles file to plan or apply (plan, apply)' },
  format: { type: 'string', value: 'F', help: 'export: yaml (default), json, cloudformation, cloudformation-json, terraform-awscc or terraform-aws; access-review: csv, xlsx, json, html, comma-separated (default all four)' },
  days: { type: 'string', value: 'N', help: 'history: how many days back (1–90; CloudTrail keeps 90)' },
  out: { type: 'string', value: 'DIR', help: 'the new folder the access review is written to (default access-review-ALIAS-TIME)' },
  diff: { type: 'boolean', help: 'access-review: compare two reviews (OLD NEW: folders or their access-review.json): who gained or lost what' },
  'allow-loss': { type: 'boolean', help: 'write an export that cannot express every field (else exit 3, naming what is lost)' },
  prune: { type: 'boolean', help: 'delete the instance\'s profiles the file does not name' },
  save: { type: 'string', value: 'FILE', help: 'keep the plan as JSON, to apply exactly it later' },
  baseline: { type: 'string', value: 'PROFILE:INSTANCE', help: 'the instance the others are compared with (default: the first)' },
  'profile-name': { type: 'string', multiple: true, value: 'N', help: 'only the profile named N; repeatable' },
  from: { type: 'string', value: 'P:I | PROFILE', help: 'promote: the instance profiles are carried from (AWS profile:instance); move-holders: the security profile its users leave' },
  to: { type: 'string', value: 'P:I[,P:I…] | PROFILE', help: 'promote: the instances they are carried to; move-holders: the security profile its users are given; rename: the new name; revert: the version\'s time' },
  'to-filter': { type: 'string', value: 'WORDS', help: 'promote: to every ACTIVE instance of the fleet whose account, OU, region or alias holds every word (e.g. --org --to-filter Retail)' },
  all: { type: 'boolean', help: 'update: every profile of the instance (with --grants P: every one granting P)' },
  delete: { type: 'boolean', help: 'move-holders: then delete the profile, last, and only if every holder was moved' },
  user: { type: 'string', multiple: true, value: 'LOGIN', help: 'only this user (their login); repeatable' },
  'ai-agent': { type: 'string', multiple: true, value: 'NAME', help: 'an AI agent (Amazon Q in Connect: its name or ARN); repeatable' },
  add: { type: 'string', multiple: true, value: 'PROFILE', help: 'a security profile to give (ARN, id or name); repeatable' },
  remove: { type: 'string', multiple: true, value: 'PROFILE', help: 'a security profile to take away (ARN, id or name); repeatable' },
  'skip-unmapped': { type: 'boolean', help: 'leave out a profile whose hierarchy group the target lacks' },
  map: { type: 'string', multiple: true, value: 'PATH=TARGET-PATH', help: 'the target\'s hierarchy group for a path it lacks ("PATH=": none); repeatable' },
  'fail-on': { type: 'string', value: 'high|medium|low', help: 'exit 1 at a finding at or above it (default high)' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

/** The flags every headless command takes. */
export const COMMON_FLAGS = [
  'region', 'profile', 'endpoint-url', 'demo', 'demo-state', 'read-only', 'cloudcontrol-only', 'debug', 'output', 'concurrency', 'rate-share', 'no-cache', 'instance', 'confirm-production', 'mfa-code',
] as const satisfies readonly FlagName[];

/** The terminal UI's flags (`spex [options]`). */
export const TUI_FLAGS = [
  'demo', 'demo-state', 'region', 'instance', 'endpoint-url', 'profile', 'read-only', 'cloudcontrol-only', 'concurrency', 'rate-share', 'no-cache', 'debug', 'mfa-code',
  'all-profiles', 'fleet', 'org', 'org-role', 'external-id', 'org-unit', 'org-account', 'sso', 'sso-role',
] as const satisfies readonly FlagName[];

/** The accounts a fleet command looks at (with `--profile a,b,c` and `--region a,b`). */
const FLEET_FLAGS = ['all-profiles', 'fleet', 'org', 'org-role', 'external-id', 'org-unit', 'org-account', 'sso', 'sso-role'] as const satisfies readonly FlagName[];

export interface CommandSpec {
  /** What follows `spex` in the help's left column (`list --instance I`). */
  readonly synopsis: string;
  readonly help: string;
  /** Its own flags (the common ones come with every command). */
  readonly flags: readonly FlagName[];
  /** Its flags that it, unlike other commands, takes more than once (export's --name). */
  readonly repeatable?: readonly FlagName[];
  readonly positionals: number;
  /** `--output` formats beyond table, json and yaml. */
  readonly formats?: readonly string[];
  /**
   * Its exit 2 means something found (plan: changes, drift: drift, promote --dry-run: changes), as
   * `terraform plan -detailed-exitcode` has it: every error, a usage error too, exits 1, so a CI job
   * never reads a mistake as a finding.
   */
  readonly exitTwoIsAFinding?: true;
}

export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  regions: { synopsis: 'regions', help: 'regions where Amazon Connect is offered', flags: [], positionals: 0, formats: ['csv'] },
  instances: { synopsis: 'instances', help: 'Connect instances in the region', flags: [], positionals: 0, formats: ['csv'] },
  list: {
    synopsis: 'list --instance I',
    help: 'security profiles of an instance (I: ARN, id or alias); names a list leaves out are read one profile at a time, with progress on stderr; [--grants P]... only those granting every P (API name or console words)',
    flags: ['grants'],
    positionals: 0,
    formats: ['csv'],
  },
  get: { synopsis: 'get <profile>', help: 'one profile in full (<profile>: its ARN, or its id or name with --instance; the same for update, delete and users)', flags: [], positionals: 1 },
  create: {
    synopsis: 'create --instance I --name N',
    help: 'create a profile [--description D] [--permission P]... [--tag k=v]... [--from-file profile.json|yaml]',
    flags: ['name', 'description', 'permission', 'allow-unknown', 'no-implied', 'tag', 'from-file', 'max-file-size'],
    positionals: 0,
  },
  update: {
    synopsis: 'update <profile>',
    help:
      'change a profile [--add-permission P]... [--remove-permission P]... [--description D] [--tag k=v]... [--untag k]... [--from-file F] [--dry-run]; with nothing to change it says so and sends nothing; a change that creates a high finding is said and asked about (--yes: saved anyway). ' +
      'P: an API name (Users.Edit), a prefix or the console\'s words ("edit users") naming one permission; granting Edit, Create … also grants the View, as the console does (--no-implied: not); a name spex does not know is refused with "did you mean" (--allow-unknown: sent as typed). Several at once: --profile-name N… , --grants P or --all (with --instance) instead of <profile>: one review of every profile\'s change and its reach in users, then one resumable batch',
    flags: ['add-permission', 'remove-permission', 'allow-unknown', 'no-implied', 'description', 'tag', 'untag', 'from-file', 'max-file-size', 'dry-run', 'yes', 'profile-name', 'grants', 'all'],
    positionals: 1,
  },
  delete: { synopsis: 'delete <profile> [--yes]', help: 'delete a profile (asks for its name unless --yes); a profile that users hold is refused first, naming them', flags: ['yes'], positionals: 1 },
  requests: {
    synopsis: 'requests [--cancel TOKEN]',
    help: 'recent Cloud Control requests for this type; cancel one in flight (followed to its end: a change already under way may still apply)',
    flags: ['cancel'],
    positionals: 0,
    formats: ['csv'],
  },
  users: {
    synopsis: 'users <profile>',
    help: 'who holds a profile (ARN, or id or name with --instance): their hierarchy group and other profiles (Connect SearchUsers, else AWS::Connect::User through Cloud Control)',
    flags: [],
    positionals: 1,
    formats: ['csv'],
  },
  cache: { synopsis: 'cache clear', help: 'empty the detail cache (kept per account, region and instance, and used only when Connect says a profile has not changed since)', flags: [], positionals: 1 },
  'iam-policy': { synopsis: 'iam-policy [--read-only] [--org [--org-role R] [--external-id ID]]', help: 'the least-privilege IAM policy spex needs; --org: the management account\'s policy, and the member role\'s trust policy and permissions', flags: ['org', 'org-role', 'external-id'], positionals: 0 },
  completion: { synopsis: 'completion bash|zsh|fish', help: 'print a shell completion script (commands, flags, --region and --output values); the README says where to put it', flags: [], positionals: 1 },
  lint: {
    synopsis: 'lint --instance I',
    help:
      'least-privilege checks of every profile [--fail-on high|medium|low] (exit 1 at a finding at or above it, default high; --output sarif for code scanning). Rules: escalation (high: a non-Admin profile grants Users.Edit/Create/EditPermission or SecurityProfiles.Edit/Create, so its holders can grant themselves Admin); ' +
      'multi-tag-restricted (high: a user holds a tag-restricted profile beside another, lifting the restriction); agent-escalation (high: an AI agent holds escalation permissions); view-missing, tag-restriction-leak, quota (medium: above 80% of the Service Quotas quota, else of the default 100, said so), agent-every-tool (medium: an AI agent may call every tool of an MCP server); restricted-without-view, empty, duplicate, unknown-permission, not-cloud-control-safe, agent-allowance-unused (low: allows AI agents nobody holding it reaches, or that are gone)',
    flags: ['fail-on'],
    positionals: 0,
    formats: ['sarif', 'csv'],
  },
  'explain-user': {
    synopsis: 'explain-user <login|id>',
    help: 'what a user (or an AI agent, by name) can really do (--instance I): every permission, which of their profiles grants it, the tag and hierarchy restrictions that still apply once their profiles combine, and the Views the console grants implicitly (marked ~)',
    flags: [],
    positionals: 1,
  },
  revert: {
    synopsis: 'revert <profile> [--to TIME]',
    help: 'a profile back to a version spex has read before (kept by its last-modified time in the cache; --instance I): without --to, the versions known and what going back to each would change; with --to, the update in console words and whom it reaches, one question (--yes), then a guarded update, read again. [--dry-run] (exit 2 on changes)',
    flags: ['to', 'dry-run', 'yes'],
    positionals: 1,
    exitTwoIsAFinding: true,
  },
  versions: {
    synopsis: 'versions <profile> [TIME [TIME2]]',
    help: 'the versions of a profile spex keeps (each version it has read, by its last-modified time; --instance I) and what going back to each would change; with TIME, that version side by side with the profile now (or with the version of TIME2), differences only, in console words',
    flags: [], positionals: 3,
  },
  history: {
    synopsis: 'history <profile>',
    help: "a profile's changes from CloudTrail, newest first (--instance I; [--days N], default 90): when, who (the IAM principal), through what (Cloud Control, the Connect API, the console, spex) and what changed, in the console's words where the event carries it (each change against the profile as the trail last showed it); which user gained, kept or lost it; the admin website's edits by the Connect user's login (DescribeUser; an id that is no user: emergency access or a deleted user); the changes whose version spex keeps marked. Needs cloudtrail:LookupEvents",
    flags: ['days'],
    positionals: 1,
  },
  'access-review': {
    synopsis: 'access-review --instance I[,I…] | --all-instances',
    help:
      'the access review auditors ask for (of an instance; of several with --instance a,b, or of every ACTIVE instance of the fleet with --all-instances: one review whose rows say their instance), written to a new folder (--out DIR) as CSV (a file per table), XLSX (a sheet per table, headers frozen and filtered), JSON and one self-contained HTML page (a heat map of profiles × permission groups, holders per profile as bars, findings highlighted, tables sortable and filterable) [--format csv,xlsx,json,html]: every user and AI agent × their profiles × their effective permissions in console words (implied Views, restrictions as they combine), every profile × permission, holders per profile and the lint findings, stamped with when, by whom (STS GetCallerIdentity), which instance and spex version; manifest.json holds each file\'s SHA-256. --diff OLD NEW: who gained or lost what between two reviews (exit 2 when anything changed)',
    flags: ['format', 'out', 'diff', 'all-instances', ...FLEET_FLAGS], positionals: 2,
    exitTwoIsAFinding: true,
  },
  'explain-agent': {
    synopsis: 'explain-agent <name|arn>',
    help: 'what an AI agent (Amazon Q in Connect) can really do (--instance I): its profiles, every permission and which profile grants it, the restrictions as they combine, and the MCP tools and flow modules it may use',
    flags: [],
    positionals: 1,
  },
  export: {
    synopsis: 'export --instance I',
    help:
      'the instance\'s profiles as code: one YAML document (--format json; --format cloudformation, cloudformation-json, terraform-awscc or terraform-aws: a template or HCL with import blocks, exit 3 on what the target cannot express unless --allow-loss), permissions grouped and commented with the console\'s words, the hierarchy group by its path of names [--name N]... [--file F]',
    flags: ['file', 'name', 'format', 'allow-loss'],
    repeatable: ['name'],
    positionals: 0,
  },
  plan: {
    synopsis: 'plan -f FILE --instance I',
    help: 'what applying FILE would change, in console words and the exact requests; exit 0 nothing to do, 2 changes, 1 error (a broken file too) [--prune] [--save plan.json] [--output json] [--max-file-size MB: files over it, default 10, are refused unread]',
    flags: ['file', 'prune', 'save', 'max-file-size', 'allow-unknown'],
    positionals: 0,
    exitTwoIsAFinding: true,
  },
  apply: {
    synopsis: 'apply -f FILE --instance I',
    help: 'apply what plan shows (or apply plan.json), after a yes (--yes): guarded updates refuse a profile changed since the plan; the same step sends the same client token, so a rerun applies nothing twice; exit 0 only if the instance then matches the file; a permission name the catalogue does not know is refused where it would be sent, with "did you mean" (plan and apply: --allow-unknown sends it)',
    flags: ['file', 'prune', 'yes', 'max-file-size', 'allow-unknown'],
    positionals: 1,
  },
  fleet: {
    synopsis: 'fleet',
    help: 'every account × region × instance of the fleet (--profile a,b, --all-profiles, --fleet NAME; else the one account): account id, profile, region, ARN, alias, status, profile count; a failing account or region has its own row (exit 1) [--region a,b]',
    flags: FLEET_FLAGS,
    positionals: 0,
    formats: ['csv'],
  },
  drift: {
    synopsis: 'drift',
    help: 'the fleet\'s profiles (by name) × its instances against a baseline [--baseline PROFILE:INSTANCE] [--profile-name N]...: = same, ≠N differs in N permissions or fields, – missing, + only there; a hierarchy group with the same path counts the same; exit 0 none, 2 drift, 1 error; --output json lists every change',
    flags: [...FLEET_FLAGS, 'baseline', 'profile-name'],
    positionals: 0,
    formats: ['csv'],
    exitTwoIsAFinding: true,
  },
  promote: {
    synopsis: 'promote --from P:I (--to P:I[,P:I…] | --to-filter WORDS) --profile-name N [--profile-name N…]',
    help: 'carry profiles to other instances (any account or region): a plan per target with the id mapping (hierarchy groups by path); a group the target lacks blocks it until --map "PATH=TARGET-PATH" (or "PATH=", --skip-unmapped: left out); --dry-run (exit 2 on changes); applied after a yes (--yes), journalled: a stopped run resumes with the same client tokens; exit 0 when every target then matches',
    flags: [...FLEET_FLAGS, 'from', 'to', 'to-filter', 'profile-name', 'dry-run', 'yes', 'skip-unmapped', 'map'],
    positionals: 0,
    exitTwoIsAFinding: true,
  },
  'move-holders': {
    synopsis: 'move-holders --from A --to B',
    help: 'move the users and AI agents who hold profile A to profile B (--instance I; [--user LOGIN]... only those; an AI agent through Associate/DisassociateSecurityProfiles): one review first (per group of users what they lose and gain in console words; a user left with more than 10 profiles is blocked and skipped), then one guarded write per user at AWS\'s pace (a user changed by someone else meanwhile is refused, never overwritten), journalled: the same command again resumes; --delete then deletes A, last, and only if every holder moved; [--dry-run] (exit 2 on changes), --yes; exit 0 only if every change is in effect when read again',
    flags: ['from', 'to', 'user', 'delete', 'dry-run', 'yes'],
    positionals: 0,
    exitTwoIsAFinding: true,
  },
  rename: {
    synopsis: 'rename <profile> --to NEW',
    help: 'rename a profile (--instance I): Connect has no rename, so one batch creates a copy under the new name (every field), moves every holder to it (guarded writes at AWS\'s pace) and deletes the old one last, only if every holder moved; one review first, resumable; [--dry-run] (exit 2 on changes), --yes',
    flags: ['to', 'dry-run', 'yes'],
    positionals: 1,
    exitTwoIsAFinding: true,
  },
  assign: {
    synopsis: 'assign --user LOGIN --add P',
    help: 'give users (--user) or AI agents (--ai-agent NAME) profiles and take others away (--instance I; [--add P]... [--remove Q]...), on the same batch as move-holders: one review, guarded writes, resumable; a user left with none or more than 10 is blocked and skipped (an AI agent may hold none); [--dry-run] (exit 2 on changes), --yes',
    flags: ['user', 'ai-agent', 'add', 'remove', 'dry-run', 'yes'],
    positionals: 0,
    exitTwoIsAFinding: true,
  },
};

/** Commands typed after `spex` that are not headless commands of the table (they have their own help). */
export const OTHER_COMMANDS: readonly { synopsis: string; help: string }[] = [{ synopsis: 'emulator', help: 'run the local Cloud Control endpoint (spex emulator --help)' }];

type ParseOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** The options of node:util's parseArgs for these flags. */
export function parseOptions(names: readonly FlagName[], repeatable: readonly FlagName[] = []): ParseOptions {
  const options: ParseOptions = {};
  for (const name of names) {
    const spec: FlagSpec = FLAGS[name];
    options[name] = { type: spec.type, ...(spec.multiple || repeatable.includes(name) ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  return options;
}

/** Every flag that takes its value as the next word (`--region R`, `-f FILE`): that word is never the command. */
export const VALUE_FLAGS: ReadonlySet<string> = new Set(
  (Object.entries(FLAGS) as [string, FlagSpec][]).filter(([, spec]) => spec.type === 'string').flatMap(([name, spec]) => [`--${name}`, ...(spec.short ? [`-${spec.short}`] : [])]),
);

export { COMMAND_NAMES };
