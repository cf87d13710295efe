/**
 * ChartSpec -> DrawingML: a drawing part (where the chart sits on the sheet) and a chart part
 * (a horizontal clustered bar chart, or a line chart with markers, whose series reference the
 * sheet's ranges, with cached values so that readers that do not recalculate still draw it).
 */
import {
  isErrorValue,
  type BarChartSpec,
  type CellRange,
  type ChartSpec,
  type LineChartSpec,
  type OutValue,
  type SheetSpec,
} from "../../core/report/spec";
import { quotedSheetName } from "../../core/model/address";
import { rangeRef } from "./range-refs";
import { rgb } from "./write-styles";
import { escapeAttr, escapeText, stripIllegalXmlChars } from "./xml";

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

/** The drawing part for a sheet's charts; chart i is referenced by relationship `relIds[i]`. */
export function buildDrawingXml(charts: ChartSpec[], relIds: string[]): string {
  const anchors = charts.map((chart, i) => {
    const { row, col, widthCols, heightRows } = chart.anchor;
    const cell = (tag: string, c: number, r: number) =>
      `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${cell("from", col, row)}${cell("to", col + Math.max(1, widthCols), row + Math.max(1, heightRows))}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(`Chart ${i + 1}`)}"/>` +
      `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="${escapeAttr(relIds[i])}"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${A_NS}">` +
    `${anchors.join("")}</xdr:wsDr>`
  );
}

function cellsOf(values: OutValue[][], range: CellRange): OutValue[] {
  const out: OutValue[] = [];
  for (let r = range.row; r <= range.rowEnd; r++) out.push(values[r]?.[range.col] ?? null);
  return out;
}

function cachedNumber(v: OutValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "object" && v !== null && typeof v.cached === "number") return v.cached;
  return null;
}

function cachedText(v: OutValue): string {
  if (v === null) return "";
  if (typeof v === "object") {
    const c = v.cached;
    if (c === undefined) return "";
    if (isErrorValue(c)) return c.error;
    return typeof c === "boolean" ? (c ? "TRUE" : "FALSE") : String(c);
  }
  return String(v);
}

const text = (s: string) => escapeText(stripIllegalXmlChars(s));

function richText(s: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : "";
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}"${b}/><a:t>${text(s)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

/** The chart part for one chart whose data lives on sheet `sheetName` (values from `spec`). */
export function buildChartXml(chart: ChartSpec, sheetName: string, spec: SheetSpec): string {
  return chart.kind === "line"
    ? buildLineChartXml(chart, sheetName, spec)
    : buildBarChartXml(chart, sheetName, spec);
}

/** The chart part for one bar chart whose data lives on sheet `sheetName` (values from `spec`). */
export function buildBarChartXml(chart: BarChartSpec, sheetName: string, spec: SheetSpec): string {
  const ref = (r: CellRange) => text(`${quotedSheetName(sheetName)}!${rangeRef(r, true)}`);
  const categories = cellsOf(spec.values, chart.categories).map(cachedText);
  const catCache =
    `<c:ptCount val="${categories.length}"/>` +
    categories.map((c, i) => `<c:pt idx="${i}"><c:v>${text(c)}</c:v></c:pt>`).join("");
  const series = chart.series.map((s, i) => {
    const values = cellsOf(spec.values, s.values).map(cachedNumber);
    const points = values
      .map((v, k) => (v === null ? "" : `<c:pt idx="${k}"><c:v>${String(v)}</c:v></c:pt>`))
      .join("");
    const color = rgb(s.color ?? PALETTE[i % PALETTE.length]);
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${text(s.name)}</c:v></c:tx>` +
      `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
      `<c:cat><c:strRef><c:f>${ref(chart.categories)}</c:f><c:strCache>${catCache}</c:strCache></c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${ref(s.values)}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
      `<c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef></c:val></c:ser>`
    );
  });
  const catAx = 500000001;
  const valAx = 500000002;
  return (
    `${HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title>${richText(chart.title, 1400, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    series.join("") +
    `<c:gapWidth val="60"/><c:axId val="${catAx}"/><c:axId val="${valAx}"/></c:barChart>` +
    // Categories top-down in sheet order; the value axis then sits at the bottom ("max" category).
    `<c:catAx><c:axId val="${catAx}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${valAx}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${valAx}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${catAx}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** `<c:scaling>` with optional fixed bounds (schema order: orientation, max, min). */
function scaling(min?: number, max?: number): string {
  const bound = (tag: string, v?: number) =>
    v !== undefined && Number.isFinite(v) ? `<c:${tag} val="${String(v)}"/>` : "";
  return `<c:scaling><c:orientation val="minMax"/>${bound("max", max)}${bound("min", min)}</c:scaling>`;
}

/**
 * The chart part for one line chart with markers. Categories are written as numbers when every
 * category cell holds one (dates), with `categoryFormat` for their labels, else as text.
 */
export function buildLineChartXml(chart: LineChartSpec, sheetName: string, spec: SheetSpec): string {
  const ref = (r: CellRange) => text(`${quotedSheetName(sheetName)}!${rangeRef(r, true)}`);
  const cells = cellsOf(spec.values, chart.categories);
  const numbers = cells.map(cachedNumber);
  const numeric = numbers.every((v) => v !== null);
  const catFormat = chart.categoryFormat ?? "General";
  const cat = numeric
    ? `<c:cat><c:numRef><c:f>${ref(chart.categories)}</c:f><c:numCache><c:formatCode>${text(catFormat)}</c:formatCode>` +
      `<c:ptCount val="${numbers.length}"/>` +
      numbers.map((v, i) => `<c:pt idx="${i}"><c:v>${String(v)}</c:v></c:pt>`).join("") +
      `</c:numCache></c:numRef></c:cat>`
    : `<c:cat><c:strRef><c:f>${ref(chart.categories)}</c:f><c:strCache><c:ptCount val="${cells.length}"/>` +
      cells.map((c, i) => `<c:pt idx="${i}"><c:v>${text(cachedText(c))}</c:v></c:pt>`).join("") +
      `</c:strCache></c:strRef></c:cat>`;
  const valFormat = chart.valueAxis?.numberFormat ?? "General";
  const series = chart.series.map((s, i) => {
    const values = cellsOf(spec.values, s.values).map(cachedNumber);
    const points = values
      .map((v, k) => (v === null ? "" : `<c:pt idx="${k}"><c:v>${String(v)}</c:v></c:pt>`))
      .join("");
    const color = rgb(s.color ?? PALETTE[i % PALETTE.length]);
    const fill = `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${text(s.name)}</c:v></c:tx>` +
      `<c:spPr><a:ln w="28575" cap="rnd">${fill}<a:round/></a:ln></c:spPr>` +
      `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${fill}<a:ln>${fill}</a:ln></c:spPr></c:marker>` +
      cat +
      `<c:val><c:numRef><c:f>${ref(s.values)}</c:f><c:numCache><c:formatCode>${text(valFormat)}</c:formatCode>` +
      `<c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser>`
    );
  });
  const catAx = 500000011;
  const valAx = 500000012;
  // One series needs no legend: the title names it.
  const legend =
    chart.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "";
  return (
    `${HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title>${richText(chart.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
    series.join("") +
    `<c:marker val="1"/><c:axId val="${catAx}"/><c:axId val="${valAx}"/></c:lineChart>` +
    `<c:catAx><c:axId val="${catAx}"/>${scaling()}<c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="${escapeAttr(catFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${valAx}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="0"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${valAx}"/>${scaling(chart.valueAxis?.min, chart.valueAxis?.max)}<c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeAttr(valFormat)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${catAx}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}
