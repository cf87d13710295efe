/**
 * The task pane: what RPO Align is for, what works today, and where the analysis flow will live.
 * Pure UI: it receives the host status and theme as props and never touches Office.js, so it
 * renders (and can be tested) outside Excel.
 */
import {
  Badge,
  Body1,
  Caption1,
  FluentProvider,
  Link,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";

export type HostStatus =
  /** Office.js is loaded and Office.onReady has not answered yet. */
  | { kind: "starting" }
  /** Running inside Excel. */
  | { kind: "excel"; platform: string | null }
  /** A plain browser: Office.js absent, or Office.onReady answered with no host (or another app). */
  | { kind: "outside" };

export interface AppProps {
  status: HostStatus;
  dark: boolean;
}

export const DOCS_URL = "https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#regress";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
  },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
  },
  headerText: { display: "flex", flexDirection: "column" },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  placeholder: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

function StatusBadge({ status }: { status: HostStatus }) {
  switch (status.kind) {
    case "excel":
      return (
        <Badge appearance="tint" color="success">
          Connected to Excel{status.platform ? ` (${status.platform})` : ""}
        </Badge>
      );
    case "starting":
      return (
        <Badge appearance="tint" color="informative">
          Starting…
        </Badge>
      );
    default:
      return (
        <Badge appearance="tint" color="warning">
          Not running in Excel
        </Badge>
      );
  }
}

export function App({ status, dark }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root}>
        <header className={styles.header}>
          <img src="assets/icon-32.png" alt="" width={32} height={32} />
          <div className={styles.headerText}>
            <Title3 as="h1">RPO Align</Title3>
            <Caption1>Levers → recruitment KPIs → business outcomes → weighted goals</Caption1>
          </div>
        </header>
        <div>
          <StatusBadge status={status} />
        </div>

        <section className={styles.section} aria-labelledby="what-heading">
          <Subtitle2 as="h2" id="what-heading">
            What this add-in does
          </Subtitle2>
          <Body1>
            RPO Align links the levers a recruitment process outsourcing partner controls to the recruitment
            KPIs they move, those KPIs to the client&apos;s business outcomes, and the outcomes to the
            client&apos;s goals as the client weights them, so both sides can see which levers matter most.
          </Body1>
          <Body1>
            Each link is estimated by least-squares regression on the history in your workbook, and every
            estimate says how certain it is.
          </Body1>
        </section>

        <section className={styles.section} aria-labelledby="now-heading">
          <Subtitle2 as="h2" id="now-heading">
            Available now
          </Subtitle2>
          <Body1>
            <span className={styles.code}>=RPO.REGRESS(known_y, known_x, [const], [stats])</span> in any cell:
            the same result as LINEST, except that where LINEST silently drops a collinear column, REGRESS
            shows #N/A with an explanation. <Link href={DOCS_URL}>How it works</Link>
          </Body1>
        </section>

        <section className={styles.placeholder} aria-labelledby="analysis-heading">
          <Subtitle2 as="h2" id="analysis-heading">
            Workbook analysis
          </Subtitle2>
          <Body1>
            Not built yet. This is where RPO Align will read your lever, KPI, outcome and goal sheets and
            write the alignment report. Nothing in this pane reads or changes your workbook today.
          </Body1>
        </section>

        {status.kind === "outside" && (
          <Caption1>To work with a workbook, open RPO Align from Excel: Home tab, RPO Align button.</Caption1>
        )}
      </main>
    </FluentProvider>
  );
}
