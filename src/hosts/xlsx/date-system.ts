/**
 * The 1904 date system (`<workbookPr date1904="1"/>`, the default of old Mac Excel). The core works
 * in 1900-system serials only, so the reader moves the date cells of a 1904 workbook into the 1900
 * system and the writer moves our date cells back. A number cell is a date only through its
 * number format, so this module tells, from xl/styles.xml, which cell formats (cellXfs) show a date.
 *
 * Time-only formats (`h:mm`, `[h]:mm:ss`, `mm:ss`) are not dates: such a cell holds a time of day
 * or a duration, which reads the same in both systems and must not be shifted.
 */
import { parseXml } from "./xml";

/** 1904-01-01 is serial 0 in the 1904 system and 1462 in the 1900 system. */
export const DAYS_1900_TO_1904 = 1462;

/**
 * Built-in number formats that show a date: 14-17 and 22 (m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy,
 * m/d/yyyy h:mm), and the East Asian locale date formats 27-31, 36 and 50-58 (ECMA-376 Part 1,
 * 18.8.30). 18-21, 32-35 and 45-47 are time-only.
 */
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Whether a number format code shows a date (a year, a month or a day), ignoring quoted text,
 * escaped (`\x`) and padding/fill (`_x`, `*x`) characters, and bracketed parts (colours,
 * conditions, locales; elapsed `[h]`, `[mm]`, `[ss]` count as time). An `m` right after an
 * hour or right before seconds is minutes, not a month.
 */
export function isDateFormatCode(code: string): boolean {
  const tokens: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close;
    } else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === "[") {
      const close = code.indexOf("]", i + 1);
      const inside = code.slice(i + 1, close < 0 ? code.length : close).toLowerCase();
      // elapsed time: [h], [mm] (minutes, never a month), [ss]
      if (/^(h+|m+|s+)$/.test(inside)) tokens.push(inside[0] === "m" ? "n" : inside[0]);
      i = close < 0 ? code.length : close;
    } else if (/^(AM\/PM|A\/P)/i.test(code.slice(i, i + 5))) {
      i += code[i + 1] === "/" ? 2 : 4;
    } else {
      const c = ch.toLowerCase();
      if (c === "y" || c === "d" || c === "m" || c === "h" || c === "s") {
        if (tokens[tokens.length - 1] !== c || !/[ydmhs]/i.test(code[i - 1] ?? "")) tokens.push(c);
      }
    }
  }
  return tokens.some((t, k) => {
    if (t === "y" || t === "d") return true;
    if (t !== "m") return false;
    return tokens[k - 1] !== "h" && tokens[k + 1] !== "s";
  });
}

/** Whether number format `id` shows a date, given the workbook's own format codes by id. */
function isDateFormatId(id: number, custom: Map<number, string>): boolean {
  const code = custom.get(id);
  return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id);
}

/** Indexes of the cell formats (`cellXfs`, a cell's `s` attribute) whose number format shows a date. */
export function dateStyles(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let depth = 0;
  let inCellXfs = false;
  parseXml(
    stylesXml,
    {
      open(name, a, selfClosing) {
        if (depth === 1 && name === "cellXfs") inCellXfs = !selfClosing;
        else if (depth === 2 && name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
        else if (depth === 2 && inCellXfs && name === "xf") xfFormats.push(Number(a.numFmtId ?? 0));
        if (!selfClosing) depth++;
      },
      close(name, _start, _end, selfClosing) {
        if (selfClosing) return;
        depth--;
        if (depth === 1 && name === "cellXfs") inCellXfs = false;
      },
    },
    { complete: true },
  );
  xfFormats.forEach((id, xf) => {
    if (isDateFormatId(id, custom)) out.add(xf);
  });
  return out;
}
