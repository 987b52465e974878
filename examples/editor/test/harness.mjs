// Shared by the browser test and the keystroke benchmark: serve dist/ on a free port and open
// the page in Debian's Chromium through playwright-core (no browser download).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from '../serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** Starts the server and the browser; `close()` stops both and removes the profile. */
export async function openEditor() {
  const server = await serve(dist, 0);
  const profile = mkdtempSync(join(tmpdir(), 'preflight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 760 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  // The path of every file the page and its worker fetched, in order.
  const requests = [];
  context.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  // The first check runs once the wasm is in: the badge leaves `not checked`.
  await page.waitForFunction(() => Number(document.body.dataset.checks) > 0);
  return {
    page,
    errors,
    requests,
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
