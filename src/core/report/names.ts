/**
 * Which worksheet name an output sheet gets. Our sheets are recognised by their marker
 * (spec.ts OUTPUT_MARKER_NAME), never by name alone: a user's own sheet called "Alignment"
 * is never overwritten; ours then goes to "Alignment (rpo-align)".
 */

export const ALTERNATE_SUFFIX = " (rpo-align)";

export interface OutputNamePlan {
  planned: string;
  /** Name to write to. */
  target: string;
  /** True when `target` exists and is ours (replace it); false when it must be created. */
  replaces: boolean;
  /** Set when the planned name belongs to a user sheet. */
  note: string | null;
}

function sameName(a: string, b: string): boolean {
  // Excel sheet names are case-insensitive.
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/**
 * @param planned names the report wants to write
 * @param existing every worksheet name in the workbook
 * @param ours the existing worksheets that carry our marker
 * @throws Error when neither the planned nor the alternate name is free or ours
 */
export function planOutputNames(planned: string[], existing: string[], ours: string[]): OutputNamePlan[] {
  const isOurs = (name: string) => ours.some((o) => sameName(o, name));
  const find = (name: string) => existing.find((e) => sameName(e, name));
  return planned.map((name) => {
    const found = find(name);
    if (!found) return { planned: name, target: name, replaces: false, note: null };
    if (isOurs(found)) return { planned: name, target: found, replaces: true, note: null };
    const alternate = name + ALTERNATE_SUFFIX;
    const foundAlternate = find(alternate);
    if (foundAlternate && !isOurs(foundAlternate)) {
      throw new Error(
        `Sheets "${name}" and "${alternate}" both belong to you, so rpo-align cannot write its "${name}" sheet. ` +
          `Rename one of them and run again.`,
      );
    }
    return {
      planned: name,
      target: foundAlternate ?? alternate,
      replaces: foundAlternate !== undefined,
      note: `A sheet named "${found}" already exists and was not created by rpo-align, so it was left untouched; the results went to "${alternate}".`,
    };
  });
}
