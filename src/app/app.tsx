// The TUI shell: owns the reducer and the remote data of the current region and instance, picks the
// screen body from `state.screen` (or the open modal, see modals.tsx), and is the one place that ends
// the app (on `state.isQuitting`).
import { useClipboard } from '../hooks/use-clipboard.js';
import { type NoteFeed, type RetryFeed, useSlowDownNotice } from '../hooks/use-slow-down-notice.js';
import { Box, useStdout } from 'ink';
import { useExitWhen } from './exit-site.js';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Footer } from '../components/footer.js';
import { Header } from '../components/header.js';
import { HelpView } from '../components/help-view.js';
import { RegionPicker } from '../components/region-picker.js';
import { noticeLines, StatusLine } from '../components/status-line.js';
import { CONNECT_REGIONS, regionName } from '../domain/service/regions.js';
import type { DraftStore } from '../drafts/draft-store.js';
import { createOperationLog, type OperationLog } from '../state/operation-log.js';
import { useDetailLoader } from '../hooks/use-detail-loader.js';
import { useFindings } from '../hooks/use-findings.js';
import { useProfileList } from '../hooks/use-profile-list.js';
import { useProfileView } from '../hooks/use-profile-view.js';
import { useRegionCounts } from '../hooks/use-region-counts.js';
import { useInstances } from '../hooks/use-instances.js';
import { useHierarchyGroups } from '../hooks/use-hierarchy-groups.js';
import { useUserIndex } from '../hooks/use-user-index.js';
import { useProfileNames } from '../hooks/use-profile-names.js';
import { useAiAgents } from '../hooks/use-ai-agents.js';
import { useFlowModuleNames } from '../hooks/use-flow-modules.js';
import { useUnfinishedBatch } from '../hooks/use-assignment.js';
import { type OnPromote, usePromoteRequest } from '../hooks/use-promote-request.js';
import { useSpex } from '../hooks/spex-context.js';
import { useTerminalLayout } from '../hooks/use-terminal-layout.js';
import { footerHints } from '../keys/keymap.js';
import { appReducer } from '../state/app-reducer.js';
import { createInitialState, type InitialStateOptions } from '../state/app-state.js';
import { bodyHeight, FOOTER_LINES, frameHeight, layoutFrom, STATUS_LINES, type Layout } from '../state/layout.js';
import { isSessionOpen } from '../state/session-reducer.js';
import { modeOf, paneHeight, shownInstances, shownRegions } from '../state/selectors.js';
import { filterHint, permHint } from '../state/filter.js';
import { markHint, riskHint, unconfirmedHint } from './chrome.js';
import { useDrafts } from '../hooks/use-drafts.js';
import { useExport } from '../hooks/use-export.js';
import { useAccessReview } from '../hooks/use-access-review.js';
import { useCaller } from '../hooks/use-caller.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { draftsAnnouncement } from '../domain/profile/drafts.js';
import { accountOf, breadcrumb, counterText, filterLineOf, instanceLabel, listErrorNotice, listingHint, refusedHint, sortLabel, unnamedHint } from './chrome.js';
import { CompareScreen, DetailScreen, ExplainScreen, FindingsScreen, HistoryScreen, HoldersScreen, InstancesBody, ProfilesBody } from './screens/index.js';
import { ModalBody } from './modals.js';
import { QuitPrompt } from './quit-prompt.js';
import { useAppKeys } from './use-app-keys.js';
import { ProductionProvider, useProduction } from '../hooks/production.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';

export interface Remembered {
  region: string;
  instanceArn?: string;
  instanceAlias?: string;
}

