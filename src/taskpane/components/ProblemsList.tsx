/**
 * Problems: every diagnostic with its severity and message, errors first. Where the pane can
 * select cells (Excel), each problem with a place is a button: click or Enter selects that cell.
 * Elsewhere (the playground) the place is shown as Sheet!Cell.
 */
import {
  Badge,
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { sheetReference } from "../../core/model/address";
import type { Diagnostic, Severity } from "../../core/model/types";
import { Section } from "./Section";

export interface ProblemsListProps {
  diagnostics: Diagnostic[];
  /** Selects the cell; absent where nothing can be selected. */
  onSelect?: (sheet: string, cell: string | null) => Promise<void>;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const BADGE: Record<Severity, { color: "danger" | "warning" | "informative"; text: string }> = {
  error: { color: "danger", text: "Error" },
  warning: { color: "warning", text: "Warning" },
  info: { color: "informative", text: "Info" },
};

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: "4px",
  },
  row: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "start",
    width: "100%",
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    textAlign: "left",
    fontFamily: tokens.fontFamilyBase,
  },
  button: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":active": { backgroundColor: tokens.colorNeutralBackground1Pressed },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "1px",
    },
  },
  text: { display: "flex", flexDirection: "column", rowGap: "2px", minWidth: 0, overflowWrap: "anywhere" },
  place: { color: tokens.colorBrandForeground1 },
  placeStatic: { color: tokens.colorNeutralForeground3 },
});

/** "Levers!D7", "Levers" or null. */
export function placeOf(d: Diagnostic): string | null {
  if (!d.sheet) return null;
  return d.cell ? `${sheetReference(d.sheet)}!${d.cell}` : d.sheet;
}

export function ProblemsList({ diagnostics, onSelect }: ProblemsListProps) {
  const styles = useStyles();
  const [error, setError] = useState<string | null>(null);
  const sorted = [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;

  const select = (d: Diagnostic) => {
    if (!onSelect || !d.sheet) return;
    setError(null);
    onSelect(d.sheet, d.cell).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  const summary =
    diagnostics.length === 0
      ? "No problems found."
      : [
          errors > 0 ? `${errors} error${errors === 1 ? "" : "s"} to fix before analysing` : null,
          warnings > 0 ? `${warnings} warning${warnings === 1 ? "" : "s"}` : null,
          diagnostics.length - errors - warnings > 0
            ? `${diagnostics.length - errors - warnings} note(s)`
            : null,
        ]
          .filter(Boolean)
          .join(", ") + ".";

  return (
    <Section id="problems" title={`Problems${diagnostics.length > 0 ? ` (${diagnostics.length})` : ""}`}>
      <Caption1 role="status">{summary}</Caption1>
      {error && (
        <MessageBar intent="warning">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {sorted.length > 0 && (
        <ul className={styles.list} aria-label="Problems">
          {sorted.map((d, i) => {
            const place = placeOf(d);
            const badge = BADGE[d.severity];
            const content = (
              <>
                <Badge appearance="filled" color={badge.color} size="small">
                  {badge.text}
                </Badge>
                <span className={styles.text}>
                  <Body1>{d.message}</Body1>
                  {place && (
                    <Caption1 className={onSelect ? styles.place : styles.placeStatic}>
                      {onSelect ? `Go to ${place}` : place}
                    </Caption1>
                  )}
                </span>
              </>
            );
            return (
              <li key={`${i}-${d.code}`}>
                {onSelect && d.sheet ? (
                  <button
                    type="button"
                    className={mergeClasses(styles.row, styles.button)}
                    onClick={() => select(d)}
                    aria-label={`${badge.text}: ${d.message} Select ${place} in the workbook.`}
                  >
                    {content}
                  </button>
                ) : (
                  <div className={styles.row}>{content}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
