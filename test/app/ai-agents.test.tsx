// AI agents in the TUI, on the emulator's demo (acme-support): the table counts them beside the users,
// the detail names the agents that hold a profile and those it allows, and the editor adds an allowed
// agent by name; the review names it and the save sends Connect's UpdateSecurityProfile. W writes the
// instance's access review (users and AI agents alike) to a new folder.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AI_AGENT_MODELS, demoProfileArn } from '../../src/emulator/index.js';
import { keys } from '../helpers/keys.js';
import { settle, typeText } from '../helpers/typing.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { OPEN_LIST, selectProfile, sent } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

const backend = backendPerTest();
const open = () => renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 34 });
const agentArn = (name: string) => String(backend.emulator.listModels('us-east-1', AI_AGENT_MODELS).find((a) => a.Name === name)?.AIAgentArn);

describe('AI agents in the TUI', () => {
  it('the table counts them beside the users; the detail lists who holds it and the agents it allows, by name', async () => {
    const tui = open();
    const table = await tui.waitForFrame(/CallCenterManager.*7 · 1 AI/);
    expect(table).toMatch(/Users/);
    await selectProfile(tui, 'Tier 1 Support');
    await tui.press(keys.enter);
    await settle(tui, /Held by:\s+\d+ users \(below/);
    await tui.press('G');
    const end = await settle(tui, 'Allowed AI agents (1)');
    expect(end).toMatch(/Allowed AI agents \(1\)\n\s+• “Order status assistant”/);
    expect(end).not.toContain('AI agents holding it');
    await tui.press(keys.escape);
    await settle(tui, /›.*Tier 1 Support/);
    await tui.press(keys.escape);
    await selectProfile(tui, 'CallCenterManager');
    await tui.press(keys.enter);
    await settle(tui, /Held by:\s+7 users and 1 AI agent/);
    await tui.press('G');
    expect(await settle(tui, 'AI agents holding it (1)')).toContain('“Supervisor copilot”');
  });

  it('the editor adds an allowed AI agent by name; the review names it, p shows the Connect request, y sends it', async () => {
    const tui = open();
    await selectProfile(tui, 'Tier 1 Support');
    await tui.press('e');
    await settle(tui, '[Permissions]');
    await tui.press(keys.tab);
    await tui.waitForFrame('[Fields]');
    await tui.press(keys.end);
    await settle(tui, /› \+ add \(an AI agent’s name or ARN\)/);
    await tui.press(keys.enter);
    // A name that is not an agent's is said in place (the field's label once); Tab completes an agent's name.
    await typeText(tui, 'Sup');
    await settle(tui, '✗ Allowed AI agents: no AI agent of this instance is named "Sup"');
    expect(tui.frame()).not.toContain('Allowed AI agents: Allowed AI agents');
    await tui.press(keys.tab);
    await settle(tui, (f) => f.includes('Supervisor copilot') && !f.includes('named "Sup"'));
    await tui.press(keys.enter);
    await settle(tui, '“Supervisor copilot”');
    await tui.press('s');
    const review = await settle(tui, '+ allowed AI agent “Supervisor copilot”');
    expect(review).not.toContain('nothing would be sent');
    await tui.press('p');
    await settle(tui, 'Then through the Connect API (the Cloud Control schema has no AllowedAIAgents)');
    await tui.press('y');
    await tui.waitForFrame(/Saved|saved/, { timeoutMs: 10_000 });
    const model = backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('Tier 1 Support'));
    expect((model?.AllowedAIAgents as { Arn: string }[]).map((a) => a.Arn)).toEqual([agentArn('Order status assistant'), agentArn('Supervisor copilot')]);
    expect(sent(backend, 'UpdateSecurityProfile')).toHaveLength(1);
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);
  });

  it('the holders screen lists the AI agents after the users; one marked and moved goes through Associate/DisassociateSecurityProfiles', async () => {
    const tui = open();
    await selectProfile(tui, 'CallCenterManager');
    await tui.press('u');
    await settle(tui, 'Who holds CallCenterManager — 7 users · 1 AI');
    await tui.press('G');
    await settle(tui, /›\s+AI agent\s+Supervisor copilot/);
    await tui.press(' ');
    await settle(tui, '1 marked');
    await tui.press('m');
    await settle(tui, 'to which profile?');
    await tui.press(...'quality');
    await settle(tui, /›\s+QualityAnalyst/);
    await tui.press(keys.enter);
    const review = await settle(tui, 'Review — nothing has been sent yet');
    expect(review).toContain('AI agent “Supervisor copilot”: CallCenterManager → QualityAnalyst');
    await tui.press('y');
    await settle(tui, '1 of 1 user changed and read again.');
    const agent = backend.emulator.listModels('us-east-1', AI_AGENT_MODELS).find((a) => a.Name === 'Supervisor copilot')!;
    expect(agent.SecurityProfileArns).toEqual([demoProfileArn('QualityAnalyst')]);
    expect(sent(backend, 'AssociateSecurityProfiles')).toHaveLength(1);
    expect(sent(backend, 'DisassociateSecurityProfiles')).toHaveLength(1);
    expect(sent(backend, 'UpdateUserSecurityProfiles')).toHaveLength(0);
  });

  it('W writes the access review to a new folder beside the exports; the status line says where and what', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spex-tui-review-'));
    try {
      const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 200, rows: 34, exportDir: dir });
      await tui.waitForFrame('Tier 2 Escalations');
      await tui.press('W');
      const said = await tui.waitForFrame(/Access review written to .*: \d+ users, 2 AI agents, 18 profiles/, { timeoutMs: 15_000 });
      expect(said).toContain('SHA256SUMS');
      const [folder] = readdirSync(dir);
      expect(folder).toMatch(/^access-review-acme-support-/);
      expect(existsSync(join(dir, folder!, 'access-review.xlsx'))).toBe(true);
      expect(readFileSync(join(dir, folder!, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean)).toHaveLength(9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
