/** A titled region of the pane (a landmark with a heading, for screen-reader navigation). */
import { Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: "8px",
    minHeight: "24px",
  },
  heading: { margin: 0 },
});

export function Section(props: { id: string; title: ReactNode; action?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={`${props.id}-heading`}>
      <div className={styles.header}>
        <Subtitle2 as="h2" id={`${props.id}-heading`} className={styles.heading}>
          {props.title}
        </Subtitle2>
        {props.action}
      </div>
      {props.children}
    </section>
  );
}

/** Hidden on screen, read by screen readers (tables behind charts). */
export const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: "0",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: "0",
} as const;
