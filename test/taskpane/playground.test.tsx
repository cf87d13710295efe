/**
 * @jest-environment jsdom
 *
 * The playground in jsdom: load the sample, analyse it on the xlsx host, download the workbook
 * (bytes re-read: output sheets added, inputs unchanged); a file that is not a workbook is refused.
 */
import "./setup";
import { fireEvent, render, screen } from "@testing-library/react";
import { readXlsx } from "../../src/hosts/xlsx/read";
import { PlaygroundWorkbook } from "../../src/hosts/playground";
import { PlaygroundApp, playgroundServices } from "../../src/taskpane/playground";
import { App } from "../../src/taskpane/App";

afterEach(() => {
  document.body.innerHTML = "";
});

test("load the sample, analyse, download the workbook with the alignment sheets", async () => {
  const workbook = new PlaygroundWorkbook();
  const downloads: { bytes: Uint8Array; name: string }[] = [];
  const services = playgroundServices(
    workbook,
    () => undefined,
    (bytes, name) => downloads.push({ bytes, name }),
  );
  render(<App status={{ kind: "outside" }} dark={false} services={services} />);
  fireEvent.click(await screen.findByRole("button", { name: "Insert sample workbook" }));
  await screen.findByText("7 levers");
  const before = readXlsx(workbook.bytes()!);
  fireEvent.click(screen.getByRole("button", { name: "Analyze workbook" }));
  await screen.findByText(/^Analysed in/, undefined, { timeout: 20_000 });
  expect(screen.queryByRole("group", { name: "Open an output sheet" })).toBeNull(); // no sheet view here
  fireEvent.click(screen.getByRole("button", { name: "Download workbook" }));
  expect(downloads).toHaveLength(1);
  expect(downloads[0].name).toBe("rpo-align-sample-aligned.xlsx");
  const after = readXlsx(downloads[0].bytes);
  expect(after.outputSheets).toEqual(
    expect.arrayContaining([
      "Summary",
      "Alignment",
      "Sensitivity",
      "Goal Shift",
      "Action Review",
      "Alignment History",
    ]),
  );
  for (const sheet of before.sheets) {
    expect(after.sheets.find((s) => s.name === sheet.name)?.values).toEqual(sheet.values);
  }
});

test("a file that is not a workbook is refused; the pane stays as it was", async () => {
  render(<PlaygroundApp dark={false} />);
  await screen.findByText("No workbook open.");
  const input = screen.getByTestId("open-file") as HTMLInputElement;
  const file = new File([new TextEncoder().encode("not a zip")], "notes.xlsx");
  Object.defineProperty(file, "arrayBuffer", {
    value: async () => new TextEncoder().encode("not a zip").buffer,
  });
  fireEvent.change(input, { target: { files: [file] } });
  await screen.findByText(/notes\.xlsx could not be opened/);
  expect(screen.getByText("No workbook open.")).toBeTruthy();
});
