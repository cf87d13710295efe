/**
 * jsdom lacks a few browser APIs Fluent UI v9 uses; import this file first in every task pane
 * test that renders components.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "util";

// The xlsx host decodes and encodes XML (jsdom has neither).
const globals = globalThis as { TextDecoder?: unknown; TextEncoder?: unknown };
globals.TextDecoder ??= NodeTextDecoder;
globals.TextEncoder ??= NodeTextEncoder;

if (typeof window !== "undefined") {
  if (typeof window.matchMedia !== "function") {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      writable: true,
      value: (query: string): MediaQueryList =>
        ({
          matches: false,
          media: query,
          onchange: null,
          addListener: () => undefined,
          removeListener: () => undefined,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
          dispatchEvent: () => false,
        }) as MediaQueryList,
    });
  }
  const g = globalThis as { ResizeObserver?: unknown };
  if (typeof g.ResizeObserver === "undefined") {
    g.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (typeof window.scrollTo !== "function" || !("mock" in window.scrollTo)) {
    window.scrollTo = () => undefined;
  }
}
