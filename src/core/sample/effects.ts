/**
 * The sample engagement's levers, metrics and the linear effects planted in its history
 * (docs/sample-workbook.md tells the story). Everything the generator uses is here, so a test can
 * check that the analysis recovers what was planted.
 *
 * Model (t = month):
 *   KPI[t]     = base + Σ_lever coefficient × (lever[t − lag] − lever centre) + noise
 *   outcome[t] = base + Σ_KPI coefficient × (KPI[t − shift] − KPI base) + noise,
 *                shift = outcome lag − KPI lag,
 * so an outcome responds to the levers `lag` months earlier, through the KPIs only; its direct
 * effect of a lever is Σ_KPI (KPI → outcome) × (lever → KPI) exactly (SAMPLE_PLANTED_EFFECTS.direct).
 */
import type { Better, Layer } from "../model/types";

export interface SampleLever {
  name: string;
  category: string;
  unit: string;
  min: number;
  max: number;
  /** Centre of the lever's mean-reverting walk. */
  centre: number;
  /** Standard deviation of the walk around its centre. */
  sd: number;
  /** Bounds the walk is kept inside (within min..max). */
  walkLow: number;
  walkHigh: number;
  /** Values are rounded to multiples of this (0.5 FTE, 5 screens, half a percentage point…). */
  step: number;
  costPerUnit: number | null;
  numberFormat: string;
  description: string;
}

export interface SampleMetric {
  name: string;
  layer: Layer;
  unit: string;
  better: Better;
  lag: number;
  /** Value when every driver sits at its centre (KPIs) or base (outcomes). */
  base: number;
  /** Standard deviation of the metric's own noise. */
  noise: number;
  /** Values are rounded to multiples of this. */
  step: number;
  numberFormat: string;
  description: string;
}

export const LEVERS = {
  recruiters: "Recruiters",
  quality: "Recruiter quality",
  screening: "Screening capacity",
  interviews: "Interview scheduling capacity",
  referral: "Referral share",
  agency: "Agency share",
  workDays: "Work days per week",
} as const;

export const METRICS = {
  timeToFill: "Time to fill",
  costPerHire: "Cost per hire",
  qualityOfHire: "Quality of hire",
  earlyAttrition: "Early attrition (90-day)",
  businessAttrition: "Business attrition",
  training: "Training performance",
  rating: "Performance rating",
} as const;

export const SAMPLE_LEVERS: readonly SampleLever[] = [
  {
    name: LEVERS.recruiters,
    category: "Capacity",
    unit: "FTE",
    min: 8,
    max: 20,
    centre: 13,
    sd: 1.5,
    walkLow: 9.5,
    walkHigh: 17,
    step: 0.5,
    costPerUnit: 7500,
    numberFormat: "0.0",
    description: "Recruiters dedicated to the client (full-time equivalents).",
  },
  {
    name: LEVERS.quality,
    category: "Quality",
    unit: "score (1-5)",
    min: 2.5,
    max: 4.8,
    centre: 3.8,
    sd: 0.3,
    walkLow: 3.2,
    walkHigh: 4.4,
    step: 0.1,
    costPerUnit: 4000,
    numberFormat: "0.0",
    description: "Average recruiter capability score (seniority, training, assessment tools), 1-5.",
  },
  {
    name: LEVERS.screening,
    category: "Capacity",
    unit: "screens/week",
    min: 80,
    max: 260,
    centre: 170,
    sd: 22,
    walkLow: 120,
    walkHigh: 220,
    step: 5,
    costPerUnit: 45,
    numberFormat: "0",
    description: "Phone and video screens the team can run per week.",
  },
  {
    name: LEVERS.interviews,
    category: "Capacity",
    unit: "slots/week",
    min: 40,
    max: 140,
    centre: 90,
    sd: 14,
    walkLow: 60,
    walkHigh: 130,
    step: 1,
    costPerUnit: 60,
    numberFormat: "0",
    description: "Hiring-manager interview slots scheduled per week.",
  },
  {
    name: LEVERS.referral,
    category: "Sourcing mix",
    unit: "% of hires",
    min: 0.05,
    max: 0.45,
    centre: 0.2,
    sd: 0.045,
    walkLow: 0.1,
    walkHigh: 0.3,
    step: 0.005,
    costPerUnit: null,
    numberFormat: "0.0%",
    description: "Share of hires that came through employee referrals.",
  },
  {
    name: LEVERS.agency,
    category: "Sourcing mix",
    unit: "% of hires",
    min: 0.05,
    max: 0.45,
    centre: 0.2,
    sd: 0.045,
    walkLow: 0.06,
    walkHigh: 0.3,
    step: 0.005,
    costPerUnit: null,
    numberFormat: "0.0%",
    description: "Share of hires placed by third-party agencies.",
  },
  {
    name: LEVERS.workDays,
    category: "Operations",
    unit: "days",
    min: 4,
    max: 6,
    centre: 5.2,
    sd: 0.35,
    walkLow: 4.5,
    walkHigh: 6,
    step: 0.5,
    costPerUnit: 6000,
    numberFormat: "0.0",
    description: "Recruiting team working days per week (5.5 = half-day Saturdays).",
  },
];

