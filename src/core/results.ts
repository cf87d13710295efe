/**
 * What the pipeline hands the report and the faces: the alignment's results and, when the face
 * supplied an LP solver, the lever plan made from them. Declared here, above both steps, so the
 * alignment knows nothing of the plan (the plan reads the alignment's results, not the reverse).
 */
import type { Results } from "./alignment/types";
import type { PlanResult } from "./plan/types";

export interface AnalysisResults extends Results {
  /** The lever plan and scenarios (docs/method.md §14); absent when the face supplied no LP solver. */
  plan?: PlanResult;
}
