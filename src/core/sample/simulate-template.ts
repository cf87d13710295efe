/**
 * The engagement the Monte Carlo simulator (simulate.ts) plays out: seven levers, four recruitment
 * KPIs and three business outcomes, the planted elasticities between them, two goal sets and six
 * SPOC requests. The structure is fixed; the paths, the market and the noise come from the seed.
 *
 * Planted effects (true elasticities; every other lever → metric pair is exactly 0):
 *   Recruiters          → Time to fill −0.5
 *   Sourcing budget     → Applicants per opening +0.5
 *   Interview slots     → Time to fill −0.5
 *   Agency hires        → Time to fill −0.5, Cost per hire +0.5, Quality of hire −0.5, Early attrition +0.5
 *   Referral bonus      → Cost per hire −0.5
 *   Assessment hours    → Quality of hire +0.5, Early attrition −0.5
 *   Employer-brand spend: no effect on anything
 * 10 planted pairs, 39 null pairs per engagement.
 *
 * Goals: faster, cheaper hiring (Time to fill and Cost per hire down, 0.5 each) from the first
 * period; retention and quality (Early attrition down 0.55, Quality of hire up 0.45) from
 * GOAL_CHANGE_MONTHS_BEFORE_END months before the last period. Under the current goals Agency hires
 * has true leverage −0.5 (decrease) and Assessment hours +0.5 (increase); the five other levers have
 * true leverage exactly 0, three of them because their effects are on metrics the client no longer
 * targets (Recruiters, Interview slots and Referral bonus had leverage +0.25 under the old goals).
 * The strong levers act on both current goal metrics the same way: a lever with one −0.5 effect
 * on one of two goals has a leverage whose standard error is about as large as the planted pair's,
 * so no valid procedure could recommend it reliably at the noise the simulator is calibrated to.
 *
 * Actions: four requests move a lever whose true current leverage is 0 (a "conflict" on any of them
 * is false), one goes against a true recommendation (Agency hires up) and one with it (Assessment
 * hours up).
 */
import type { Better, GoalDirection, Layer } from "../model/types";

export interface SimLever {
  name: string;
  category: string;
  unit: string;
  /** Typical level (the geometric centre of the path). */
  base: number;
  /** Log drift per period in the drifting designs (0.006 ≈ +0.6% a month). */
  drift: number;
}

export interface SimMetric {
  name: string;
  layer: Layer;
  unit: string;
  better: Better;
  lag: number;
  base: number;
  /** Loading on the unobserved labour-market factor (+1: a tight market raises the metric). */
  market: 1 | -1;
}

export interface SimGoal {
  goal: string;
  metric: string;
  direction: GoalDirection;
  weight: number;
}

export interface SimAction {
  /** Periods before the last one that the request is dated (0 = the last period). */
  monthsBeforeEnd: number;
  lever: string;
  /** Requested relative change of the lever from its value at the date (+0.1 = +10%). */
  change: number;
  requestedBy: string;
  rationale: string;
}

export const SIM_LEVERS: readonly SimLever[] = [
  { name: "Recruiters", category: "Capacity", unit: "FTE", base: 12, drift: 0.006 },
  { name: "Sourcing budget", category: "Sourcing", unit: "$ per month", base: 20000, drift: 0 },
  { name: "Interview slots", category: "Capacity", unit: "slots per week", base: 90, drift: 0 },
  { name: "Agency hires", category: "Sourcing", unit: "hires per month", base: 15, drift: 0.005 },
  { name: "Referral bonus", category: "Sourcing", unit: "$ per hire", base: 1500, drift: 0 },
  { name: "Assessment hours", category: "Quality", unit: "hours per hire", base: 6, drift: 0 },
  { name: "Employer-brand spend", category: "Brand", unit: "$ per month", base: 8000, drift: 0.004 },
];

