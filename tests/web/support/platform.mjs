// Starts the whole platform on loopback for a test file, and stops it afterwards (also when a test
// fails or the run is interrupted): Azurite on free ports, then the server (dotnet <dll>) on free
// ports with demo data; waits for /health/ready. Also launches Debian's Chromium.
//
//   IGF_SERVER_DLL   the server's dll (default: <repo>/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll)
//   IGF_BASE_URL     use an already running platform instead of starting one (for quick local runs)
//   CHROMIUM_PATH    the browser (default: /usr/bin/chromium)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const testsDir = path.resolve(here, '..');
export const repoRoot = path.resolve(testsDir, '..', '..');
export const artifactsDir = path.join(testsDir, 'artifacts');

export const DEMO_PASSWORD = 'IgfDemo!2026';
export const MODERATOR_EMAIL = 'moderator@demo.igf.example';
export const ORGANIZER_EMAIL = 'organizer@demo.igf.example';

const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const READY_TIMEOUT_MS = 120_000;

// ---- processes ------------------------------------------------------------------------------

const running = new Set();

/** Kills whatever is still running, synchronously (for exit and signal handlers). */
function killAllNow() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      try {
        child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  running.clear();
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAllNow();
    process.exit(130);
  });
}

class Proc {
  constructor(name, command, args, env) {
    this.name = name;
    this.output = '';
    this.exited = false;
    this.exitCode = null;
    this.child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so that stopping it stops all it started
    });
    running.add(this.child);
    const keep = (chunk) => {
      this.output += chunk.toString();
      if (this.output.length > 400_000) this.output = this.output.slice(-200_000);
    };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        this.exitCode = code ?? signal;
        running.delete(this.child);
        resolve();
      });
      this.child.once('error', (error) => {
        this.output += `\n[spawn error] ${error.message}\n`;
        this.exited = true;
        this.exitCode = 'spawn-error';
        running.delete(this.child);
        resolve();
      });
    });
  }

  tail(chars = 8000) {
    return this.output.length > chars ? `…${this.output.slice(-chars)}` : this.output;
  }

  /** SIGTERM to the group, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000) {
    if (this.exited) return;
    const signalGroup = (signal) => {
      try {
        process.kill(-this.child.pid, signal);
      } catch {
        try {
          this.child.kill(signal);
        } catch {
          /* gone */
        }
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }
}

// ---- helpers --------------------------------------------------------------------------------

/** `count` distinct free loopback ports (all held open at once, then released). */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      servers.push(server);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, check, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exited) {
      throw new Error(`${proc.name} exited (${proc.exitCode}) before ${what}. Its output:\n${proc.tail()}`);
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}. ${proc.name}'s output:\n${proc.tail()}`);
    }
    await delay(250);
  }
}

// ---- the platform ---------------------------------------------------------------------------

export class Platform {
  /** `options.env`: more settings for the server (e.g. `Auth__TokenLifetime`). */
  constructor(options = {}) {
    this.extraEnv = options.env ?? {};
    this.baseUrl = '';
    this.azurite = null;
    this.server = null;
    this.serverEnv = null;
    this.dll = '';
  }

  async start() {
    if (process.env.IGF_BASE_URL) {
      this.baseUrl = process.env.IGF_BASE_URL.replace(/\/$/, '');
      return this;
    }
    this.dll =
      process.env.IGF_SERVER_DLL ||
      path.join(repoRoot, 'src', 'IgfPlatform.Server', 'bin', 'Release', 'net10.0', 'IgfPlatform.Server.dll');
    if (!existsSync(this.dll)) {
      throw new Error(
        `The server is not built: ${this.dll} is missing. Build it with ` +
          '`dotnet build -c Release src/IgfPlatform.Server` (and the web app with `npm run build` in clients/web), or set IGF_SERVER_DLL.',
      );
    }
    const azuriteBin = path.join(repoRoot, 'infra', 'node_modules', '.bin', 'azurite');
    if (!existsSync(azuriteBin)) {
      throw new Error(`Azurite is not installed: ${azuriteBin} is missing. Run \`npm ci\` in infra/.`);
    }

    const [blobPort, queuePort, tablePort, httpPort, siloPort, gatewayPort] = await freePorts(6);
    this.azurite = new Proc('azurite', azuriteBin, [
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      '--inMemoryPersistence',
      '--blobHost', '127.0.0.1', '--blobPort', String(blobPort),
      '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
      '--tableHost', '127.0.0.1', '--tablePort', String(tablePort),
    ]);
    await waitFor('Azurite accepts connections', () => canConnect(tablePort), this.azurite, 60_000);
    await waitFor('Azurite blob port', () => canConnect(blobPort), this.azurite, 30_000);

    const storage =
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blobPort}/devstoreaccount1;` +
      `QueueEndpoint=http://127.0.0.1:${queuePort}/devstoreaccount1;` +
      `TableEndpoint=http://127.0.0.1:${tablePort}/devstoreaccount1;`;
    this.baseUrl = `http://127.0.0.1:${httpPort}`;
    this.serverEnv = {
      ASPNETCORE_URLS: this.baseUrl,
      ConnectionStrings__Storage: storage,
      Orleans__SiloPort: String(siloPort),
      Orleans__GatewayPort: String(gatewayPort),
      Demo__Seed: 'true',
      Auth__SigningKey: randomBytes(48).toString('base64url'), // 64 characters
      Logging__LogLevel__Default: 'Warning',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
      ...this.extraEnv,
    };
    await this.startServer();
    return this;
  }

  async startServer() {
    this.server = new Proc('server', 'dotnet', [this.dll], this.serverEnv);
    await waitFor(
      `GET ${this.baseUrl}/health/ready to answer 200`,
      async () => {
        try {
          const response = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) });
          await response.arrayBuffer();
          return response.status === 200;
        } catch {
          return false;
        }
      },
      this.server,
      READY_TIMEOUT_MS,
    );
  }

  /** Stops the server (Azurite keeps the data) and starts it again on the same ports. */
  async restartServer() {
    if (!this.serverEnv) throw new Error('restartServer needs a platform this module started');
    this.saveLog('before-restart');
    await this.server.stop();
    await this.startServer();
  }

  /** The server's output so far, into artifacts/ (useful when a test fails). */
  saveLog(label) {
    if (!this.server) return;
    try {
      mkdirSync(artifactsDir, { recursive: true });
      writeFileSync(path.join(artifactsDir, `server-${label}.log`), this.server.output);
    } catch {
      /* best effort */
    }
  }

  async stop() {
    // The server first: a silo's graceful shutdown needs the storage it is leaving.
    await this.server?.stop();
    await this.azurite?.stop(5_000);
  }
}

