/** The rpo-align command's exit codes, the one list the command, its help text and bin/ use. */
export const EXIT_OK = 0;
/** The workbook has errors (each listed with Sheet!Cell, nothing written), or cannot be read. */
export const EXIT_WORKBOOK_ERRORS = 1;
/** The command line is wrong (unknown option, missing file name, ...). */
export const EXIT_USAGE = 2;
/** Anything else: a bug in rpo-align, reported as "internal error". */
export const EXIT_INTERNAL_ERROR = 3;

export const EXIT_CODES_HELP =
  `Exit codes: ${EXIT_OK} done; ${EXIT_WORKBOOK_ERRORS} the workbook has errors (each listed with Sheet!Cell, ` +
  `nothing written); ${EXIT_USAGE} usage error; ${EXIT_INTERNAL_ERROR} internal error (please report it).`;
