// Serves the built ui/dist under the app's own CSP and opens it in Debian's Chromium
// with the IPC mocked, so the UI is tested as built, without downloading a browser.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

const ui = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(ui, 'dist');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface AppSecurity {
  csp: Record<string, string>;
  freezePrototype?: boolean;
}

function appSecurity(): AppSecurity {
  const config = JSON.parse(readFileSync(join(ui, '../src-tauri/tauri.conf.json'), 'utf8'));
  return config.app.security as AppSecurity;
}

/** The CSP of tauri.conf.json, with the IPC origins (mocked here) left out. */
function appCsp(): string {
  const directives = appSecurity().csp;
  return Object.entries(directives)
    .filter(([name]) => name !== 'connect-src')
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('ui/dist is missing: run `npm run build` before `npm run test:ui`');
  }
  const csp = appCsp();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = resolve(dist, normalize(path === '/' ? 'index.html' : path.slice(1)));
    if (!file.startsWith(dist + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp,
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** The page-side IPC shim as one script. */
export async function mockIpcScript(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: ui,
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(ui, 'tests/ui/mock-ipc-entry.ts'),
        formats: ['iife'],
        name: 'stationMockIpc',
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if ('output' in result) {
      const chunk = result.output.find((item) => item.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('the IPC shim did not build');
}

export type Backend = (command: string, payload: unknown) => Promise<unknown> | unknown;

/** A fresh Chromium profile speaking `locale`, with `backend` behind the IPC. */
export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  /** More Chromium switches, e.g. a fake camera. */
  args?: string[];
}

export async function openStation(
  url: string,
  shim: string,
  backend: Backend,
  locale: string,
  options: OpenOptions = {},
): Promise<{ page: Page; context: BrowserContext; problems: string[]; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'station-ui-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    colorScheme: options.colorScheme ?? 'light',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
  const problems: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.exposeFunction('__stationBackend', async (command: string, payload: unknown) => {
    try {
      return { ok: true, value: await backend(command, payload) };
    } catch (error) {
      return { ok: false, error };
    }
  });
  // Like the app's webview: Object.prototype frozen before any page script runs.
  if (appSecurity().freezePrototype) {
    await page.addInitScript({ content: 'Object.freeze(Object.prototype);' });
  }
  await page.addInitScript({ content: shim });
  await page.goto(url);
  return {
    page,
    context,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(join(ui, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** One accessibility problem axe-core found, short enough to read in a failed assertion. */
export interface AxeProblem {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * The serious and critical WCAG violations axe-core finds on the page as it is now.
 * axe is evaluated through DevTools, which the page's CSP does not govern.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeRun> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => node.target.join(' ')),
      }));
  });
}

interface AxeRun {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
