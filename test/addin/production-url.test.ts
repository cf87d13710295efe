/** RPO_ALIGN_URL: where a production build says the add-in is hosted (scripts/production-url.js). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script
const { PLACEHOLDER_URL, productionUrl } = require("../../scripts/production-url") as {
  PLACEHOLDER_URL: string;
  productionUrl: (value?: string) => string;
};

test("unset or blank: the placeholder host", () => {
  expect(productionUrl("")).toBe(PLACEHOLDER_URL);
  expect(productionUrl("  ")).toBe(PLACEHOLDER_URL);
});

test("an https base URL, with the trailing slash the manifest's paths need", () => {
  expect(productionUrl("https://addins.contoso.com/rpo-align")).toBe("https://addins.contoso.com/rpo-align/");
  expect(productionUrl("https://addins.contoso.com/")).toBe("https://addins.contoso.com/");
});

test("refuses what Office cannot load from", () => {
  expect(() => productionUrl("http://addins.contoso.com/")).toThrow(/https/);
  expect(() => productionUrl("addins.contoso.com")).toThrow(/not a URL/);
  expect(() => productionUrl("https://addins.contoso.com/?v=1")).toThrow(/query/);
});