export interface AppProps {
  readonly initial: InitialStateOptions;
  /** Detail requests at once (else the Spex's own setting). */
  readonly concurrency?: number;
  readonly now?: () => Date;
  /** Told the region and instance the user opened, to offer them next time. */
  readonly onRemember?: (value: Remembered) => void;
  /** This run's create/update/delete requests (reported on quit); one is made when not given. */
  readonly operationLog?: OperationLog;
  /** Where unsaved drafts are kept; without one, drafts live only in memory. */
  readonly draftStore?: DraftStore;
  /** Where `X` writes its export (default: the working directory). */
  readonly exportDir?: string;
  /** Where holders' batches are journalled, to resume one a stopped spex left (none: in memory only). */
  readonly batchDir?: string;
  /** The Spex's retries, for a "slowing down" note while AWS throttles. */
  readonly retries?: RetryFeed;
  /** Notes from the service layer (Connect refused: Cloud Control alone), shown once in the status line. */
  readonly notes?: NoteFeed;
  /** In a fleet: the AWS profile of the account on view (shown in the header). */
  readonly accountProfile?: string;
  /** Whether an instance is production (config.json "production"): its label for the marker, or undefined. */
  readonly productionOf?: (instance: ConnectInstance) => string | undefined;
  /** In a fleet: Esc on the region picker goes back to the fleet screen. */
  readonly onLeave?: () => void;
  /** In a fleet: `P` carries the marked profiles (by name) of the instance on view to other instances. */
  readonly onPromote?: OnPromote;
}

const REGION_CODES = CONNECT_REGIONS.map((r) => r.code);
const defaultNow = (): Date => new Date();