export const SIM_METRICS: readonly SimMetric[] = [
  { name: "Time to fill", layer: "Recruitment", unit: "days", better: "Lower", lag: 0, base: 45, market: 1 },
  { name: "Cost per hire", layer: "Recruitment", unit: "$", better: "Lower", lag: 0, base: 4800, market: 1 },
  {
    name: "Applicants per opening",
    layer: "Recruitment",
    unit: "applicants",
    better: "Higher",
    lag: 1,
    base: 35,
    market: -1,
  },
  {
    name: "Candidate satisfaction",
    layer: "Recruitment",
    unit: "score (1-10)",
    better: "Higher",
    lag: 1,
    base: 7.5,
    market: -1,
  },
  {
    name: "Quality of hire",
    layer: "Business",
    unit: "score (1-5)",
    better: "Higher",
    lag: 2,
    base: 3.6,
    market: -1,
  },
  {
    name: "Early attrition",
    layer: "Business",
    unit: "share",
    better: "Lower",
    lag: 2,
    base: 0.09,
    market: 1,
  },
  {
    name: "Hiring manager satisfaction",
    layer: "Business",
    unit: "score (1-10)",
    better: "Higher",
    lag: 1,
    base: 7.8,
    market: -1,
  },
];

/** The planted (non-zero) elasticities; every other lever → metric pair is 0. */
export const SIM_PLANTED: readonly { lever: string; metric: string; elasticity: number }[] = [
  { lever: "Recruiters", metric: "Time to fill", elasticity: -0.5 },
  { lever: "Sourcing budget", metric: "Applicants per opening", elasticity: 0.5 },
  { lever: "Interview slots", metric: "Time to fill", elasticity: -0.5 },
  { lever: "Agency hires", metric: "Time to fill", elasticity: -0.5 },
  { lever: "Agency hires", metric: "Cost per hire", elasticity: 0.5 },
  { lever: "Agency hires", metric: "Quality of hire", elasticity: -0.5 },
  { lever: "Agency hires", metric: "Early attrition", elasticity: 0.5 },
  { lever: "Referral bonus", metric: "Cost per hire", elasticity: -0.5 },
  { lever: "Assessment hours", metric: "Quality of hire", elasticity: 0.5 },
  { lever: "Assessment hours", metric: "Early attrition", elasticity: -0.5 },
];

export const SIM_PREVIOUS_GOALS: readonly SimGoal[] = [
  { goal: "Faster hiring", metric: "Time to fill", direction: "Decrease", weight: 0.5 },
  { goal: "Lower hiring cost", metric: "Cost per hire", direction: "Decrease", weight: 0.5 },
];

export const SIM_CURRENT_GOALS: readonly SimGoal[] = [
  { goal: "Keep the people we hire", metric: "Early attrition", direction: "Decrease", weight: 0.55 },
  { goal: "Better hires", metric: "Quality of hire", direction: "Increase", weight: 0.45 },
];

/** The current goal set takes effect this many periods before the last one. */
export const GOAL_CHANGE_MONTHS_BEFORE_END = 9;

export const SIM_ACTIONS: readonly SimAction[] = [
  {
    monthsBeforeEnd: 6,
    lever: "Interview slots",
    change: 0.1,
    requestedBy: "Operations SPOC",
    rationale: "More interview slots so hiring managers meet candidates sooner.",
  },
  {
    monthsBeforeEnd: 5,
    lever: "Agency hires",
    change: 0.15,
    requestedBy: "Hiring Manager SPOC",
    rationale: "Use agencies for more roles so positions fill faster.",
  },
  {
    monthsBeforeEnd: 4,
    lever: "Employer-brand spend",
    change: -0.1,
    requestedBy: "Finance SPOC",
    rationale: "Trim the employer-brand budget.",
  },
  {
    monthsBeforeEnd: 3,
    lever: "Assessment hours",
    change: 0.1,
    requestedBy: "Talent Acquisition SPOC",
    rationale: "Longer assessments to screen for job readiness.",
  },
  {
    monthsBeforeEnd: 2,
    lever: "Referral bonus",
    change: 0.1,
    requestedBy: "HR SPOC",
    rationale: "Raise the referral bonus.",
  },
  {
    monthsBeforeEnd: 1,
    lever: "Recruiters",
    change: -0.05,
    requestedBy: "Finance SPOC",
    rationale: "Cut one recruiter to save cost.",
  },
];
