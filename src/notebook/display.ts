/**
 * Where notebook output goes: tslab's rich display when the code runs in a tslab (Jupyter)
 * kernel, plain text on the console otherwise.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The part of tslab's `Display` the helpers use. */
export interface NotebookDisplay {
  html(html: string): void;
  markdown(text: string): void;
  text(text: string): void;
}

let override: NotebookDisplay | null | undefined;

/**
 * Send output somewhere else: a custom display (tests, other kernels), `null` to force plain
 * console output, or `undefined` to go back to detecting tslab.
 */
export function setNotebookDisplay(display: NotebookDisplay | null | undefined): void {
  override = display;
}

/**
 * tslab's display when running inside a tslab kernel, else `null`. Found through the module
 * cache (the kernel has loaded `tslab/dist/jupyter.js` and set its display writer), so it works
 * whichever copy of tslab runs the kernel and does not load tslab otherwise.
 */
export function tslabDisplay(): NotebookDisplay | null {
  if (override !== undefined) return override;
  const cache = createRequire(import.meta.url).cache as Record<string, { exports?: { lastWriteDisplayData?: unknown } } | undefined>;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    if (typeof mod?.exports?.lastWriteDisplayData !== 'function') continue;
    const tslab = createRequire(file)(join(dirname(file), 'public.js')) as { display?: NotebookDisplay };
    if (tslab.display) return tslab.display;
  }
  return null;
}

/** Show HTML in the notebook, or print `text` when not in a notebook. */
export function emit(html: string, text: string): void {
  const display = tslabDisplay();
  if (display) display.html(html);
  else console.log(text);
}
