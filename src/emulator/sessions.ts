// Temporary credentials the emulator hands out (STS AssumeRole, the Identity Center portal) carry whose
// session they are in their session token, so GetCallerIdentity can name the assumed role without the
// emulator keeping any state: a restarted emulator still knows an old session's caller.
const PREFIX = 'spexemu.';

export function sessionToken(arn: string): string {
  return `${PREFIX}${Buffer.from(JSON.stringify({ arn })).toString('base64url')}`;
}

/** The assumed role's ARN a session token names, if it is one of the emulator's. */
export function sessionArn(token: string | undefined): string | undefined {
  if (token === undefined || !token.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8')) as { arn?: unknown };
    return typeof value.arn === 'string' && /^arn:aws:sts::\d{12}:assumed-role\//.test(value.arn) ? value.arn : undefined;
  } catch {
    return undefined;
  }
}
