/**
 * RPO.PLAN through the built bundle. The solver is a lazy chunk (dist/613.js-like name) plus
 * dist/highs.wasm; the bare vm context gets the two things the shared runtime's page provides for
 * that: script loading (webpack's JSONP chunks) and fetch, both answered from dist/.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { productionDist } from "../addin/dist";
import { loadBundle, StandInError, column } from "./bundle";
import { planCells } from "../../src/core/functions/plan-function";
import { loadHighsSolver } from "../../src/hosts/lp/highs";

type Fn = (...args: unknown[]) => unknown;

function loadWithPage(options: { failScripts?: boolean; scripts?: string[] } = {}): Map<string, Fn> {
  const dist = productionDist();
  const registry = new Map<string, Fn>();
  const context: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    WebAssembly,
    performance,
    TextDecoder,
    TextEncoder,
    CustomFunctions: {
      associate: (id: string, fn: Fn) => registry.set(id, fn),
      Error: StandInError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    },
  };
  const file = (url: string) => path.join(dist, path.basename(new URL(url, "https://addin.test/").pathname));
  context.document = {
    createElement: () => ({ setAttribute: () => undefined }),
    getElementsByTagName: () => [],
    head: {
      appendChild(script: { src: string; onload?: (e: unknown) => void; onerror?: (e: unknown) => void }) {
        options.scripts?.push(script.src);
        if (options.failScripts) {
          // The page could not fetch the chunk (offline, blocked): the script element errors.
          setTimeout(() => script.onerror?.({ type: "error", target: script }), 0);
          return;
        }
        vm.runInContext(fs.readFileSync(file(script.src), "utf8"), context as vm.Context);
        setTimeout(() => script.onload?.({ type: "load", target: script }), 0);
      },
    },
  };
  context.fetch = async (url: string) => {
    const bytes = fs.readFileSync(file(url));
    return {
      ok: true,
      status: 200,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    };
  };
  // The shared runtime's page is a browser window (the solver's loader checks for one).
  context.window = context;
  context.location = { href: "https://addin.test/taskpane.html" };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(dist, "functions.js"), "utf8"), context as vm.Context);
  return registry;
}

const sens = [
  [0.4, 0.1],
  [-0.2, 0],
  [0.05, 0.3],
];
const dirs = [["Increase", "Decrease"]];
const weights = [[0.6, 0.4]];
const current = column([10, 50, 5]);

/** Settles within `ms` or fails the test: a promise that never settles is #BUSY! forever in Excel. */
async function settled(value: unknown, ms = 2000): Promise<{ ok: boolean; value: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([
      Promise.resolve(value).then(
        (v) => ({ ok: true, value: v }),
        (e: unknown) => ({ ok: false, value: e }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

test("PLAN in the JavaScript-only runtime (no document): #VALUE! at once, every time, never pending", async () => {
  const plan = loadBundle().function("PLAN");
  for (let i = 0; i < 4; i++) {
    const call = plan(sens, dirs, weights, current, null, null, null, null, i === 0 ? null : 0.1 * i);
    const out = await settled(call, 200);
    expect(out.ok).toBe(false);
    expect(out.value).toBeInstanceOf(StandInError);
    expect(out.value).toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(
        /^PLAN: the LP solver cannot be loaded in Excel's JavaScript-only functions runtime.*shared runtime/,
      ),
    });
  }
  // Wrong input still says what is wrong first.
  await expect(plan(sens, dirs, [[1]], current, null, null)).rejects.toMatchObject({
    message: expect.stringMatching(/^PLAN: 2 directions but 1 weight/),
  });
});

test("PLAN when the solver chunk fails to load: #VALUE! with the reason, then at once without retrying", async () => {
  const scripts: string[] = [];
  const plan = loadWithPage({ failScripts: true, scripts }).get("PLAN") as Fn;
  const first = await settled(plan(sens, dirs, weights, current, null, null));
  expect(first.ok).toBe(false);
  expect(first.value).toMatchObject({
    code: "#VALUE!",
    message: expect.stringMatching(/^PLAN: the LP solver could not be loaded \(.*\)\. Reload the add-in/),
  });
  const attempted = scripts.length;
  expect(attempted).toBeGreaterThan(0);
  for (let i = 0; i < 3; i++) {
    const again = await settled(plan(sens, dirs, weights, current, null, null, null, null, 0.1), 200);
    expect(again.ok).toBe(false);
    expect(again.value).toMatchObject({ code: "#VALUE!", message: (first.value as StandInError).message });
  }
  expect(scripts).toHaveLength(attempted); // the cached failure: no second attempt
});

test("PLAN refuses negative or all-zero weights, as LEVERAGE", async () => {
  const plan = loadWithPage().get("PLAN") as Fn;
  await expect(plan(sens, dirs, [[0.6, -0.4]], current, null, null)).rejects.toMatchObject({
    code: "#VALUE!",
    message: expect.stringMatching(/^PLAN: weights 2 is -0.4; weights must be 0 or more/),
  });
  await expect(plan(sens, dirs, [[0, null]], current, null, null)).rejects.toMatchObject({
    code: "#VALUE!",
    message: "PLAN: every weight is 0 or blank; give at least one goal a weight above 0",
  });
});

test("PLAN in the bundle loads the solver chunk on first use and returns the planned column", async () => {
  const plan = loadWithPage().get("PLAN") as Fn;
  const out = (await plan(
    sens,
    dirs,
    weights,
    current,
    column([8, 40, 4]),
    column([11, 60, 100]),
    null,
    null,
    null,
  )) as number[][];
  // Leverage: 0.6·0.4 − 0.4·0.1 = 0.2 (up, Max 11 binds), −0.12 (down 20%), 0.6·0.05 − 0.4·0.3 = −0.09 (down to Min 4).
  expect(out).toHaveLength(3);
  [11, 40, 4].forEach((v, i) => expect(out[i][0]).toBeCloseTo(v, 9));
  const again = (await plan(
    sens,
    dirs,
    weights,
    current,
    column([8, 40, 4]),
    column([11, 60, 100]),
    column([100, 1, 0]),
    -5,
    0.1,
  )) as number[][];
  expect(again).toHaveLength(3);
});

test("PLAN's input errors come at once, without the solver; an impossible budget is #N/A", async () => {
  expect(loadBundle().metadata.functions.find((f) => f.id === "PLAN")?.result).toMatchObject({
    dimensionality: "matrix",
  });
  const plan = loadWithPage().get("PLAN") as Fn;
  await expect(plan(sens, dirs, [[1]], current, null, null)).rejects.toMatchObject({
    code: "#VALUE!",
    message: expect.stringMatching(/^PLAN: 2 directions but 1 weight/),
  });
  await expect(plan(sens, dirs, weights, column([10, 50]), null, null)).rejects.toMatchObject({
    code: "#VALUE!",
  });
  await expect(
    plan(sens, dirs, weights, current, column([12, null, null]), column([11, null, null])),
  ).rejects.toMatchObject({ message: expect.stringMatching(/lever 1 has min 12 above max 11/) });
  await expect(plan(sens, dirs, weights, current, null, null, null, null, -1)).rejects.toMatchObject({
    message: expect.stringMatching(/max_move must be 0 or more/),
  });
  await expect(
    plan(sens, dirs, weights, current, null, null, column([100, 1, 1]), -1e6),
  ).rejects.toMatchObject({ code: "#N/A", message: expect.stringMatching(/No plan fits the budget/) });
});

test("PLAN in core equals the bundle's answer on the same arguments", async () => {
  const solver = await loadHighsSolver();
  const core = planCells(solver, sens, dirs, weights, current, null, null, column([100, 1, 0]), 0, 0.2);
  const bundle = await (loadWithPage().get("PLAN") as Fn)(
    sens,
    dirs,
    weights,
    current,
    null,
    null,
    column([100, 1, 0]),
    0,
    0.2,
  );
  expect(bundle).toEqual(core);
  // Budget 0: lowering lever 2 by 20% saves 10, which buys +0.1 of lever 1 (+1%); lever 3 is free.
  expect((core as number[][])[0][0]).toBeCloseTo(10.1, 9);
  expect((core as number[][])[1][0]).toBeCloseTo(40, 9);
  expect((core as number[][])[2][0]).toBeCloseTo(4, 9);
});
