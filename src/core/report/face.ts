/**
 * The face a report is built for. The sheets are the same for every face; a few sentences point
 * the reader somewhere else (where the full list of messages is), and those must name a place the
 * reader has: a command-line user has no task pane.
 */
export type ReportFace = "task pane" | "command line";

/** Where every message of the run can be read, for a sheet that lists only the first few. */
export function whereAllMessagesAre(face: ReportFace | undefined): string {
  switch (face) {
    case "task pane":
      return "see the task pane's Problems list";
    case "command line":
      return "rpo-align printed them all when it ran";
    default:
      return "the run that wrote this sheet listed them all";
  }
}
