// The text of `spex --help`. Keep it true: every command and flag here exists.
export const USAGE = 'usage: spex [--demo | --endpoint-url URL] [--region R] [--instance I] [options]\n       spex <command> [options]   (spex --help for the list)\n';

/** `spex <command> --help`: the command's lines of the help, its own flags, and the common options. */
export function commandHelp(name: string, ownFlags: readonly string[]): string | undefined {
  const lines = HELP.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
  if (start < 0) return undefined;
  const own = [lines[start]!];
  for (let i = start + 1; i < lines.length && /^ {33}\S/.test(lines[i]!); i += 1) own.push(lines[i]!);
  const options = lines.slice(lines.findIndex((l) => l === 'Options:'));
  const flags = ownFlags.length > 0 ? `\nIts flags: ${ownFlags.map((f) => `--${f}`).join(' ')}\n` : '';
  return `usage: spex ${name} [options]\n\n${own.join('\n')}\n${flags}\n${options.join('\n')}`;
}

export const HELP = `spex — Security Profile EXplorer for Amazon Connect

Browse, inspect, edit and delete Amazon Connect security profiles by keyboard,
through the AWS Cloud Control API (AWS::Connect::SecurityProfile).

Usage:
  spex [options]                 open the terminal UI (region → instance → profiles)
  spex --demo                    the terminal UI on built-in demo data (no AWS account needed;
                                 it resets each start, --demo-state FILE keeps it): two accounts,
                                 shown as a fleet
  spex --profile a,b | --all-profiles | --fleet NAME
                                 the terminal UI over several accounts: the fleet screen first
                                 (every account × region × instance), D drift, P promote
  spex <command> [options]       run one headless command, for scripts

Commands:
  regions                        regions where Amazon Connect is offered
  instances                      Connect instances in the region
  list --instance I              security profiles of an instance (I: ARN, id or alias); names a list
                                 leaves out are read one profile at a time, with progress on stderr;
                                 [--grants P]... only those granting every P (API name or console words)
  get <profile>                  one profile in full (<profile>: its ARN, or its id or name with
                                 --instance; the same for update, delete and users)
  create --instance I --name N   create a profile [--description D] [--permission P]... [--tag k=v]...
                                 [--from-file profile.json|yaml]
  update <profile>               change a profile [--add-permission P]... [--remove-permission P]...
                                 [--description D] [--tag k=v]... [--untag k]... [--from-file F] [--dry-run];
                                 with nothing to change it says so and sends nothing; a change that
                                 creates a high finding is said and asked about (--yes: saved anyway)
                                 P: an API name (Users.Edit), a prefix or the console's words ("edit
                                 users") naming one permission; granting Edit, Create … also grants
                                 the View, as the console does (--no-implied: not); a name spex does
                                 not know is refused with "did you mean" (--allow-unknown: sent as typed)
  delete <profile> [--yes]       delete a profile (asks for its name unless --yes); a profile that
                                 users hold is refused first, naming them
  users <profile>                who holds a profile (ARN, or id or name with --instance): their
                                 hierarchy group and other profiles (Connect SearchUsers, else
                                 AWS::Connect::User through Cloud Control)
  requests [--cancel TOKEN]      recent Cloud Control requests for this type; cancel one in flight
                                 (followed to its end: a change already under way may still apply)
  lint --instance I              least-privilege checks of every profile [--fail-on high|medium|low]
                                 (exit 1 at a finding at or above it, default high; --output sarif
                                 for code scanning). Rules: escalation (high: a non-Admin profile
                                 grants Users.Edit/Create/EditPermission or SecurityProfiles.Edit/
                                 Create, so its holders can grant themselves Admin); multi-tag-
                                 restricted (high: a user holds a tag-restricted profile beside
                                 another, lifting the restriction); view-missing, tag-restriction-
                                 leak, quota (medium: above 80% of the Service Quotas quota,
                                 else of the default 100, said so);
                                 restricted-without-view, empty, duplicate, unknown-permission,
                                 not-cloud-control-safe (low)
  explain-user <login|id>        what a user can really do (--instance I): every permission, which of
                                 their profiles grants it, the tag and hierarchy restrictions that
                                 still apply once their profiles combine, and the Views the console
                                 grants implicitly (marked ~)
  export --instance I            the instance's profiles as code: one YAML document (--format json;
                                 --format cloudformation, cloudformation-json, terraform-awscc or
                                 terraform-aws: a template or HCL with import blocks, exit 3 on what the target
                                 cannot express unless --allow-loss),
                                 permissions grouped and commented with the console's words, the
                                 hierarchy group by its path of names [--name N]... [--file F]
  plan -f FILE --instance I      what applying FILE would change, in console words and the exact
                                 requests; exit 0 nothing to do, 2 changes, 1 error (a broken
                                 file too) [--prune] [--save plan.json] [--output json]
                                 [--max-file-size MB: files over it, default 10, are refused unread]
  apply -f FILE --instance I     apply what plan shows (or apply plan.json), after a yes (--yes):
                                 guarded updates refuse a profile changed since the plan; the same
                                 step sends the same client token, so a rerun applies nothing twice;
                                 exit 0 only if the instance then matches the file; a permission
                                 name the catalogue does not know is refused where it would be sent,
                                 with "did you mean" (plan and apply: --allow-unknown sends it)
  fleet                          every account × region × instance of the fleet (--profile a,b,
                                 --all-profiles, --fleet NAME; else the one account): account id,
                                 profile, region, ARN, alias, status, profile count; a failing
                                 account or region has its own row (exit 1) [--region a,b]
  drift                          the fleet's profiles (by name) × its instances against a baseline
                                 [--baseline PROFILE:INSTANCE] [--profile-name N]...: = same, ≠N
                                 differs in N permissions or fields, – missing, + only there; a
                                 hierarchy group with the same path counts the same; exit 0 none,
                                 2 drift, 1 error; --output json lists every change
  promote --from P:I --to P:I[,P:I…] --profile-name N [--profile-name N…]
                                 carry profiles to other instances (any account or region): a plan
                                 per target with the id mapping (hierarchy groups by path); a group
                                 the target lacks blocks it until --map "PATH=TARGET-PATH" (or
                                 "PATH=", --skip-unmapped: left out); --dry-run (exit 2 on changes);
                                 applied after a yes (--yes), journalled: a stopped run resumes with
                                 the same client tokens; exit 0 when every target then matches
  cache clear                    empty the detail cache (kept per account, region and instance, and
                                 used only when Connect says a profile has not changed since)
  iam-policy [--read-only]       the least-privilege IAM policy spex needs
  completion bash|zsh|fish       print a shell completion script (commands, flags, --region and
                                 --output values); the README says where to put it
  emulator                       run the local Cloud Control endpoint (spex emulator --help)

Options:
  --region R                     AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
  --profile P                    AWS named profile (else AWS_PROFILE); a,b,c: several accounts
                                 (fleet, drift, promote and the TUI), each with its own credentials,
                                 region and endpoint_url from the AWS config files
  --all-profiles                 every profile of the AWS config and credentials files
  --fleet NAME                   a saved set of profiles: "fleets": {"NAME": ["dev", "prod"]} in
                                 config.json
  --confirm-production           write to an instance config.json marks production
                                 ("production": ["prod"] or ["prod:alias"]); without it such a
                                 write is refused (the TUI asks for a second y instead)
  --endpoint-url URL             Cloud Control endpoint (else AWS_ENDPOINT_URL_CLOUDCONTROL, AWS_ENDPOINT_URL)
  --demo                         start an in-process emulator with demo data and use it (the data
                                 resets each start; --demo-state FILE keeps it between runs)
  --instance I                   instance ARN, id or alias (the TUI opens its profiles directly)
  --output table|json|yaml|csv   output format of headless commands (table on a terminal, else json);
                                 csv (list, instances, regions, users, requests, fleet, drift, lint)
                                 is the table for spreadsheets, formulas neutralised
  --read-only                    refuse every create, update and delete (also: {"readOnly": true}
                                 in ~/.config/spex/config.json)
  --concurrency N                profile details fetched at once (default 2)
  --cloudcontrol-only            no Amazon Connect API call (also {"cloudControlOnly": true} in
                                 config.json): names then load one profile at a time, holders come
                                 one user at a time, console-made profiles are read-only
                                 (the Connect endpoint: AWS_ENDPOINT_URL_CONNECT, else --endpoint-url)
  --rate-share F                 use at most this share (0 < F ≤ 1) of AWS's rate budgets, leaving the
                                 rest to others in the account (default 1; also "rateShare" in
                                 config.json). spex paces every call to AWS's default rates; against
                                 an endpoint on this machine only when this is given
  --no-cache                     read every detail from AWS and keep nothing (cache: SPEX_CACHE_DIR,
                                 else $XDG_CACHE_HOME/spex or ~/.cache/spex)
  --debug                        log requests to stderr (credentials redacted)
  -h, --help                     this help
  -V, --version                  the version

Exit status: 0 success, 1 failure, 2 usage error (plan, drift and promote --dry-run: 2 also
means changes).
`;