export function App({ initial, concurrency, now = defaultNow, onRemember, draftStore, retries, notes, exportDir, batchDir, accountProfile, onLeave, onPromote, productionOf, ...props }: AppProps) {
  const spex = useSpex();
  const outer = useProduction();
  const [ownLog] = useState(createOperationLog);
  const log = props.operationLog ?? ownLog;
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(appReducer, undefined, () =>
    createInitialState({ ...initial, readOnly: initial.readOnly === true || spex.readOnly, layout: layoutFrom(stdout.columns, stdout.rows) }),
  );
  const mode = modeOf(state);
  const { layout, screen, list, modal } = state;
  const isSession = isSessionOpen(modal);
  const isAsking = state.prompt.kind !== 'none';

  useTerminalLayout(useCallback((next: Layout) => dispatch({ type: 'layout/resized', layout: next }), []));
  useSlowDownNotice(retries, useCallback((text: string) => dispatch({ type: 'notice/show', notice: { text, tone: 'info' } }), []));
  useEffect(() => notes?.subscribe((text) => dispatch({ type: 'notice/show', notice: { text, tone: 'info' } })), [notes]);
  // Unsaved drafts: read at the start and whenever an editor closes; announced once.
  const drafts = useDrafts(draftStore, state.modal.kind === 'editor' ? 'editing' : 'idle');
  const announced = useRef(false);
  useEffect(() => {
    if (drafts === undefined) return;
    dispatch({ type: 'drafts/loaded', keys: drafts.map((d) => d.key) });
    if (announced.current) return;
    announced.current = true;
    const text = draftsAnnouncement(drafts, sanitizeLine);
    if (text !== undefined) dispatch({ type: 'notice/show', notice: { text, tone: 'info' } });
  }, [drafts]);
  useAppKeys(dispatch, { isActive: !state.isQuitting });
  useExitWhen(state.isQuitting);

  const service = useMemo(() => (state.region === undefined ? undefined : spex.forRegion(state.region)), [spex, state.region]);
  const counts = useRegionCounts(spex, REGION_CODES, { isActive: screen.kind === 'regions' || (modal.kind === 'clone-target' && modal.step === 'regions') });
  const instances = useInstances(service, state.instances.reloadKey);
  // Told during render, not in an effect, so no frame shows rows the reducer does not know yet
  // (a key pressed in that gap would act on the old rows). React re-renders before committing.
  if (instances.status === 'success' && state.instances.items !== instances.data) {
    dispatch({ type: 'instances/loaded', items: instances.data });
  }

  const instanceArn = state.instance?.arn;
  // The instance on view decides: another instance of the same account may not be production.
  const production = state.instance === undefined ? undefined : (productionOf?.(state.instance) ?? outer);
  const profiles = useProfileList(service, instanceArn, list.reloadKey);
  const details = useDetailLoader(service, instanceArn, list.reloadKey, concurrency);
  const listedArns = useMemo(() => profiles.rows.map((r) => r.arn), [profiles.rows]);
  useClipboard(state.clipboardRequest); // `y`/`Y`: the ARN or console URL to the terminal's clipboard.
  // `X`: the export is written here, the file named after the instance, and `W` the access review; the status line says where.
  const say = useCallback((text: string, tone: 'info' | 'error') => dispatch({ type: 'notice/show', notice: { text, tone } }), []);
  useExport(state.exportRequest, { service, loader: details.loader, instance: state.instance, ...(exportDir !== undefined ? { cwd: exportDir } : {}) }, say);
  useAccessReview(state.reviewRequest, { service, instance: state.instance, cwd: exportDir }, say);
  const users = useUserIndex(service, instanceArn, list.reloadKey, screen.kind === 'detail' || screen.kind === 'holders' || screen.kind === 'findings' || screen.kind === 'explain' || modal.kind === 'editor' || modal.kind === 'assign');
  // One computation of the instance's findings for the table's !, the status line and the detail (the ! screen reads every detail into the same).
  const agents = useAiAgents(service, instanceArn, list.reloadKey);
  const findings = useFindings(profiles.rows, details.loader, details.version, users, agents);
  const groupName = useHierarchyGroups(service, instanceArn, screen.kind === 'detail' || screen.kind === 'holders' || screen.kind === 'explain');
  const view = useProfileView({ rows: profiles.rows, list, details, layout });
  if (list.shown !== view.shownArns) dispatch({ type: 'list/shown', arns: view.shownArns });

  useEffect(() => {
    if (state.region === undefined || onRemember === undefined) return;
    const alias = state.instance?.alias;
    onRemember({
      region: state.region,
      ...(instanceArn === undefined ? {} : { instanceArn }),
      ...(alias === undefined ? {} : { instanceAlias: alias }),
    });
  }, [state.region, instanceArn, state.instance?.alias, onRemember]);

  useEffect(() => {
    if (state.isLeaving) onLeave?.();
  }, [state.isLeaving, onLeave]);

  const { loadedDetail, nameOf, granting, holderNames } = useProfileNames(profiles.rows, details, groupName, agents, useFlowModuleNames(service, instanceArn, screen.kind === 'detail'));
  useUnfinishedBatch(batchDir, instanceArn, modal.kind === 'none', useCallback((batch) => dispatch({ type: 'batches/found', batch }), []));
  usePromoteRequest(state.promoteRequest, state.region, instanceArn, nameOf, onPromote, dispatch);

  // A session draws its own keys and notes: the shell's status line and footer give it their room.
  const height = bodyHeight(layout) + (isSession ? STATUS_LINES + FOOTER_LINES : 0);
  const isTable = screen.kind === 'list' && state.modal.kind === 'none';
  const listError = listErrorNotice(profiles);
  const filterLine = filterLineOf(state);
  const counter = counterText(state, { shown: view.shown.length, profiles, instances });
  // Whose credentials, from the start: before a region is chosen, asked in the picker's first (STS answers alike in any).
  const caller = useCaller(useMemo(() => service ?? spex.forRegion(initial.region ?? 'us-east-1'), [service, spex, initial.region]));
  const account = accountOf(instanceArn, service?.account()) ?? caller.account, principal = caller.principal;

  const body = (() => {
    if (modal.kind === 'help') return <HelpView mode={modal.mode} scroll={modal.scroll} height={paneHeight(state)} readOnly={state.readOnly} width={state.layout.columns} />;
    if (modal.kind !== 'none' && service !== undefined && state.instance !== undefined) {
      return (
        <ModalBody
          modal={modal}
          spex={spex}
          service={service}
          instance={state.instance}
          loader={details.loader}
          log={log}
          draftStore={draftStore}
          nameOf={nameOf}
          users={users}
          readOnly={state.readOnly}
          permLayout={state.permLayout}
          counts={counts}
          listedArns={listedArns}
          {...(exportDir !== undefined ? { exportDir } : {})}
          {...(batchDir !== undefined ? { batchDir } : {})}
          width={layout.columns}
          height={height}
          isActive={!isAsking && !state.isQuitting}
          dispatch={dispatch}
        />
      );
    }
    switch (screen.kind) {
      case 'regions':
        return (
          <RegionPicker
            regions={shownRegions(state)}
            cursor={state.regions.cursor}
            top={state.regions.top}
            height={height - 1}
            filter={state.regions.filter}
            counts={counts}
            currentRegion={state.region ?? initial.region}
            columns={layout.columns}
          />
        );
      case 'instances':
        return (
          <InstancesBody
            region={state.region ?? '—'}
            remote={instances}
            shown={shownInstances(state)}
            view={state.instances}
            width={layout.columns}
            height={height}
          />
        );
      case 'list':
        return <ProfilesBody profiles={profiles} view={view} list={list} detailsVersion={details.version} users={users} agents={agents} draftKeys={state.draftKeys} isRisky={findings.isRisky} width={layout.columns} height={height} />;
      case 'detail':
        return (
          <DetailScreen
            screen={screen}
            loader={details.loader}
            service={service}
            instanceAlias={instanceLabel(state.instance)}
            users={users}
            names={holderNames}
            layout={state.permLayout}
            width={layout.columns}
            height={paneHeight(state)}
            now={now}
            dispatch={dispatch}
            findings={findings}
          />
        );
      case 'holders':
        return <HoldersScreen screen={screen} users={users} names={holderNames} width={layout.columns} height={paneHeight(state)} dispatch={dispatch} />;
      case 'explain':
        return <ExplainScreen screen={screen} users={users} names={holderNames} loader={details.loader} width={layout.columns} height={paneHeight(state)} dispatch={dispatch} />;
      case 'findings':
        return <FindingsScreen screen={screen} rows={profiles.rows} loader={details.loader} detailsVersion={details.version} users={users} width={layout.columns} height={paneHeight(state)} dispatch={dispatch} />;
      case 'compare':
        return <CompareScreen screen={screen} loader={details.loader} width={layout.columns} height={paneHeight(state)} dispatch={dispatch} />;
      case 'history':
        return <HistoryScreen screen={screen} service={service} loader={details.loader} name={nameOf(screen.arn)} width={layout.columns} height={paneHeight(state)} dispatch={dispatch} />;
    }
  })();

  return (
    <ProductionProvider label={production}>
    <Box flexDirection="column" width={layout.columns} height={frameHeight(layout)}>
      <Header
        account={account}
        accountProfile={accountProfile}
        principal={principal}
        production={production}
        region={state.region}
        regionName={state.region === undefined ? undefined : regionName(state.region)}
        instanceAlias={instanceLabel(state.instance)}
        breadcrumb={breadcrumb(state, nameOf)}
        sortLabel={isTable ? sortLabel(list.sort) : undefined}
        isReadOnly={state.readOnly}
      />
      {isAsking ? <QuitPrompt inFlight={log.inFlight().length} /> : null}
      {/* The session stays mounted under the question: "stay" goes back to it as it was. A notice too long
          for its line takes one more from the bottom of the body until the next key. */}
      <Box flexDirection="column" height={height - (isSession ? 0 : noticeLines(state.notice ?? listError, layout.columns) - 1)} overflowY="hidden" display={isAsking ? 'none' : 'flex'}>
        {body}
      </Box>
      {isSession ? null : (
        <>
          <StatusLine
            notice={state.notice ?? listError}
            filter={filterLine}
            progress={screen.kind === 'list' ? view.progress : undefined}
            timeLeft={service?.timeLeft}
            hint={isTable ? (markHint(list, nameOf, layout.columns) ?? riskHint(loadedDetail(list.shown[list.cursor]), list.shown[list.cursor] === undefined ? undefined : findings.of(list.shown[list.cursor]!)) ?? refusedHint(loadedDetail(list.shown[list.cursor])) ?? filterHint(list.filter) ?? permHint(list.filter, list.shown.length, granting) ?? listingHint(profiles.status, profiles.rows.length, list.filter, list.sort) ?? unnamedHint(view.unnamed, list.filter, list.sort) ?? unconfirmedHint(view.shown, view.isUnconfirmed)) : undefined}
            columns={layout.columns}
          />
          <Footer hints={footerHints(mode, { readOnly: state.readOnly })} counter={counter} width={layout.columns} />
        </>
      )}
    </Box>
    </ProductionProvider>
  );
}
