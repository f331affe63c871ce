// Two lines on every screen: who and where (account, region, instance), then the breadcrumb of
// where you are, with the sort on the right when a table is on view.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useTone } from './theme.js';
import { sanitizeLine } from '../domain/text/sanitize.js';

export interface HeaderProps {
  readonly account?: string | undefined;
  /** The AWS profile the account was reached through, in a fleet. */
  readonly accountProfile?: string | undefined;
  /** Whose credentials are in use (GetCallerIdentity, short: "user/alice", "assumed-role/Role/session"). */
  readonly principal?: string | undefined;
  /** A production instance (config.json "production"): a loud marker. */
  readonly production?: string | undefined;
  readonly region?: string | undefined;
  readonly regionName?: string | undefined;
  readonly instanceAlias?: string | undefined;
  readonly breadcrumb: readonly string[];
  /** E.g. `sort: name ↑`. */
  readonly sortLabel?: string | undefined;
  readonly isReadOnly?: boolean;
  /** The fleet screens: which accounts are looked at, in place of one account and region. */
  readonly fleet?: string | undefined;
}

function HeaderView({ account, accountProfile, principal, production, region, regionName, instanceAlias, breadcrumb, sortLabel, isReadOnly, fleet }: HeaderProps) {
  const tone = useTone();
  return (
    <Box flexDirection="column">
      <Box>
        <Text wrap="truncate-end">
          <Text {...tone('accent')} bold>
            spex
          </Text>
          {fleet !== undefined ? (
            <>
              <Text {...tone('muted')}> fleet </Text>
              <Text>{fleet}</Text>
            </>
          ) : (
            <>
              <Text {...tone('muted')}> account </Text>
              <Text>{account ?? '—'}</Text>
            </>
          )}
          {accountProfile !== undefined ? <Text {...tone('muted')}> ({accountProfile})</Text> : null}
          {production !== undefined ? (
            <Text {...tone('error')} bold inverse>
              {' ⚠ PRODUCTION '}
            </Text>
          ) : null}
          {isReadOnly === true ? <Text {...tone('warning')}> [read-only]</Text> : null}
          {/* Whose credentials are in use, after the account and its markers. */}
          {principal !== undefined && fleet === undefined ? (
            <>
              <Text {...tone('muted')}> as </Text>
              <Text>{sanitizeLine(principal)}</Text>
            </>
          ) : null}
          {instanceAlias !== undefined ? (
            <>
              <Text {...tone('muted')}> instance </Text>
              <Text>{instanceAlias}</Text>
            </>
          ) : null}
          {fleet !== undefined ? null : (
            <>
              <Text {...tone('muted')}> region </Text>
              {/* Last, so a narrow terminal cuts the region's long name rather than the instance. */}
              <Text>{region === undefined ? '—' : `${region}${regionName !== undefined && regionName !== region ? ` ${regionName}` : ''}`}</Text>
            </>
          )}
        </Text>
      </Box>
      <Box justifyContent="space-between">
        <Box flexShrink={1}>
          <Text wrap="truncate-end" bold>
            {breadcrumb.join(' › ')}
          </Text>
        </Box>
        {sortLabel !== undefined ? (
          <Box flexShrink={0} marginLeft={1}>
            <Text {...tone('muted')}>{sortLabel}</Text>
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}

function sameHeader(a: HeaderProps, b: HeaderProps): boolean {
  return (
    a.account === b.account &&
    a.accountProfile === b.accountProfile &&
    a.production === b.production &&
    a.region === b.region &&
    a.regionName === b.regionName &&
    a.instanceAlias === b.instanceAlias &&
    a.sortLabel === b.sortLabel &&
    a.isReadOnly === b.isReadOnly &&
    a.principal === b.principal &&
    a.fleet === b.fleet &&
    a.breadcrumb.length === b.breadcrumb.length &&
    a.breadcrumb.every((crumb, i) => crumb === b.breadcrumb[i])
  );
}

/** Re-rendered only when what it shows changes (the breadcrumb is a new array on every render). */
export const Header = memo(HeaderView, sameHeader);
