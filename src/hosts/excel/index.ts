/** The Excel (Office.js) host. office-helpers.ts is not re-exported: import it where it is needed. */
export { ExcelHost } from "./host";
export { ExcelWriteError, PROTECTED_MESSAGE } from "./errors";
export { excelRun, type ExcelRun } from "./run";
export { selectCell, activateSheet, NavigationError } from "./navigate";
export { watchInputChanges, inputSheetNames, type InputChange } from "./changes";
export {
  officeSettingsStore,
  loadAnalysisSettings,
  saveAnalysisSettings,
  refreshAnalysisSettings,
  validateSettings,
  userPreferences,
  DEFAULT_PREFERENCES,
  type WorkbookSettingsStore,
  type UserPreferences,
  type Preferences,
} from "./settings";
