/**
 * Analyze: one primary button; while running, a determinate progress bar with the step's name and
 * Cancel; afterwards a one-line summary (time, sheets written) or what went wrong.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PipelineStep } from "../../core/pipeline";
import type { RunPhase } from "../useAnalysis";
import { Section } from "./Section";

export const STEP_LABEL: Record<PipelineStep, string> = {
  reading: "Reading the workbook",
  checking: "Checking the inputs",
  estimating: "Estimating sensitivities",
  reporting: "Building the report",
  writing: "Writing the alignment sheets",
};

export interface AnalyzePanelProps {
  run: RunPhase;
  /** True while something else (checking, inserting) is using the workbook. */
  busy: boolean;
  onAnalyze: () => void;
  onCancel: () => void;
}

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "8px",
  },
  grow: { flexGrow: 1 },
});

export function formatSeconds(seconds: number): string {
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

function Outcome({ run }: { run: RunPhase }) {
  if (run.kind === "done") {
    const { outcome, seconds } = run;
    const errors = outcome.diagnostics.filter((d) => d.severity === "error").length;
    if (!outcome.results) {
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not analysed</MessageBarTitle>
            The workbook has {errors} error{errors === 1 ? "" : "s"}; fix {errors === 1 ? "it" : "them"} (see
            Problems) and analyse again. Nothing was written.
          </MessageBarBody>
        </MessageBar>
      );
    }
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Analysed in {formatSeconds(seconds)}</MessageBarTitle>
          {outcome.written.length === 1 ? "1 sheet written." : `${outcome.written.length} sheets written.`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (run.kind === "cancelled") {
    return (
      <MessageBar intent="info">
        <MessageBarBody>Cancelled. Your sheets and the previous results are as they were.</MessageBarBody>
      </MessageBar>
    );
  }
  if (run.kind === "failed") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>The analysis failed</MessageBarTitle>
          {run.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}

export function AnalyzePanel({ run, busy, onAnalyze, onCancel }: AnalyzePanelProps) {
  const styles = useStyles();
  const running = run.kind === "running";
  return (
    <Section id="analyze" title="Analyze">
      <div className={styles.row}>
        <Button appearance="primary" onClick={onAnalyze} disabled={running || busy}>
          {run.kind === "done" ? "Analyze again" : "Analyze workbook"}
        </Button>
        {running && (
          <Button onClick={onCancel} disabled={run.cancelling}>
            {run.cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
      </div>
      {running && (
        <Field
          label={`${STEP_LABEL[run.step]}…`}
          hint={`${Math.round(run.fraction * 100)}% done`}
          validationState="none"
          className={styles.grow}
        >
          <ProgressBar
            value={run.fraction}
            max={1}
            thickness="large"
            aria-label={`Analysis progress: ${STEP_LABEL[run.step]}`}
          />
        </Field>
      )}
      <div aria-live="polite">
        <Outcome run={run} />
      </div>
    </Section>
  );
}
