import { useInput } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileTable, type RowDetail } from '../../src/components/profile-table.js';
import { profileColumns } from '../../src/components/profile-columns.js';
import { ThemeProvider } from '../../src/components/theme.js';
import type { ProfileSummary, SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { cleanupTui, renderTui } from '../helpers/render-tui.js';

afterEach(cleanupTui);

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/i-1';
const rows: ProfileSummary[] = Array.from({ length: 50 }, (_, i) => ({
  arn: `${INSTANCE}/security-profile/p${i}`,
  name: i === 1 ? 'Evil\u001B]52;c;aGVsbG8=\u0007 \u001B[2Jname' : `Profile ${i}`,
  lastModifiedTime: 1_700_000_000 + i,
}));
const profile = (name: string, permissions: string[]): SecurityProfile => ({
  InstanceArn: INSTANCE,
  SecurityProfileName: name,
  Description: 'A very long description that will certainly not fit into the column it is given',
  Permissions: permissions,
  Tags: [{ Key: 'team', Value: 'a' }],
});
const detailOf = (arn: string): RowDetail => {
  if (arn.endsWith('/p0')) return { status: 'loaded', profile: profile('Profile 0', ['A', 'B', 'C']) };
  if (arn.endsWith('/p1')) return { status: 'loading' };
  if (arn.endsWith('/p2')) return { status: 'error', error: { kind: 'access-denied', message: 'no' } };
  return undefined;
};

function renderTable(props: Partial<Parameters<typeof ProfileTable>[0]> = {}, columns = 80) {
  return renderTui(
    <ThemeProvider isColor={false}>
      <ProfileTable rows={rows} cursor={0} top={0} height={5} width={columns} marked={[]} detailOf={detailOf} detailsVersion={0} {...props} />
    </ThemeProvider>,
    { columns },
  );
}

describe('ProfileTable', () => {
  it('renders only the window, with cursor, marks, counts and loading markers', async () => {
    const tui = renderTable({ cursor: 1, marked: [rows[2]!.arn], usersOf: (arn) => (arn === rows[0]!.arn ? 37 : undefined) });
    const frame = await tui.waitForFrame('Profile 0');
    const lines = frame.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^\s+Name\s+Description\s+Perms Users Tags Modified \(UTC\)/);
    expect(lines[1]).toMatch(/^ {3}Profile 0\s+A very long desc.*…\s+3\s+37\s+1 2023-11-14 22:13$/);
    // Control sequences from the server are gone; the row is loading (…).
    expect(lines[2]).toMatch(/^› {2}Evil\uFFFD \uFFFDname\s+…\s+…\s+·\s+… 2023-11-14/);
    expect(frame).not.toContain('\u001B');
    expect(lines[3]).toMatch(/^ ✓ Profile 2\s+✗ details failed\s+✗\s+·\s+✗/);
    expect(lines[4]).toMatch(/^ {3}Profile 3\s+·\s+·\s+·\s+·/);
    expect(frame).not.toContain('Profile 5');
    for (const line of lines) expect(line.length).toBeLessThan(80);
  });

  it('scrolls with top and drops columns when narrow', async () => {
    const tui = renderTable({ top: 45, cursor: 49 }, 40);
    const frame = await tui.waitForFrame('Profile 49');
    expect(frame).not.toContain('Profile 44');
    expect(frame).not.toContain('Description');
    expect(frame).not.toContain('Modified');
    expect(frame).toMatch(/›\s+Profile 49/);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThan(40);
  });
});

// Rows are keyed by their place in the window: paging must replace every row's text, cursor and mark.
function PagingTable() {
  const [top, setTop] = useState(0);
  useInput((input) => {
    if (input === 'n') setTop((t) => t + 5);
  });
  return (
    <ThemeProvider isColor={false}>
      <ProfileTable rows={rows} cursor={top + 1} top={top} height={5} width={80} marked={[rows[7]!.arn]} detailOf={detailOf} detailsVersion={0} />
    </ThemeProvider>
  );
}

describe('ProfileTable paging', () => {
  it('shows the next window whole, with cursor and marks on the right rows', async () => {
    const tui = renderTui(<PagingTable />, { columns: 80 });
    await tui.waitForFrame('Profile 4');
    await tui.press('n');
    const frame = await tui.waitForFrame('Profile 9');
    const lines = frame.split('\n');
    expect(lines.slice(1).map((l) => /Profile \d+/.exec(l)?.[0])).toEqual(['Profile 5', 'Profile 6', 'Profile 7', 'Profile 8', 'Profile 9']);
    expect(lines[1]).toMatch(/^ {3}Profile 5\s+·\s+·\s+·/);
    expect(lines[2]).toMatch(/^› {2}Profile 6/);
    expect(lines[3]).toMatch(/^ ✓ Profile 7/);
    expect(frame).not.toMatch(/Profile [0-4]\b/);
  });
});

describe('profileColumns', () => {
  it.each([120, 100, 80, 60, 50, 40, 30])('fits %i columns', (width) => {
    const c = profileColumns(width);
    const used = c.prefix + c.name + (c.description ? c.description + 1 : 0) + 1 + c.permissions + (c.tags ? c.tags + 1 : 0) + (c.modified ? c.modified + 1 : 0);
    expect(used).toBeLessThanOrEqual(Math.max(width, 24));
    expect(c.name).toBeGreaterThanOrEqual(8);
  });
});
