import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { chromiumArgs, chromiumPath, webgpuArgs } from '../../../../vitest.shared.js';

const appRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The built app (dist/) served as `pnpm playground` serves it, with the cross-origin isolation headers. */
export async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({ root: appRoot, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server reports no URL');
  return { url, close: () => server.close() };
}

/** Debian's Chromium, headless, with WebGPU and WebGL on SwiftShader (these machines have no GPU). */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...webgpuArgs] });
}

/** Opens the app at `query` and waits for its first run to be ready; page errors fail the test. */
export async function openApp(browser: Browser, url: string, query = '', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${url}${query}`);
  await page.waitForFunction(() => window.__playground !== undefined);
  await page.evaluate(() => window.__playground.ready);
  return page;
}

export const pageErrors = (page: Page) => (page as Page & { errors: string[] }).errors;

/** Trains (Step by Step, as the user's Step button does) until `epochs` epochs are done. */
export async function trainEpochs(page: Page, epochs: number): Promise<void> {
  await page.evaluate(async (n) => {
    const app = window.__playground.app;
    while ((app.trainer?.epoch ?? n) < n) await app.stepOnce();
  }, epochs);
}

/** Whether the canvas draws more than one colour. */
export function canvasDrawn(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return false;
    for (let i = 4; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
    }
    return false;
  });
}

/** Writes a full-page screenshot for review (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}
