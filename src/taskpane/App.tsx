/**
 * The task pane: header, then (once the services are there) Inputs, Problems, Settings, Analyze
 * and Results. Pure UI: everything that touches the workbook comes in through `services`
 * (services.ts), so the same pane runs in Excel, in the browser playground and in tests.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { AnalysisSettings } from "../core/alignment/settings";
import { AnalyzePanel } from "./components/AnalyzePanel";
import { InputsChecklist as InputsChecklistView } from "./components/InputsChecklist";
import { ProblemsList as ProblemsListView } from "./components/ProblemsList";
import { ResultsView as ResultsViewAll } from "./components/ResultsView";
import { SettingsPanel as SettingsPanelView } from "./components/SettingsPanel";
import type { TaskPaneServices } from "./services";
import { openExternal } from "./office-api";
import { useAnalysis } from "./useAnalysis";
import { pageVisibility, type PaneVisibility } from "./visibility";

// Memoised: a progress update re-renders the Analyze panel only, not the whole pane (the page's
// thread stays free while the worker runs).
const InputsChecklist = memo(InputsChecklistView);
const ProblemsList = memo(ProblemsListView);
const ResultsView = memo(ResultsViewAll);
const SettingsPanel = memo(SettingsPanelView);

export type HostStatus =
  /** Office.js is loaded and Office.onReady has not answered yet. */
  | { kind: "starting" }
  /** Running inside Excel. */
  | { kind: "excel"; platform: string | null }
  /** A plain browser: Office.js absent, or Office.onReady answered with no host (or another app). */
  | { kind: "outside" };

export const DOCS_URL = "https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md";

export interface AppProps {
  status: HostStatus;
  dark: boolean;
  /** The operations on the workbook; null while they load (or when they could not). */
  services?: TaskPaneServices | null;
  /** Shown under the header (the playground's Open/Load sample bar). */
  toolbar?: ReactNode;
  /** Changing it starts over (the playground opened another workbook). */
  workbookKey?: string | number;
  /** Why the services could not be set up. */
  loadError?: string | null;
  /**
   * Whether the pane is on screen (default: the page's, visibility.ts). The start-up check waits
   * for it, so a shared runtime started only for the custom functions checks nothing.
   */
  visibility?: PaneVisibility;
}

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    maxWidth: "560px",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: "flex", alignItems: "flex-start", columnGap: tokens.spacingHorizontalS },
  headerText: { display: "flex", flexDirection: "column", minWidth: 0, flexGrow: 1 },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  accordionHeader: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
  stack: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  footer: {
    marginTop: "auto",
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
  },
});

function StatusBadge({ status }: { status: HostStatus }) {
  if (status.kind === "excel") {
    return (
      <Badge appearance="tint" color="success" size="small">
        Excel{status.platform ? ` · ${status.platform}` : ""}
      </Badge>
    );
  }
  if (status.kind === "starting") {
    return (
      <Badge appearance="tint" color="informative" size="small">
        Starting…
      </Badge>
    );
  }
  return (
    <Badge appearance="tint" color="brand" size="small">
      Playground
    </Badge>
  );
}

