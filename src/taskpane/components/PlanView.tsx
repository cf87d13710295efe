/**
 * The lever plan in the pane: how far to move each lever within bounds, maximum move and budget,
 * and the plan's predicted goal score beside "as requested" and "no change". The Plan sheet has
 * the full detail (contributions per goal, intervals, extrapolation).
 */
import {
  Body1Strong,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanResult, ScenarioResult } from "../../core/plan/types";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    flexDirection: "column",
    paddingTop: "6px",
    paddingBottom: "6px",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: "anywhere",
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A lever value as the user reads it (shares are fractions in the workbook). */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return "n/a";
  if (/%/.test(unit) && Math.abs(value) <= 1.5) return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 100 ? value.toFixed(0) : String(Math.round(value * 100) / 100);
}

export function formatPercent(value: number): string {
  const text = `${(value * 100).toFixed(1)}%`;
  return value > 0 ? `+${text}` : text;
}

function scenarioLine(s: ScenarioResult): string {
  const cost =
    s.cost === 0
      ? "no extra cost"
      : `${s.cost > 0 ? "costs" : "saves"} ${Math.abs(Math.round(s.cost))} per period`;
  return `${formatPercent(s.score)} goal score (${formatPercent(s.scoreLow)} to ${formatPercent(s.scoreHigh)}), ${cost}`;
}

export function PlanView({ plan }: { plan: PlanResult }) {
  const styles = useStyles();
  const problems = plan.diagnostics.filter((d) => d.severity !== "info");
  if (plan.status !== "optimal") {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          No plan: {problems.map((d) => d.message).join(" ") || "the solver found no feasible plan."}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const moving = plan.levers.filter((l) => l.change !== null && Math.abs(l.change) > 1e-9);
  const scenarios = plan.scenarios
    .filter((s) => s.kind !== "user")
    .concat(plan.scenarios.filter((s) => s.kind === "user"));
  return (
    <>
      {moving.length === 0 ? (
        <Caption1 className={styles.muted}>
          The plan holds every lever: none has a supported effect on the goals.
        </Caption1>
      ) : (
        <ul className={styles.list} aria-label="Planned lever moves">
          {moving.map((l) => (
            <li key={l.lever} className={styles.item}>
              <Body1Strong>{l.lever}</Body1Strong>
              <Caption1>
                {formatValue(l.current, l.unit)} → <strong>{formatValue(l.planned, l.unit)}</strong>
                {l.relativeChange !== null ? ` (${formatPercent(l.relativeChange)})` : ""}
                {l.cost !== 0 ? ` · cost ${Math.round(l.cost)} per period` : ""}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
      <ul className={styles.list} aria-label="Scenarios compared">
        {scenarios.map((s) => (
          <li key={`${s.kind}-${s.name}`} className={styles.item}>
            <Body1Strong>{s.name}</Body1Strong>
            <Caption1>{scenarioLine(s)}</Caption1>
            {s.extrapolated.length > 0 && (
              <Caption1 className={styles.muted}>Beyond the history: {s.extrapolated.join(", ")}</Caption1>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
