/**
 * Season-of-year terms (docs/method.md §2b). Recruitment metrics often move with the calendar (graduate
 * intake, year-end freezes); when the levers do not, that pattern is noise that costs power, and when
 * they do (hiring ramps before peak season), leaving it out biases the lever effects.
 *
 * Seasons are months for monthly data (median spacing 27–32 days) and quarters for quarterly data
 * (85–95 days). Weekly or irregular data get no season terms: 52 weekly dummies would use more degrees
 * of freedom than such histories have (documented in docs/method.md).
 *
 * Season terms are considered only with at least three full years of periods in the history (Hyndman &
 * Athanasopoulos, FPP3 §7.4: each season needs several observations for its dummy to mean anything),
 * and only when every season still has at least MIN_ROWS_PER_SEASON rows in the regression: a lag and
 * the first change take a few months off a 36-month history, which leaves each month two or three
 * rows, enough to estimate its effect (a season seen once would only absorb that row). Counting the
 * history rather than the regression's rows matters: at 36 months every lagged metric lost its season
 * terms under the earlier "35 rows" rule, and with them most of its power on seasonal metrics
 * (docs/monte-carlo.md). They enter as dummy columns for every season but the first that occurs in the
 * rows.
 */
import { dateFromSerial } from "../dates";

export interface SeasonCalendar {
  /** Seasons per year: 12 (monthly) or 4 (quarterly). */
  perYear: 12 | 4;
  /** Season index (0-based) of each period. */
  seasonOf: number[];
}

/** Minimum number of full years of periods in the history before season terms are considered. */
export const MIN_SEASON_YEARS = 3;
/** Minimum number of regression rows in every season for season terms. */
export const MIN_ROWS_PER_SEASON = 2;

/** The calendar of a period axis, or null when it is neither monthly nor quarterly. */
export function seasonCalendar(periods: readonly number[]): SeasonCalendar | null {
  if (periods.length < 3) return null;
  const steps: number[] = [];
  for (let t = 1; t < periods.length; t++) steps.push(periods[t] - periods[t - 1]);
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  const perYear = median >= 27 && median <= 32 ? 12 : median >= 85 && median <= 95 ? 4 : null;
  if (perYear === null) return null;
  const seasonOf = periods.map((p) => {
    const month = dateFromSerial(Math.floor(p)).month - 1;
    return perYear === 12 ? month : Math.floor(month / 3);
  });
  return { perYear, seasonOf };
}

/**
 * Whether the given rows (indices into the period axis) can carry season terms: the history
 * (`historyPeriods`, the periods up to the as-of date) holds at least MIN_SEASON_YEARS full years and
 * every season has at least MIN_ROWS_PER_SEASON rows. One rule for the regression's season dummies
 * and for the season means the drift tests take out (model-choice.ts).
 */
export function seasonsEstimable(
  calendar: SeasonCalendar,
  rows: readonly number[],
  historyPeriods: number,
): boolean {
  if (historyPeriods < MIN_SEASON_YEARS * calendar.perYear) return false;
  const counts = new Array<number>(calendar.perYear).fill(0);
  for (const s of rows) counts[calendar.seasonOf[s]]++;
  return counts.every((c) => c >= MIN_ROWS_PER_SEASON);
}

/**
 * Dummy columns for the seasons of the given rows (row s has season calendar.seasonOf[s]); the first
 * season present is the baseline. null when the rows cannot carry season terms (seasonsEstimable).
 */
export function seasonDummies(
  calendar: SeasonCalendar,
  rows: readonly number[],
  historyPeriods: number,
): number[][] | null {
  if (!seasonsEstimable(calendar, rows, historyPeriods)) return null;
  const baseline = calendar.seasonOf[rows[0]];
  const columns: number[][] = [];
  for (let season = 0; season < calendar.perYear; season++) {
    if (season === baseline) continue;
    columns.push(rows.map((s) => (calendar.seasonOf[s] === season ? 1 : 0)));
  }
  return columns;
}

/**
 * `values[i]` (observed at period `rows[i]`) less its season's mean over these rows; null when the
 * rows cannot carry season terms (seasonsEstimable).
 */
export function withoutSeasonMeans(
  calendar: SeasonCalendar,
  rows: readonly number[],
  values: readonly number[],
  historyPeriods: number,
): number[] | null {
  if (!seasonsEstimable(calendar, rows, historyPeriods)) return null;
  const sums = new Array<number>(calendar.perYear).fill(0);
  const counts = new Array<number>(calendar.perYear).fill(0);
  rows.forEach((s, i) => {
    sums[calendar.seasonOf[s]] += values[i];
    counts[calendar.seasonOf[s]]++;
  });
  return rows.map((s, i) => values[i] - sums[calendar.seasonOf[s]] / counts[calendar.seasonOf[s]]);
}