export const SAMPLE_METRICS: readonly SampleMetric[] = [
  {
    name: METRICS.timeToFill,
    layer: "Recruitment",
    unit: "days",
    better: "Lower",
    lag: 0,
    base: 40.9,
    noise: 0.12,
    step: 0.1,
    numberFormat: "0.0",
    description: "Days from requisition approval to accepted offer. Responds in the same month.",
  },
  {
    name: METRICS.costPerHire,
    layer: "Recruitment",
    unit: "$",
    better: "Lower",
    lag: 0,
    base: 4370,
    noise: 8,
    step: 1,
    numberFormat: "#,##0",
    description: "Total recruiting cost divided by hires. Responds in the same month.",
  },
  {
    name: METRICS.qualityOfHire,
    layer: "Recruitment",
    unit: "score (1-5)",
    better: "Higher",
    lag: 0,
    base: 3.55,
    noise: 0.015,
    step: 0.01,
    numberFormat: "0.00",
    description: "Hiring-manager rating of the month's hires at 30 days, 1-5 (attributed to the hire month).",
  },
  {
    name: METRICS.earlyAttrition,
    layer: "Recruitment",
    unit: "% of hires",
    better: "Lower",
    lag: 1,
    base: 0.11,
    noise: 0.0015,
    step: 0.0001,
    numberFormat: "0.0%",
    description: "Share of hires leaving within 90 days; shows one month after the hiring month.",
  },
  {
    name: METRICS.businessAttrition,
    layer: "Business",
    unit: "% per year",
    better: "Lower",
    lag: 2,
    base: 0.17,
    noise: 0.0015,
    step: 0.0001,
    numberFormat: "0.0%",
    description:
      "Annualised attrition of the client's workforce in the roles we fill; two months behind hiring.",
  },
  {
    name: METRICS.training,
    layer: "Business",
    unit: "score (0-100)",
    better: "Higher",
    lag: 1,
    base: 75,
    noise: 0.2,
    step: 0.1,
    numberFormat: "0.0",
    description: "New-hire training assessment score; training runs in the month after hiring.",
  },
  {
    name: METRICS.rating,
    layer: "Business",
    unit: "rating (1-5)",
    better: "Higher",
    lag: 3,
    base: 3.4,
    noise: 0.01,
    step: 0.01,
    numberFormat: "0.00",
    description: "Average first performance rating of new hires; three months after hiring.",
  },
];

export interface PlantedEffect {
  /** A lever (lever → KPI and direct effects) or a KPI (KPI → outcome). */
  from: string;
  to: string;
  /** Change of `to` per unit of `from`, in the sheets' units (shares and percentages as fractions). */
  coefficient: number;
}

