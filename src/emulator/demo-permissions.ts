// Permission sets of the demo profiles, drawn from the real Connect permission catalogue
// (data/connect-permissions.json) so every name a user sees in the demo exists in Amazon Connect.
import catalogue from '../../data/connect-permissions.json' with { type: 'json' };

export const ALL_PERMISSIONS: readonly string[] = (catalogue as { name: string }[]).map((p) => p.name);
const KNOWN = new Set(ALL_PERMISSIONS);

/** Names with one of these prefixes (`Users.` matches `Users.View`, `Users` matches only `Users`). */
function byPrefix(...prefixes: string[]): string[] {
  return ALL_PERMISSIONS.filter((name) => prefixes.some((p) => (p.endsWith('.') ? name.startsWith(p) : name === p)));
}

function pick(...names: string[]): string[] {
  return names.filter((name) => KNOWN.has(name));
}

function union(...sets: string[][]): string[] {
  return [...new Set(sets.flat())];
}

const AGENT = pick(
  'BasicAgentAccess', 'OutboundCallAccess', 'AudioDeviceSettings.Access', 'VideoContact.Access', 'MyContacts.View',
  'Wisdom.View', 'CustomerProfiles.View', 'CustomerProfiles.Create', 'CustomerProfiles.Edit', 'Cases.View', 'Cases.Create',
  'Cases.Edit', 'TransferContact.Enabled', 'RestrictTaskCreation.Access', 'MyReceivedEvaluations.View',
);

const MANAGER = union(
  AGENT,
  byPrefix('Users.', 'AgentGrouping.', 'Queues.', 'HoursOfOperation.', 'RoutingPolicies.', 'AgentStates.', 'AccessMetrics', 'AccessMetrics.'),
  pick('ManagerListenIn', 'ManagerBargeIn', 'ContactSearch.View', 'ListenCallRecordings', 'MetricsReports.View', 'Rules.View', 'AgentTimeCard.View'),
);

const QUALITY = union(
  pick('AccessMetrics', 'AccessMetrics.HistoricalMetrics.Access', 'ContactSearch.View', 'ListenCallRecordings', 'CallRecordings.Redacted.Access',
    'ContactTranscripts.Redacted.Access', 'ContactLensPostContactSummary.View', 'RedactedData.View', 'MetricsReports.View'),
  byPrefix('Evaluation.', 'EvaluationForms.', 'EvaluationCalibrationSessions.'),
);

export const BUILT_IN_PERMISSIONS: Record<string, string[]> = {
  Admin: [...ALL_PERMISSIONS],
  Agent: AGENT,
  CallCenterManager: MANAGER,
  QualityAnalyst: QUALITY,
};

export const CUSTOM_PERMISSIONS: Record<string, string[]> = {
  tier1: union(AGENT, pick('ContactSearch.View', 'Contacts.Tag.Edit')),
  tier2: union(AGENT, pick('ContactSearch.View', 'ManualAssignAnyContact.Enable', 'StopContact.Enabled', 'UpdateContactSchedule.Enabled'), byPrefix('CaseComments.', 'CaseFiles.')),
  leads: union(AGENT, pick('ManagerListenIn', 'AccessMetrics', 'AccessMetrics.RealTimeMetrics.Access', 'Users.View', 'AgentGrouping.View', 'ContactSearch.View')),
  workforce: union(byPrefix('Forecasting.', 'Capacity.', 'Scheduling.', 'TimeOff.', 'TimeOffBalance.', 'TeamCalendar.', 'StaffCalendar.'), pick('Users.View', 'AgentGrouping.View')),
  reporting: union(byPrefix('MetricsReports.', 'ReportSchedules.', 'CustomMetrics.'), pick('AccessMetrics', 'AccessMetrics.HistoricalMetrics.Access', 'AccessMetrics.Dashboards.Access', 'GraphTrends.View')),
  flows: union(byPrefix('ContactFlows.', 'ContactFlowModules.', 'Prompts.', 'Bots.', 'PhoneNumbers.'), pick('Queues.View', 'HoursOfOperation.View', 'ChatTestMode')),
  night: union(MANAGER.filter((p) => !p.startsWith('Users.')), pick('Users.View')),
  campaigns: union(byPrefix('Campaigns.'), pick('OutboundCallAccess', 'BasicAgentAccess', 'Queues.View', 'ContactSearch.View')),
  compliance: union(QUALITY, pick('HistoricalChanges.View', 'CallRecordings.Unredacted.Access', 'ContactTranscripts.Unredacted.Access', 'DeleteCallRecordings')),
  contractors: pick('BasicAgentAccess', 'AudioDeviceSettings.Access', 'MyContacts.View'),
  ai: union(byPrefix('QConnectAIAgents.', 'QConnectAIPrompts.', 'QConnectGuardrails.', 'ContentManagement.'), pick('Wisdom.View')),
};
