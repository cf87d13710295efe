/**
 * @jest-environment jsdom
 *
 * The task pane against fake services: inputs checklist, problems → select, analyse with progress
 * and cancel, results badges, staleness, insert sample, settings.
 */
import "./setup";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { EMPTY_WORKBOOK, fakeServices, sampleWorkbook, type FakeServices } from "./fakes";
import { effectiveStyle } from "../report/fixtures";

function renderPane(services: FakeServices) {
  return render(<App status={{ kind: "excel", platform: "PC" }} dark={false} services={services} />);
}

async function checked() {
  await screen.findByRole("list", { name: "Input sheets" });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  document.body.innerHTML = "";
});

test("Inputs: the five inputs with their counts", async () => {
  renderPane(fakeServices());
  await checked();
  const list = screen.getByRole("list", { name: "Input sheets" });
  const items = within(list).getAllByRole("listitem");
  expect(items.map((li) => li.getAttribute("aria-label"))).toEqual([
    "Levers: found, 7 levers",
    expect.stringMatching(/^Metrics: found, \d+ metrics$/),
    "Goals: found, 2 goal sets",
    "Observations: found, 54 periods",
    "Actions: found, 7 actions",
  ]);
  expect(screen.getByText("No problems found.")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Insert sample workbook" })).toBeNull();
});

test("Insert sample workbook: offered for an empty workbook, inserts, then checks again", async () => {
  const services = fakeServices(EMPTY_WORKBOOK);
  const insert = jest.spyOn(services, "insertSample");
  renderPane(services);
  await checked();
  expect(screen.getByText("No input sheets yet")).toBeTruthy();
  expect(screen.getByText(/4 errors to fix before analysing/)).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Insert sample workbook" }));
  await screen.findByText("7 levers");
  expect(insert).toHaveBeenCalledTimes(1);
  expect(services.host.reads).toBe(2);
  expect(screen.queryByText("No input sheets yet")).toBeNull();
});

test("Insert sample workbook: a failure is shown", async () => {
  const services = fakeServices(EMPTY_WORKBOOK);
  services.insertSample = async () => {
    throw new Error('The workbook already has a sheet named "Levers".');
  };
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Insert sample workbook" }));
  await screen.findByText("The sample could not be inserted");
  expect(screen.getByText(/already has a sheet named "Levers"/)).toBeTruthy();
});

test("Problems: clicking a problem (or Enter on it) selects its sheet and cell", async () => {
  const raw = sampleWorkbook();
  const levers = raw.sheets.find((s) => s.name === "Levers")!;
  levers.values[2][3] = "lots"; // Current of the second lever: text in a number column (D3)
  const services = fakeServices(raw);
  renderPane(services);
  await checked();
  const problems = screen.getByRole("list", { name: "Problems" });
  const button = within(problems).getByRole("button", { name: /Levers!D3/ });
  expect(within(button).getByText("Error")).toBeTruthy();
  fireEvent.click(button);
  await waitFor(() => expect(services.selected).toEqual([["Levers", "D3"]]));
  // A native <button>: focusable in list order, and the browser turns Enter/Space into a click.
  expect(button.tagName).toBe("BUTTON");
  expect(button.getAttribute("type")).toBe("button");
  button.focus();
  expect(document.activeElement).toBe(button);
});

test("Problems in the playground: Sheet!Cell shown, nothing to click", async () => {
  const raw = sampleWorkbook();
  raw.sheets.find((s) => s.name === "Levers")!.values[2][3] = "lots";
  render(<App status={{ kind: "outside" }} dark={false} services={fakeServices(raw, "playground")} />);
  await checked();
  const problems = screen.getByRole("list", { name: "Problems" });
  expect(within(problems).queryAllByRole("button")).toHaveLength(0);
  expect(within(problems).getByText("Levers!D3")).toBeTruthy();
});

test("Analyze: determinate progress with the step name, then the summary and the results", async () => {
  const services = fakeServices();
  renderPane(services);
  await checked();
  const gate = deferred();
  services.host.gate = gate.promise;
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  const bar = await screen.findByRole("progressbar");
  await waitFor(() => expect(screen.getByText("Reading the workbook…")).toBeTruthy());
  expect(bar.getAttribute("aria-valuenow")).toBe(String(0.35 * 0.5));
  expect(screen.getByText("18% done")).toBeTruthy();
  expect(screen.getByRole("button", { name: "Analyze workbook" }).hasAttribute("disabled")).toBe(true);
  await act(async () => gate.resolve());
  await screen.findByText(/^Analysed in \d+(\.\d)? s$/);
  expect(screen.queryByRole("progressbar")).toBeNull();
  expect(services.host.written).toHaveLength(1);
  expect(screen.getByText(/6 sheets written\./)).toBeTruthy();
  const sheets = within(screen.getByRole("group", { name: "Open an output sheet" })).getAllByRole("button");
  expect(sheets.map((b) => b.textContent)).toEqual([
    "Summary",
    "Alignment",
    "Sensitivity",
    "Goal Shift",
    "Action Review",
    "Alignment History",
  ]);

  // Results: badges carry the word as well as the colour.
  const levers = screen.getByRole("list", { name: "Levers" });
  const label = (lever: string) =>
    within(levers)
      .getAllByRole("listitem")
      .find((li) => li.getAttribute("aria-label")!.startsWith(`${lever}:`))!;
  expect(within(label("Recruiter quality")).getByText("Red")).toBeTruthy();
  expect(within(label("Agency share")).getByText("Red")).toBeTruthy();
  expect(within(label("Referral share")).getByText("Green")).toBeTruthy();
  expect(label("Agency share").getAttribute("aria-label")).toMatch(/recommendation Decrease/);
  expect(document.querySelector('[data-count="red"]')!.textContent).toBe("\u2716\u00a02 red");
  expect(document.querySelector('[data-count="green"]')!.textContent).toBe("\u2714\u00a01 green");

  // Tornado chart: an image with a label and a table behind it.
  const chart = screen.getByRole("img", { name: /^Goal leverage by lever: Recruiter quality \+0\.45/ });
  expect(chart.tagName.toLowerCase()).toBe("svg");
  const table = screen.getByRole("table", { name: "Goal leverage by lever" });
  expect(within(table).getAllByRole("row")).toHaveLength(1 + 7);

  // Goal shift and conflicting actions.
  const shift = screen.getByRole("list", { name: "Recommendations changed by the goal shift" });
  expect(within(shift).getByText("Recruiter quality")).toBeTruthy();
  const conflicts = screen.getByRole("list", { name: "Actions in conflict with the goals" });
  expect(within(conflicts).getAllByRole("listitem")).toHaveLength(3);

  // Output sheet buttons open the sheet.
  fireEvent.click(
    within(screen.getByRole("group", { name: "Open an output sheet" })).getByRole("button", {
      name: "Goal Shift",
    }),
  );
  await waitFor(() => expect(services.activated).toEqual(["Goal Shift"]));
});

test("Analyze: Cancel stops the run and says nothing changed", async () => {
  const services = fakeServices();
  renderPane(services);
  await checked();
  services.host.gate = new Promise(() => undefined); // never opens
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByRole("progressbar");
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  await screen.findByText(/^Cancelled\./);
  expect(screen.queryByRole("progressbar")).toBeNull();
  expect(services.host.written).toHaveLength(0);
  expect(screen.getByRole("button", { name: "Analyze workbook" }).hasAttribute("disabled")).toBe(false);
});

test("Analyze: a workbook with errors is not analysed; the problems stay listed", async () => {
  const services = fakeServices(EMPTY_WORKBOOK);
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText("Not analysed");
  expect(screen.getByText(/The workbook has 4 errors/)).toBeTruthy();
  expect(services.host.written).toHaveLength(0);
});

test("Results: the counts shown are those of the sheets written, in the sheets' colours", async () => {
  const services = fakeServices();
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText(/^Analysed in \d+(\.\d)? s$/, undefined, { timeout: 30_000 });
  const [specs] = services.host.written;
  // Sheets written: the message, and one button per sheet the host wrote.
  expect(screen.getByText(new RegExp(`^${specs.length} sheets written\\.$`))).toBeTruthy();
  const buttons = within(screen.getByRole("group", { name: "Open an output sheet" })).getAllByRole("button");
  expect(buttons.map((b) => b.textContent)).toEqual(specs.map((s) => s.name));
  // Levers by colour: counted independently from the written Alignment sheet's RAG column and
  // from the Summary's "Levers" cells; the pane's badges say the same.
  const alignment = specs.find((s) => s.name === "Alignment")!;
  const ragCol = alignment.values.find((line) => line.includes("RAG"))!.indexOf("RAG");
  const summary = specs.find((s) => s.name === "Summary")!;
  const symbols = { green: "\u2714", amber: "\u25CF", red: "\u2716" } as const;
  let total = 0;
  for (const rag of ["green", "amber", "red"] as const) {
    const word = `${symbols[rag]} ${rag[0].toUpperCase()}${rag.slice(1)}`;
    const rows = alignment.values.map((line, r) => (line[ragCol] === word ? r : -1)).filter((r) => r >= 0);
    total += rows.length;
    const summaryRow = summary.values.find((line) => line[0] === word)!;
    expect(summaryRow[1]).toBe(rows.length);
    const badge = document.querySelector(`[data-count="${rag}"]`) as HTMLElement;
    expect(badge.textContent).toBe(`${symbols[rag]}\u00a0${rows.length} ${rag}`);
    // The sheets' palette: the badge has the fill the written cells have.
    const written = effectiveStyle(summary, summary.values.indexOf(summaryRow), 0).fill!;
    expect(badge.style.backgroundColor.replace(/\s/g, "")).toBe(hexToRgb(written));
    for (const r of rows) expect(effectiveStyle(alignment, r, ragCol).fill ?? written).toBe(written);
  }
  // One lever row per coloured lever on the sheet.
  expect(within(screen.getByRole("list", { name: "Levers" })).getAllByRole("listitem")).toHaveLength(total);
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex, 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}

test("Analyze: a failing write is reported", async () => {
  const services = fakeServices();
  services.host.write = async () => {
    throw new Error("The workbook is protected: unprotect it (Review › Protect Workbook) and run again.");
  };
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText("The analysis failed");
  expect(screen.getByText(/The workbook is protected/)).toBeTruthy();
});

test("Staleness: an input change after a run says the results are out of date", async () => {
  const services = fakeServices();
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText(/^Analysed in/);
  expect(screen.queryByText("Results are out of date")).toBeNull();
  expect(services.subscribers.size).toBe(1); // one subscription at a time
  act(() => services.changeInputs());
  expect(screen.getByText("Results are out of date")).toBeTruthy();
  expect(screen.getByText("The input sheets changed after the last analysis.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Update results" }));
  await waitFor(() => expect(screen.queryByText("Results are out of date")).toBeNull());
  expect(services.host.written.length).toBeGreaterThanOrEqual(1);
});

test("Settings: validated per field, then saved through the settings service", async () => {
  const services = fakeServices();
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analysis settings" }));
  const window = screen.getByLabelText("Movement window (periods)");
  fireEvent.change(window, { target: { value: "0" } });
  fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  await screen.findByText("A whole number from 1 to 120.");
  expect(services.saved).toHaveLength(0);
  fireEvent.change(window, { target: { value: "6" } });
  fireEvent.change(screen.getByLabelText("As-of date"), { target: { value: "2025-03-01" } });
  fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
  await screen.findByText("Saved in this workbook.");
  expect(services.saved).toEqual([expect.objectContaining({ movementWindow: 6, asOf: 45717 })]);
});

test("Unmounting cancels a running analysis and unsubscribes", async () => {
  const services = fakeServices();
  const view = renderPane(services);
  await checked();
  expect(services.subscribers.size).toBe(1);
  services.host.gate = new Promise(() => undefined);
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByRole("progressbar");
  view.unmount();
  expect(services.subscribers.size).toBe(0);
});

test("Co-authors: after a run the pane watches for a co-author's duplicate set, shows what it did, and ends the watch on the next run and on unmount", async () => {
  const services = fakeServices();
  const view = renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText(/^Analysed in/);
  expect(services.watches.map((w) => w.run)).toEqual([
    { runId: "memory-run-1", written: services.host.written[0].map((s) => s.name) },
  ]);
  const message =
    "A co-author's analysis ran at the same time as yours, so the workbook held two sets of result sheets. " +
    'It now keeps one set of results: the run of 14:02 (a co-author\'s), in "Summary"; the second set ("Summary (2)") was removed.';
  act(() => services.watches[0].onNotice(message));
  expect(screen.getByText("A co-author analysed at the same time")).toBeTruthy();
  expect(screen.getByText(message)).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
  expect(screen.queryByText(message)).toBeNull();

  act(() => services.watches[0].onNotice(message));
  fireEvent.click(screen.getByRole("button", { name: "Analyze again" }));
  expect(screen.queryByText(message)).toBeNull(); // the next run clears it …
  expect(services.watches[0].stopped).toBe(true); // … and ends the old watch (it handles duplicates itself)
  await waitFor(() => expect(services.watches).toHaveLength(2));
  expect(services.watches[1].stopped).toBe(false);
  view.unmount();
  expect(services.watches[1].stopped).toBe(true);
});

test("Co-authors: the playground starts no watch", async () => {
  const services = fakeServices(sampleWorkbook(), "playground");
  renderPane(services);
  await checked();
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText(/^Analysed in/);
  expect(services.watchCoauthors).toBeUndefined();
});
