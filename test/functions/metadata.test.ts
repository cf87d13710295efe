/**
 * dist/functions.json, generated from the JSDoc by custom-functions-metadata-plugin: a snapshot of
 * ids, names, descriptions, help URLs and parameters (names, types, optional), so a change to what
 * Excel shows in autocomplete is always a reviewed change.
 */
import { loadBundle } from "./bundle";

test("functions.json matches the reviewed snapshot", () => {
  const { metadata } = loadBundle();
  const summary = metadata.functions.map((f) => ({
    id: f.id,
    name: f.name,
    description: f.description,
    helpUrl: f.helpUrl,
    parameters: f.parameters.map((p) => ({
      name: p.name,
      type: p.type,
      dimensionality: p.dimensionality ?? "scalar",
      optional: p.optional ?? false,
      description: p.description,
    })),
    result: f.result,
    options: f.options ?? {},
  }));
  expect(summary).toMatchSnapshot();
});

test("every function has a description, a help URL to its docs section, and described parameters; none volatile", () => {
  const { metadata } = loadBundle();
  for (const f of metadata.functions) {
    expect(f.description?.length).toBeGreaterThan(20);
    expect(f.helpUrl).toBe(
      `https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#${f.id.toLowerCase()}`,
    );
    for (const p of f.parameters) expect(p.description?.length).toBeGreaterThan(10);
    expect(f.options?.volatile).toBeFalsy();
  }
}, 300_000);
