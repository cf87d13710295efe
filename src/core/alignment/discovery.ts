/**
 * Discovery: which business outcomes respond to which recruitment KPIs. Each business outcome is
 * regressed (OLS with intercept) on all recruitment KPIs together, and the KPI → outcome elasticity
 * at the means is read off as in sensitivity.ts.
 *
 * Lag choice: a lever move at t shows in KPI k at t + lag_k and in the outcome at t + lag_o, so the
 * outcome at s is paired with KPI k at s − max(0, lag_o − lag_k). A KPI declared slower than the
 * outcome (lag_k > lag_o) is paired in the same period (the relative lag is clamped at 0): an outcome
 * cannot respond to a KPI value that has not happened yet.
 *
 * Form: each outcome's regression is fitted in the form chosen for that outcome (model-choice.ts), so
 * KPI → outcome elasticities mean the same as lever → outcome ones and chains multiply like with like.
 */
import type { DiscoveryLink } from "./types";
import type { Series } from "./lag";
import { regressLagged, type FittedForm, type SensitivityFit } from "./sensitivity";

export interface LaggedSeries {
  name: string;
  lag: number;
  values: Series;
  /** Form of the outcome's regression (ignored for KPIs); default levels. */
  form?: FittedForm;
}

export interface DiscoveryResult {
  links: DiscoveryLink[];
  /** Elasticity KPI → outcome, kpis × outcomes (null where unknown). */
  elasticities: (number | null)[][];
  /** One fit per outcome, in the order given. */
  fits: SensitivityFit[];
}

/** Relative lag of an outcome behind a KPI (see the module comment). */
export function relativeLag(kpiLag: number, outcomeLag: number): number {
  return Math.max(0, outcomeLag - kpiLag);
}

export function discover(
  kpis: readonly LaggedSeries[],
  outcomes: readonly LaggedSeries[],
  options: {
    endIndex: number;
    significanceLevel: number;
    minDegreesOfFreedom: number;
    periods?: readonly number[];
  },
): DiscoveryResult {
  const links: DiscoveryLink[] = [];
  const elasticities: (number | null)[][] = kpis.map(() => outcomes.map(() => null));
  const fits: SensitivityFit[] = [];
  outcomes.forEach((outcome, o) => {
    const fit = regressLagged(
      outcome.values,
      kpis.map((k) => k.values),
      kpis.map((k) => relativeLag(k.lag, outcome.lag)),
      {
        ...options,
        form: outcome.form ?? "levels",
        names: kpis.map((k) => k.name),
        targetName: `${outcome.name} (on the recruitment KPIs)`,
      },
    );
    fits.push(fit);
    kpis.forEach((kpi, k) => {
      const row = fit.rows[k];
      elasticities[k][o] = row.elasticity;
      links.push({
        kpi: kpi.name,
        outcome: outcome.name,
        elasticity: row.elasticity,
        pValue: row.pValue,
        significant: row.significant,
        n: fit.n,
        r2: fit.r2,
      });
    });
  });
  return { links, elasticities, fits };
}
