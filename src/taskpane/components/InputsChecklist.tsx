/**
 * Inputs: the five inputs with where they were found and how many items each holds; for a
 * workbook without any, the "Insert sample workbook" action.
 */
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { countText, type InputItem } from "../inputs";
import type { CheckPhase } from "../useAnalysis";
import { Section } from "./Section";

export interface InputsChecklistProps {
  check: CheckPhase;
  onRecheck: () => void;
  onInsertSample: () => void;
  inserting: boolean;
  insertError: string | null;
  /** Disables the actions while an analysis runs. */
  busy: boolean;
}

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
  },
  item: {
    display: "grid",
    gridTemplateColumns: "20px 1fr auto",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    paddingTop: "3px",
    paddingBottom: "3px",
  },
  mark: { fontWeight: tokens.fontWeightSemibold, textAlign: "center" },
  found: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  optional: { color: tokens.colorNeutralForeground3 },
  name: { display: "flex", flexDirection: "column", minWidth: 0 },
  where: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  count: { color: tokens.colorNeutralForeground2, textAlign: "right", whiteSpace: "nowrap" },
});

function statusText(item: InputItem): string {
  if (item.status === "found") return "found";
  if (item.status === "ambiguous") return "found more than once";
  return item.required ? "missing" : "optional, not found";
}

function Item({ item }: { item: InputItem }) {
  const styles = useStyles();
  const ok = item.status === "found";
  const markClass = ok
    ? styles.found
    : item.required || item.status === "ambiguous"
      ? styles.missing
      : styles.optional;
  return (
    <li
      className={styles.item}
      aria-label={`${item.kind}: ${statusText(item)}${ok ? `, ${countText(item)}` : ""}`}
    >
      <span className={`${styles.mark} ${markClass}`} aria-hidden="true">
        {ok ? "✓" : item.required || item.status === "ambiguous" ? "✕" : "–"}
      </span>
      <span className={styles.name}>
        <Body1>{item.kind}</Body1>
        <Caption1 className={styles.where}>{item.where ?? statusText(item)}</Caption1>
      </span>
      <Caption1 className={styles.count}>{ok ? countText(item) : ""}</Caption1>
    </li>
  );
}

export function InputsChecklist(props: InputsChecklistProps) {
  const styles = useStyles();
  const { check } = props;
  const checking = check.kind === "checking";
  const recheck = (
    <Button size="small" appearance="subtle" onClick={props.onRecheck} disabled={checking || props.busy}>
      Check again
    </Button>
  );
  return (
    <Section id="inputs" title="Inputs" action={check.kind === "idle" || checking ? undefined : recheck}>
      {(check.kind === "idle" || checking) && (
        <Spinner size="tiny" label="Reading the workbook…" labelPosition="after" />
      )}
      {check.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>The workbook could not be read</MessageBarTitle>
            {check.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {check.kind === "checked" && (
        <>
          <ul className={styles.list} aria-label="Input sheets">
            {check.result.items.map((item) => (
              <Item key={item.kind} item={item} />
            ))}
          </ul>
          {check.result.empty && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>No input sheets yet</MessageBarTitle>
                Add Levers, Metrics, Goals, Observations and Actions sheets, or start from the sample
                engagement.
              </MessageBarBody>
              <MessageBarActions>
                <Button
                  appearance="primary"
                  onClick={props.onInsertSample}
                  disabled={props.inserting || props.busy}
                >
                  {props.inserting ? "Inserting…" : "Insert sample workbook"}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
        </>
      )}
      {props.insertError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The sample could not be inserted</MessageBarTitle>
            {props.insertError}
          </MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}
