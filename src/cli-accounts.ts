// The flags that say which accounts spex looks at, and with what credentials: a fleet of AWS profiles,
// an organisation (--org), the accounts of an IAM Identity Center session (--sso), and an MFA code. Part
// of cli-spec.ts's FLAGS, which checks their shape (declared here once, to keep that table's file
// short). Pure data.
export const ACCOUNT_FLAGS = {
  'all-profiles': { type: 'boolean', help: 'every profile of the AWS config and credentials files' },
  'all-instances': { type: 'boolean', help: 'access-review: every ACTIVE instance of the fleet (--fleet NAME, --profile a,b, --all-profiles; else the account, in the regions of --region a,b), one review with an Instance column' },
  fleet: { type: 'string', value: 'NAME', help: 'a saved set of profiles: "fleets": {"NAME": ["dev", "prod"]} in config.json' },
  org: { type: 'boolean', help: "the organisation's accounts as the fleet (with the management or a delegated-admin account's credentials): the accounts and their OUs read with AWS Organizations, then a role assumed in each ACTIVE account as the scan reaches it" },
  'org-role': { type: 'string', value: 'NAME', help: '--org: the role assumed in each account (default OrganizationAccountAccessRole)' },
  'external-id': { type: 'string', value: 'ID', help: '--org: the ExternalId the role demands' },
  'org-unit': { type: 'string', value: 'OU[,OU…]', help: '--org: only the accounts in these organisational units (name, path such as Retail/EU, or ou- id), nested units included' },
  'org-account': { type: 'string', value: 'A[,A…]', help: '--org or --sso: only these accounts (12-digit id or name; * matches any run of characters)' },
  sso: { type: 'string', value: 'NAME', help: "the accounts an IAM Identity Center session may use, as the fleet: NAME is an sso-session (or SSO profile) of the AWS config, logged in with `aws sso login`" },
  'sso-role': { type: 'string', value: 'ROLE', help: "--sso: the role taken in each account (else the profile's sso_role_name, else an account's only role)" },
  'mfa-code': { type: 'string', value: 'CODE', help: 'the MFA code for a profile that assumes a role with mfa_serial (else asked on the terminal; the session is then cached until it ends)' },
} as const;
