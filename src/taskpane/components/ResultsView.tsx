/**
 * Results of the last run: each lever's alignment (green/amber/red as word, symbol and colour, in
 * the sheets' palette) and recommended direction, the goal-leverage tornado chart, levers whose
 * recommendation the goal shift changed, requested actions that conflict with the goals, and the
 * output sheets. The counts come from the same data and functions as the written Summary.
 */
import {
  Badge,
  Body1,
  Body1Strong,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Alignment, Rag, Recommendation } from "../../core/alignment/types";
import type { AnalysisResults } from "../../core/results";
import { serialToIso } from "../../core/model/parse";
import { ragCounts } from "../../core/report/context";
import { statusBadgeStyle, statusSymbol } from "../status-style";
import { Section } from "./Section";
import { TornadoChart } from "./TornadoChart";
import { PlanView } from "./PlanView";

export interface ResultsViewProps {
  results: AnalysisResults;
  /** Sheets the run wrote. */
  written: string[];
  notes: string[];
  /** Opens an output sheet; absent where there is no sheet view (playground). */
  onOpenSheet?: (name: string) => void;
}

export const RAG_BADGE: Record<Rag, { text: string; meaning: string }> = {
  green: { text: "Green", meaning: "moving with the goals" },
  amber: { text: "Amber", meaning: "little or no effect" },
  red: { text: "Red", meaning: "moving against the goals" },
};

const ARROW: Record<Recommendation, string> = { increase: "↑", decrease: "↓", hold: "→" };
const WORD: Record<Recommendation, string> = { increase: "Increase", decrease: "Decrease", hold: "Hold" };

const useStyles = makeStyles({
  sub: { margin: 0, marginTop: tokens.spacingVerticalM },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  lever: {
    display: "grid",
    gridTemplateColumns: "64px 1fr",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "start",
    paddingTop: "6px",
    paddingBottom: "6px",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  badge: { justifySelf: "start", minWidth: "56px" },
  text: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground3 },
  counts: { display: "flex", flexWrap: "wrap", columnGap: "6px", rowGap: "4px" },
  item: {
    paddingTop: "4px",
    paddingBottom: "4px",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    display: "flex",
    flexDirection: "column",
    overflowWrap: "anywhere",
  },
  sheets: { display: "flex", flexWrap: "wrap", gap: "6px" },
});

const MODEL_WORD: Record<AnalysisResults["fits"][number]["model"], string> = {
  levels: "Levels",
  "log-changes": "Changes (log)",
  "relative-changes": "Changes (relative)",
};

function LeverRow({ a, holdReason }: { a: Alignment; holdReason: string | null }) {
  const styles = useStyles();
  const badge = RAG_BADGE[a.rag];
  return (
    <li
      className={styles.lever}
      aria-label={`${a.lever}: ${badge.text}, ${badge.meaning}; recommendation ${WORD[a.direction]}`}
    >
      <Badge className={styles.badge} appearance="outline" style={statusBadgeStyle(a.rag)} data-rag={a.rag}>
        <span aria-hidden="true">{statusSymbol(a.rag)}&nbsp;</span>
        {badge.text}
      </Badge>
      <span className={styles.text}>
        <Body1Strong>{a.lever}</Body1Strong>
        <Caption1 className={styles.muted}>
          <span aria-hidden="true">{ARROW[a.direction]} </span>
          {WORD[a.direction]} · {badge.meaning}
          {holdReason ? ` · ${holdReason}` : ""}
        </Caption1>
      </span>
    </li>
  );
}