/** lever → KPI coefficients (absent pairs are zero). */
const LEVER_TO_KPI: PlantedEffect[] = [
  { from: LEVERS.recruiters, to: METRICS.timeToFill, coefficient: -0.3 },
  { from: LEVERS.quality, to: METRICS.timeToFill, coefficient: -0.6 },
  { from: LEVERS.screening, to: METRICS.timeToFill, coefficient: -0.02 },
  { from: LEVERS.interviews, to: METRICS.timeToFill, coefficient: -0.035 },
  { from: LEVERS.referral, to: METRICS.timeToFill, coefficient: -4 },
  { from: LEVERS.agency, to: METRICS.timeToFill, coefficient: -12 },
  { from: LEVERS.workDays, to: METRICS.timeToFill, coefficient: -1 },

  { from: LEVERS.recruiters, to: METRICS.costPerHire, coefficient: 10 },
  { from: LEVERS.quality, to: METRICS.costPerHire, coefficient: 150 },
  { from: LEVERS.referral, to: METRICS.costPerHire, coefficient: -700 },
  { from: LEVERS.agency, to: METRICS.costPerHire, coefficient: 1200 },
  { from: LEVERS.workDays, to: METRICS.costPerHire, coefficient: 30 },

  { from: LEVERS.quality, to: METRICS.qualityOfHire, coefficient: 0.3 },
  { from: LEVERS.screening, to: METRICS.qualityOfHire, coefficient: 0.0025 },
  { from: LEVERS.referral, to: METRICS.qualityOfHire, coefficient: 0.8 },
  { from: LEVERS.agency, to: METRICS.qualityOfHire, coefficient: -0.9 },

  { from: LEVERS.quality, to: METRICS.earlyAttrition, coefficient: -0.015 },
  { from: LEVERS.referral, to: METRICS.earlyAttrition, coefficient: -0.05 },
  { from: LEVERS.agency, to: METRICS.earlyAttrition, coefficient: 0.08 },
];

/** KPI → business outcome coefficients (the chain). */
const KPI_TO_OUTCOME: PlantedEffect[] = [
  { from: METRICS.earlyAttrition, to: METRICS.businessAttrition, coefficient: 0.8 },
  { from: METRICS.qualityOfHire, to: METRICS.businessAttrition, coefficient: -0.06 },
  { from: METRICS.qualityOfHire, to: METRICS.training, coefficient: 12 },
  { from: METRICS.qualityOfHire, to: METRICS.rating, coefficient: 0.35 },
  { from: METRICS.earlyAttrition, to: METRICS.rating, coefficient: -1.5 },
];

function directEffects(): PlantedEffect[] {
  const kpi = (lever: string, metric: string) =>
    LEVER_TO_KPI.find((e) => e.from === lever && e.to === metric)?.coefficient ?? 0;
  const out: PlantedEffect[] = [];
  for (const metric of SAMPLE_METRICS) {
    for (const lever of SAMPLE_LEVERS) {
      let coefficient: number;
      if (metric.layer === "Recruitment") coefficient = kpi(lever.name, metric.name);
      else
        coefficient = KPI_TO_OUTCOME.filter((e) => e.to === metric.name).reduce(
          (sum, e) => sum + e.coefficient * kpi(lever.name, e.from),
          0,
        );
      out.push({ from: lever.name, to: metric.name, coefficient });
    }
  }
  return out;
}

/**
 * The planted effects: lever → KPI, KPI → outcome, and for every lever × metric pair the direct
 * effect that a regression of the metric on all levers (levers taken `lag` months earlier)
 * estimates: the planted coefficient for KPIs, the chain's product for business outcomes.
 * A coefficient of 0 means "no effect".
 */
export const SAMPLE_PLANTED_EFFECTS: {
  leverToKpi: readonly PlantedEffect[];
  kpiToOutcome: readonly PlantedEffect[];
  direct: readonly PlantedEffect[];
} = { leverToKpi: LEVER_TO_KPI, kpiToOutcome: KPI_TO_OUTCOME, direct: directEffects() };
