// The headless command names, on their own so the entry point can tell a command from a TUI flag
// without loading the commands themselves (start-up stays cheap).
export const COMMAND_NAMES = ['regions', 'instances', 'list', 'get', 'create', 'update', 'delete', 'requests', 'users', 'cache', 'iam-policy', 'completion', 'lint', 'explain-user', 'explain-agent', 'access-review', 'history', 'versions', 'revert', 'export', 'plan', 'apply', 'fleet', 'drift', 'promote', 'move-holders', 'assign', 'rename'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