export function ResultsView({ results, written, notes, onOpenSheet }: ResultsViewProps) {
  const styles = useStyles();
  // The Summary sheet's own counts (core/report ragCounts over the same results).
  const counts = ragCounts(results.alignment.map((a) => a.rag));
  const order: Record<Rag, number> = { red: 0, amber: 1, green: 2 };
  const levers = [...results.alignment].sort((a, b) => order[a.rag] - order[b.rag]);
  const shifted = results.goalShift.filter((g) => g.changed);
  const conflicts = results.actions.filter((a) => a.verdict === "conflict");
  const directionOf = new Map(results.leverage.map((l) => [l.lever, l.directionCurrent]));
  const holdReasonOf = new Map(results.leverage.map((l) => [l.lever, l.holdReason]));

  return (
    <Section id="results" title="Results">
      <Caption1 className={styles.muted}>As of {serialToIso(results.asOf)}</Caption1>
      <div className={styles.counts} aria-label="Alignment summary">
        {(["red", "amber", "green"] as const).map((rag) => (
          <Badge key={rag} appearance="outline" style={statusBadgeStyle(rag)} data-count={rag}>
            <span aria-hidden="true">{statusSymbol(rag)}&nbsp;</span>
            {counts[rag]} {rag}
          </Badge>
        ))}
      </div>

      <ul className={styles.list} aria-label="Levers">
        {levers.map((a) => (
          <LeverRow key={a.lever} a={a} holdReason={holdReasonOf.get(a.lever) ?? null} />
        ))}
      </ul>

      {results.leverage.length > 0 && (
        <>
          <Subtitle2 as="h3" className={styles.sub}>
            Goal leverage
          </Subtitle2>
          <TornadoChart
            title="Goal leverage by lever"
            bars={results.leverage.map((l) => ({
              lever: l.lever,
              value: l.current,
              direction: directionOf.get(l.lever) ?? "hold",
            }))}
          />
        </>
      )}

      <Subtitle2 as="h3" className={styles.sub}>
        Goal shift
      </Subtitle2>
      {shifted.length === 0 ? (
        <Caption1 className={styles.muted}>
          {results.previousGoals
            ? "The new goals change no recommendation."
            : "Only one goal set: no shift to show."}
        </Caption1>
      ) : (
        <ul className={styles.list} aria-label="Recommendations changed by the goal shift">
          {shifted.map((g) => (
            <li key={g.lever} className={styles.item}>
              <Body1Strong>
                <Badge appearance="outline" size="small" style={statusBadgeStyle("changed")}>
                  {statusSymbol("changed")} Changed
                </Badge>{" "}
                {g.lever}
              </Body1Strong>
              <Caption1>
                was {g.previousDirection ? WORD[g.previousDirection].toLowerCase() : "not estimated"}, now{" "}
                <strong>{WORD[g.currentDirection].toLowerCase()}</strong>
              </Caption1>
            </li>
          ))}
        </ul>
      )}

      {results.plan && (
        <>
          <Subtitle2 as="h3" className={styles.sub}>
            Lever plan
          </Subtitle2>
          <PlanView plan={results.plan} />
        </>
      )}

      <Subtitle2 as="h3" className={styles.sub}>
        Conflicting actions
      </Subtitle2>
      {conflicts.length === 0 ? (
        <Caption1 className={styles.muted}>No requested action conflicts with the current goals.</Caption1>
      ) : (
        <ul className={styles.list} aria-label="Actions in conflict with the goals">
          {conflicts.map((c, i) => (
            <li key={i} className={styles.item}>
              <Body1Strong>
                <Badge appearance="outline" size="small" style={statusBadgeStyle("conflict")}>
                  {statusSymbol("conflict")} Conflict
                </Badge>{" "}
                {c.lever}: {WORD[c.move].toLowerCase()}
              </Body1Strong>
              <Caption1>
                {serialToIso(c.date)} · {c.requestedBy}
              </Caption1>
              {c.reason && <Caption1 className={styles.muted}>{c.reason}</Caption1>}
            </li>
          ))}
        </ul>
      )}

      {results.fits.length > 0 && (
        <details>
          <summary>
            <Caption1>How each metric was estimated</Caption1>
          </summary>
          <ul className={styles.list} aria-label="Model per metric">
            {results.fits.map((f) => (
              <li key={f.metric} className={styles.item}>
                <Body1Strong>{f.metric}</Body1Strong>
                <Caption1>
                  {MODEL_WORD[f.model]}
                  {f.evidence.seasonal ? " with season terms" : ""} · {f.n} periods
                </Caption1>
                <Caption1 className={styles.muted}>{f.evidence.reason}</Caption1>
              </li>
            ))}
          </ul>
        </details>
      )}

      {notes.map((note) => (
        <MessageBar key={note} intent="warning" layout="multiline">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      ))}

      {written.length > 0 && (
        <>
          <Subtitle2 as="h3" className={styles.sub}>
            Output sheets
          </Subtitle2>
          {onOpenSheet ? (
            <div className={styles.sheets} role="group" aria-label="Open an output sheet">
              {written.map((name) => (
                <Button key={name} size="small" onClick={() => onOpenSheet(name)}>
                  {name}
                </Button>
              ))}
            </div>
          ) : (
            <Body1>{written.join(", ")}</Body1>
          )}
        </>
      )}
    </Section>
  );
}
