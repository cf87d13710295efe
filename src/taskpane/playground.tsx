/**
 * The browser playground: the task pane outside Office, on an .xlsx workbook held in memory.
 * Loaded with a dynamic import() from index.tsx only when the page is not in Excel, so the xlsx
 * host (and fflate) and the sample workbook stay out of the in-Excel bundle.
 */
import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import { DEFAULT_SETTINGS, type AnalysisSettings } from "../core/alignment/settings";
import { TOOL_VERSION } from "../core/version";
import { loadBrowserSolver } from "./solver";
import { validateSettings } from "../hosts/excel/settings";
import { PlaygroundWorkbook } from "../hosts/playground";
import { App } from "./App";
import type { TaskPaneServices } from "./services";
import { pageEngine } from "./worker-engine";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Saves bytes as a file through a temporary object URL. */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: XLSX_TYPE });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** TaskPaneServices over a PlaygroundWorkbook: no cell selection, settings in memory. */
export function playgroundServices(
  workbook: PlaygroundWorkbook,
  onOpened: () => void,
  save: (bytes: Uint8Array, name: string) => void = downloadBytes,
): TaskPaneServices {
  let settings: AnalysisSettings = { ...DEFAULT_SETTINGS };
  return {
    kind: "playground",
    host: workbook,
    onInputsChanged: () => () => undefined, // nothing edits the inputs in the playground
    settings: {
      load: () => ({ settings, messages: [] }),
      save: (next) => {
        const { messages } = validateSettings(next);
        if (messages.length > 0) return Promise.reject(new Error(messages.join(" ")));
        settings = { ...next };
        return Promise.resolve();
      },
    },
    insertSample() {
      workbook.openSample();
      onOpened();
      return Promise.resolve();
    },
    download() {
      const bytes = workbook.bytes();
      if (bytes) save(bytes, workbook.downloadName());
    },
    loadSolver: loadBrowserSolver,
    toolVersion: TOOL_VERSION,
  };
}

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  file: { display: "none" },
});

export function PlaygroundApp({ dark }: { dark: boolean }) {
  const styles = useStyles();
  const [workbook] = useState(() => new PlaygroundWorkbook());
  const [name, setName] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const services = useMemo(() => playgroundServices(workbook, () => setName(workbook.name)), [workbook]);

  const opened = () => {
    setError(null);
    setName(workbook.name);
    setVersion((v) => v + 1); // a new workbook: start the pane over
  };

  const openFile = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Read once in the analysis worker to see that it is a workbook (a big file takes seconds).
      const validated = await pageEngine().validateXlsx(bytes);
      workbook.open(bytes, file.name, { validated });
      opened();
    } catch (e) {
      setError(`${file.name} could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const toolbar = (
    <div className={styles.bar} role="region" aria-label="Playground workbook">
      <Caption1 className={styles.muted}>
        Browser playground: the workbook stays in this page; nothing is uploaded.
      </Caption1>
      <div className={styles.buttons}>
        <Button size="small" onClick={() => fileInput.current?.click()}>
          Open workbook…
        </Button>
        <Button
          size="small"
          onClick={() => {
            workbook.openSample();
            opened();
          }}
        >
          Load sample workbook
        </Button>
      </div>
      <input
        ref={fileInput}
        className={styles.file}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="Open an .xlsx workbook"
        data-testid="open-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void openFile(file);
        }}
      />
      <Caption1 aria-live="polite">{name ? `Open: ${name}` : "No workbook open."}</Caption1>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );

  return (
    <App
      status={{ kind: "outside" }}
      dark={dark}
      services={services}
      toolbar={toolbar}
      workbookKey={version}
    />
  );
}
