/**
 * Task pane entry: renders <App> at once, then again when Office.js says where it runs.
 *
 * Works in three situations: inside Excel; in a browser where office.js loaded but there is no
 * Office host (Office.onReady answers host: null); and where office.js could not load at all
 * (`typeof Office === "undefined"`). The theme follows Office's when it is known, otherwise the
 * browser's light/dark preference.
 */
import { createRoot } from "react-dom/client";
import { App, type HostStatus } from "./App";

/** True/false for a dark/light Office theme, null when Office does not say. */
function officeThemeIsDark(): boolean | null {
  try {
    const background = Office.context?.officeTheme?.bodyBackgroundColor;
    const match = typeof background === "string" ? /^#?([0-9a-f]{6})$/i.exec(background.trim()) : null;
    if (!match) return null;
    const rgb = parseInt(match[1], 16);
    const [r, g, b] = [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  } catch {
    return null; // officeTheme is not available on every platform
  }
}

function browserPrefersDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function start(container: HTMLElement): void {
  const root = createRoot(container);
  const render = (status: HostStatus, dark: boolean) => root.render(<App status={status} dark={dark} />);

  if (typeof Office === "undefined") {
    render({ kind: "outside" }, browserPrefersDark());
    return;
  }
  render({ kind: "starting" }, browserPrefersDark());
  Office.onReady((info) => {
    const dark = officeThemeIsDark() ?? browserPrefersDark();
    if (info.host === Office.HostType.Excel) {
      render({ kind: "excel", platform: info.platform ? String(info.platform) : null }, dark);
    } else {
      render({ kind: "outside" }, dark);
    }
  });
}

const container = document.getElementById("container");
if (container) start(container);
