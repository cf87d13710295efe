/**
 * @jest-environment jsdom
 *
 * manifest.xml, checked offline (`office-addin-manifest validate` needs a Microsoft web service):
 * well-formed XML, resources that resolve, https URLs, icons that exist at their declared sizes,
 * and the shared runtime + custom functions pieces pointing at the same page.
 * jsdom supplies a namespace-aware XML parser (DOMParser), so no extra dependency is needed.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const DEV_ORIGIN = "https://localhost:3000/";

/** The XML document, or an error listing the parser's complaint. */
function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  const problem = doc.getElementsByTagName("parsererror")[0];
  if (problem) throw new Error(`not well-formed XML: ${problem.textContent}`);
  return doc;
}

function all(doc: Document | Element, localName: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS("*", localName));
}

function one(doc: Document | Element, localName: string): Element {
  const found = all(doc, localName);
  if (found.length !== 1) throw new Error(`expected one <${localName}>, found ${found.length}`);
  return found[0];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The local file a dev-server URL serves (assets are copied to dist/ as they are in the repo). */
function localAsset(url: string): string {
  expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  return path.join(ROOT, url.slice(DEV_ORIGIN.length));
}

const text = fs.readFileSync(MANIFEST, "utf8");
const doc = parseXml(text);

/** Resources by kind: id -> DefaultValue. */
function resources(kind: "Images" | "Urls" | "ShortStrings" | "LongStrings"): Map<string, string> {
  const map = new Map<string, string>();
  for (const element of Array.from(one(doc, kind).children)) {
    const id = element.getAttribute("id") ?? "";
    expect(map.has(id)).toBe(false); // ids are unique within a kind
    map.set(id, element.getAttribute("DefaultValue") ?? "");
  }
  return map;
}

const images = resources("Images");
const urls = resources("Urls");
const shortStrings = resources("ShortStrings");
const longStrings = resources("LongStrings");

/** Which resource kind a `resid` on each element must name. */
const RESID_KIND: Record<string, Map<string, string>> = {
  Image: images,
  SourceLocation: urls,
  Runtime: urls,
  FunctionFile: urls,
  LearnMoreUrl: urls,
  Label: shortStrings,
  Title: shortStrings,
  Namespace: shortStrings,
  Description: longStrings,
};

function resid(element: Element): string {
  const value = element.getAttribute("resid");
  if (!value) throw new Error(`<${element.localName}> has no resid`);
  return value;
}

describe("manifest.xml", () => {
  test("is well-formed XML (and the check catches XML that is not)", () => {
    expect(doc.documentElement.localName).toBe("OfficeApp");
    expect(() => parseXml("<a><b></a>")).toThrow(/not well-formed/);
  });

  test("is an Excel task pane add-in with a GUID id, ReadWriteDocument and a display name", () => {
    expect(doc.documentElement.getAttributeNS(XSI, "type")).toBe("TaskPaneApp");
    expect(one(doc, "Id").textContent?.trim()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(one(doc, "Permissions").textContent?.trim()).toBe("ReadWriteDocument");
    expect(one(doc, "ProviderName").textContent?.trim()).toBe("rpo-align");
    expect(one(doc, "DisplayName").getAttribute("DefaultValue")).toBe("RPO Align");
    const hosts = all(doc, "Host").filter((h) => h.getAttribute("Name"));
    expect(hosts.map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
  });

  test("requires the shared runtime and a custom functions runtime with errors in arrays", () => {
    const sets = new Map(all(doc, "Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(sets.get("SharedRuntime")).toBe("1.1");
    expect(Number(sets.get("CustomFunctionsRuntime"))).toBeGreaterThanOrEqual(1.3);
  });

  test("requires ExcelApi 1.9 (copyFrom, pageLayout, WorksheetCollection.onChanged), in the Requirements Sets", () => {
    const requirements = one(doc, "Requirements");
    const sets = all(requirements, "Set").filter((s) => s.getAttribute("Name") === "ExcelApi");
    expect(sets).toHaveLength(1);
    expect(sets[0].getAttribute("MinVersion")).toBe("1.9");
  });

  test("every resid names a defined resource of the right kind (and is at most 32 characters)", () => {
    const withResid = Array.from(doc.getElementsByTagName("*")).filter((e) => e.hasAttribute("resid"));
    expect(withResid.length).toBeGreaterThan(10);
    for (const element of withResid) {
      const kind = RESID_KIND[element.localName];
      if (!kind) throw new Error(`no rule for resid on <${element.localName}>`);
      const id = resid(element);
      expect(id.length).toBeLessThanOrEqual(32);
      if (!kind.has(id)) throw new Error(`<${element.localName} resid="${id}"> does not resolve`);
    }
  });

  test("every URL is https; strings fit Office's limits", () => {
    const urlValues = [
      ...urls.values(),
      ...images.values(),
      ...all(doc, "IconUrl").map((e) => e.getAttribute("DefaultValue") ?? ""),
      ...all(doc, "HighResolutionIconUrl").map((e) => e.getAttribute("DefaultValue") ?? ""),
      ...all(doc, "SupportUrl").map((e) => e.getAttribute("DefaultValue") ?? ""),
      one(one(doc, "DefaultSettings"), "SourceLocation").getAttribute("DefaultValue") ?? "",
    ];
    for (const url of urlValues) expect(url).toMatch(/^https:\/\/[^\s]+$/);
    for (const value of shortStrings.values()) expect(value.length).toBeLessThanOrEqual(125);
    for (const value of longStrings.values()) expect(value.length).toBeLessThanOrEqual(250);
  });

  test("icons exist with the sizes the manifest declares", () => {
    for (const reference of all(doc, "Image").filter((e) => e.hasAttribute("size"))) {
      const declared = Number(reference.getAttribute("size"));
      const file = localAsset(images.get(resid(reference)) ?? "");
      expect(pngSize(file)).toEqual({ width: declared, height: declared });
    }
    const iconUrl = one(doc, "IconUrl").getAttribute("DefaultValue") ?? "";
    const highRes = one(doc, "HighResolutionIconUrl").getAttribute("DefaultValue") ?? "";
    expect(pngSize(localAsset(iconUrl))).toEqual({ width: 32, height: 32 });
    expect(pngSize(localAsset(highRes))).toEqual({ width: 64, height: 64 });
  });

  test("custom functions live in namespace RPO, with script and metadata from the build", () => {
    const point = all(doc, "ExtensionPoint").find((e) => e.getAttributeNS(XSI, "type") === "CustomFunctions");
    if (!point) throw new Error("no CustomFunctions extension point");
    expect(shortStrings.get(resid(one(point, "Namespace")))).toBe("RPO");
    const script = urls.get(resid(one(one(point, "Script"), "SourceLocation")));
    const metadata = urls.get(resid(one(one(point, "Metadata"), "SourceLocation")));
    expect(script).toBe(`${DEV_ORIGIN}functions.js`);
    expect(metadata).toBe(`${DEV_ORIGIN}functions.json`);
  });

  test("one shared runtime: the task pane page is the runtime, the functions' page and the function file", () => {
    const runtimes = all(doc, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const runtime = resid(runtimes[0]);
    expect(runtime).toBe("Taskpane.Url");
    expect(urls.get(runtime)).toBe(`${DEV_ORIGIN}taskpane.html`);

    const point = all(doc, "ExtensionPoint").find((e) => e.getAttributeNS(XSI, "type") === "CustomFunctions");
    expect(resid(one(one(point as Element, "Page"), "SourceLocation"))).toBe(runtime);
    expect(resid(one(doc, "FunctionFile"))).toBe(runtime);

    const action = all(doc, "Action").find((e) => e.getAttributeNS(XSI, "type") === "ShowTaskpane");
    if (!action) throw new Error("no ShowTaskpane action");
    expect(one(action, "TaskpaneId").textContent?.trim()).not.toBe("");
    expect(resid(one(action, "SourceLocation"))).toBe(runtime);
    expect(one(one(doc, "DefaultSettings"), "SourceLocation").getAttribute("DefaultValue")).toBe(
      urls.get(runtime),
    );
  });

  test("a ribbon button on the Home tab opens the task pane", () => {
    const surface = all(doc, "ExtensionPoint").find(
      (e) => e.getAttributeNS(XSI, "type") === "PrimaryCommandSurface",
    );
    if (!surface) throw new Error("no PrimaryCommandSurface");
    expect(surface.parentElement?.localName).toBe("DesktopFormFactor");
    expect(one(surface, "OfficeTab").getAttribute("id")).toBe("TabHome");
    const control = one(surface, "Control");
    expect(control.getAttributeNS(XSI, "type")).toBe("Button");
    expect(one(control, "Action").getAttributeNS(XSI, "type")).toBe("ShowTaskpane");
    // The bt: prefix is bound to the basic-types namespace the schema expects.
    expect(doc.getElementsByTagNameNS(BT, "Urls")).toHaveLength(1);
  });
});