function Workspace({ services, visibility }: { services: TaskPaneServices; visibility: PaneVisibility }) {
  const styles = useStyles();
  const [{ settings, messages }] = useState(() => services.settings.load());
  const [current, setCurrent] = useState<AnalysisSettings>(settings);
  const [navError, setNavError] = useState<string | null>(null);
  const analysis = useAnalysis(services);
  const { state, check, analyze, cancel, insertSample, dismissCoauthorNotice } = analysis;
  const visible = useSyncExternalStore(visibility.subscribe, visibility.visible);
  const checked = useRef(false);

  useEffect(() => {
    // The start-up check, once the pane is on screen (never in a runtime hidden for the functions).
    if (!visible || checked.current) return;
    checked.current = true;
    void check(settings);
  }, [visible, check, settings]);

  // A co-author saved other settings: the panel shows them afresh (the next run refreshes anyway).
  const [settingsEpoch, setSettingsEpoch] = useState(0);
  useEffect(
    () =>
      services.settings.onChanged?.((next) => {
        setCurrent(next);
        setSettingsEpoch((n) => n + 1);
      }),
    [services],
  );

  const run = state.run;
  const checking = state.check.kind === "checking";
  const running = run.kind === "running";
  const diagnostics =
    run.kind === "done"
      ? run.outcome.diagnostics
      : state.check.kind === "checked"
        ? state.check.result.diagnostics
        : [];

  const saveSettings = useCallback(
    async (next: AnalysisSettings) => {
      await services.settings.save(next);
      setCurrent(next);
    },
    [services],
  );

  const openSheet = useMemo(
    () =>
      services.activateSheet
        ? (name: string) => {
            setNavError(null);
            services.activateSheet!(name).catch((e: unknown) =>
              setNavError(e instanceof Error ? e.message : String(e)),
            );
          }
        : undefined,
    [services],
  );
  const select = useMemo(() => services.select?.bind(services), [services]);
  const recheck = useCallback(() => void check(current), [check, current]);
  const insert = useCallback(() => void insertSample(current), [insertSample, current]);

  return (
    <>
      {state.stale && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Results are out of date</MessageBarTitle>
            {run.kind === "done"
              ? "The input sheets changed after the last analysis."
              : "The input sheets changed after they were checked."}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              size="small"
              onClick={() => void (run.kind === "done" ? analyze(current) : check(current))}
              disabled={running || checking}
            >
              {run.kind === "done" ? "Update results" : "Check the inputs"}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <InputsChecklist
        check={state.check}
        onRecheck={recheck}
        onInsertSample={insert}
        inserting={state.inserting}
        insertError={state.insertError}
        busy={running}
      />
      {(state.check.kind === "checked" || run.kind === "done") && (
        <ProblemsList diagnostics={diagnostics} onSelect={select} />
      )}
      <Accordion collapsible>
        <AccordionItem value="settings">
          <AccordionHeader className={styles.accordionHeader} size="medium">
            Analysis settings
          </AccordionHeader>
          <AccordionPanel>
            <SettingsPanel
              key={settingsEpoch}
              settings={current}
              messages={messages}
              onSave={saveSettings}
              savedText={services.kind === "excel" ? "Saved in this workbook." : "Kept for this session."}
              disabled={running}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <AnalyzePanel
        run={run}
        busy={checking || state.inserting}
        onAnalyze={() => void analyze(current)}
        onCancel={cancel}
      />
      {state.coauthorNotice && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>A co-author analysed at the same time</MessageBarTitle>
            {state.coauthorNotice}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={dismissCoauthorNotice}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {navError && (
        <MessageBar intent="warning">
          <MessageBarBody>{navError}</MessageBarBody>
        </MessageBar>
      )}
      {run.kind === "done" && run.outcome.results && (
        <ResultsView
          results={run.outcome.results}
          written={run.outcome.written}
          notes={run.outcome.notes}
          onOpenSheet={openSheet}
        />
      )}
      {run.kind === "done" && run.outcome.results && services.download && (
        <div className={styles.stack}>
          <Button appearance="primary" onClick={() => services.download!()}>
            Download workbook
          </Button>
          <Caption1 className={styles.muted}>
            The workbook with the alignment sheets added, as .xlsx.
          </Caption1>
        </div>
      )}
    </>
  );
}

export function App({ status, dark, services, toolbar, workbookKey, loadError, visibility }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root}>
        <header className={styles.header}>
          <img src="assets/icon-32.png" alt="" width={24} height={24} />
          <div className={styles.headerText}>
            <Title3 as="h1" className={styles.title}>
              RPO Align
            </Title3>
            <Caption1 className={styles.muted}>Levers → KPIs → outcomes → goals</Caption1>
          </div>
          <StatusBadge status={status} />
        </header>
        {toolbar}
        {loadError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>RPO Align could not start</MessageBarTitle>
              {loadError}
            </MessageBarBody>
          </MessageBar>
        )}
        {services ? (
          <Workspace key={workbookKey} services={services} visibility={visibility ?? pageVisibility()} />
        ) : (
          !loadError && (
            <Spinner
              size="small"
              label={status.kind === "outside" ? "Loading the playground…" : "Connecting to Excel…"}
            />
          )
        )}
        <footer className={styles.footer}>
          <Caption1>
            In any cell: the <code>=RPO.</code> functions, e.g. <code>=RPO.REGRESS</code>, a LINEST that says
            when it drops a column.{" "}
            <Link
              href={DOCS_URL}
              target="_blank"
              rel="noopener noreferrer"
              onClick={(e) => {
                // Never navigate the runtime page (the custom functions live in it too).
                e.preventDefault();
                openExternal(DOCS_URL);
              }}
            >
              Functions
            </Link>
          </Caption1>
        </footer>
      </main>
    </FluentProvider>
  );
}