// ---- the browser ----------------------------------------------------------------------------

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is missing at ${executablePath} (apt-get install chromium).`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Registers before/after hooks that start the platform and a browser for this test file, and
 * stop them afterwards whatever happened. Returns an object whose fields are filled in `before`.
 */
export function usePlatform(label, options = {}) {
  const env = { platform: null, browser: null, baseUrl: '' };
  before(async () => {
    const platform = new Platform(options);
    env.platform = platform;
    try {
      await platform.start();
      env.baseUrl = platform.baseUrl;
      env.browser = await launchBrowser();
    } catch (error) {
      platform.saveLog(`${label}-failed-start`);
      await platform.stop().catch(() => undefined);
      throw error;
    }
  });
  after(async () => {
    await env.browser?.close().catch(() => undefined);
    env.platform?.saveLog(label);
    await env.platform?.stop();
  });
  return env;
}

// ---- the platform's API, for setting up and checking ----------------------------------------

export async function api(baseUrl, route, init = {}) {
  const response = await fetch(`${baseUrl}${route}`, {
    ...init,
    headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${route} → ${response.status}: ${text}`);
  return body;
}

export const login = (baseUrl, email, password = DEMO_PASSWORD) =>
  api(baseUrl, '/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });

/** Registers a participant with a full profile (POST /api/auth/register); returns the profile and the login result. */
export async function register(baseUrl, profile) {
  const person = { password: `Pw-${randomBytes(9).toString('base64url')}`, ...profile };
  const result = await api(baseUrl, '/api/auth/register', { method: 'POST', body: JSON.stringify(person) });
  return { ...person, ...result };
}

/** The demo moderator of the live demo session. */
export const MODERATOR = { email: MODERATOR_EMAIL, password: DEMO_PASSWORD, displayName: 'Amina Diallo' };

/** A newly registered participant of a stakeholder group and region, with a unique address. */
export const person = (baseUrl, displayName, stakeholderGroup, region, extra = {}) =>
  register(baseUrl, {
    email: `${displayName.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(4).toString('hex')}@example.org`,
    displayName,
    stakeholderGroup,
    region,
    gender: 'undisclosed',
    organization: 'Test organization',
    country: 'Nowhere',
    ...extra,
  });

/** What the polite live region has said since `recordAnnouncements`. */
export const announced = (page) => page.evaluate(() => window.__announced ?? []);

/** Signs in through the web app's form and waits until it has gone on to `nextPath`. */
export async function signInWithForm(page, baseUrl, email, password, nextPath) {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(nextPath)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === nextPath, { timeout: 15_000 });
  await page.locator('.site-header [data-signed-in]').waitFor();
}

/**
 * A browser context in which a person is signed in already (the token the API gave, put where the
 * web app keeps it), for tests whose subject is not sign-in.
 */
export async function signedInContext(browser, baseUrl, person, options = {}) {
  const result = await login(baseUrl, person.email, person.password);
  const context = await browser.newContext(options);
  const auth = { ...result, email: person.email, displayName: person.displayName };
  await context.addInitScript((value) => localStorage.setItem('igf.auth', value), JSON.stringify(auth));
  return context;
}

/** Records what the polite live region says, from now on, in `window.__announced`. */
export async function recordAnnouncements(page) {
  await page.evaluate(() => {
    window.__announced = [];
    const region = document.getElementById('announcer');
    new MutationObserver(() => {
      if (region.textContent) window.__announced.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

export async function liveSession(baseUrl) {
  const sessions = await api(baseUrl, '/api/sessions');
  const live = sessions.filter((s) => s.status === 'live');
  if (live.length !== 1) throw new Error(`expected exactly one live demo session, found ${live.length}`);
  return live[0];
}

/** A hub connection from Node (the moderator's "separate channel"). */
export async function connectHub(baseUrl, token) {
  const signalR = await import('@microsoft/signalr');
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/forum`, token ? { accessTokenFactory: () => token } : {})
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on('events', () => {}); // a test that wants the events adds its own handler
  await connection.start();
  return connection;
}

/** Polls `check` until it returns a truthy value (no fixed sleeps in tests). */
export async function eventually(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await delay(100);
  }
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Waits until a session page has drawn the live snapshot and is connected. */
export async function waitForLiveView(page) {
  await page.locator('article.session:not([aria-busy])').waitFor({ timeout: 20_000 });
  await page.locator('#connection-state[data-state="connected"]').waitFor({ timeout: 20_000 });
}
