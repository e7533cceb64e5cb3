// The headless server as a real, separate process that the chaos driver can SIGKILL and start again on the same
// data folder: the bundle `npm run serve` starts (dist/main/server/server-cli.cjs, built by scripts/build-main.mjs
// when its sources changed), which answers in about a second where tsx takes ten on a busy two-core machine, and a
// chaos run starts the server many times.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodInput, MethodName, MethodOutput } from '../../preload/contract.js';
import { ensureServerBundle } from '../../test/fixtures/server-bundle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The server bundle, built first when it is missing or older than its sources. */
export async function buildServer(): Promise<string> {
  return ensureServerBundle();
}

export interface ServerInfo {
  url: string;
  token: string;
  qbwcUrl: string;
}

/** The server is not there (killed, restarting): the caller waits for ready() and tries again. */
export class ServerDown extends Error {}

/** The API answered with an error. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
  ) {
    super(`${method}: ${code}: ${message}`);
  }
}

/**
 * One data folder, one server process at a time. start() spawns it and waits for its "endpoint" line (server.json
 * is left behind by a killed server, so only the line says the new one is up); kill() is SIGKILL; restart()
 * kills and starts again, one at a time however many ask.
 */
export class ServerControl {
  private child: ChildProcess | null = null;
  private current: ServerInfo | null = null;
  private readyPromise: Promise<ServerInfo> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private output = '';
  kills = 0;
  starts = 0;
  /** Time from spawn to the server answering, summed over the starts. */
  startMs = 0;

  constructor(
    readonly entry: string,
    readonly dataDir: string,
  ) {}

  get info(): ServerInfo | null {
    return this.current;
  }

  /** The running server; waits while it restarts. */
  ready(): Promise<ServerInfo> {
    if (!this.readyPromise) throw new Error('the server was never started');
    return this.readyPromise;
  }

  start(): Promise<ServerInfo> {
    this.readyPromise = this.spawn();
    return this.readyPromise;
  }

  /** SIGKILL now, then start again on the same data folder. Serialised: a second call waits for the first. */
  restart(): Promise<ServerInfo> {
    const next = this.chain.then(async () => {
      let resolveReady!: (info: ServerInfo) => void;
      let rejectReady!: (error: unknown) => void;
      this.readyPromise = new Promise<ServerInfo>((resolve, reject) => {
        resolveReady = resolve;
        rejectReady = reject;
      });
      // Nobody may be left holding an unhandled rejection if the start fails: ready() callers see it.
      this.readyPromise.catch(() => undefined);
      await this.kill();
      try {
        resolveReady(await this.spawn());
      } catch (error) {
        rejectReady(error);
      }
      return this.readyPromise;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.current = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }

  /** SIGTERM (the server closes cleanly) and wait for the exit. */
  async stop(): Promise<void> {
    await this.chain;
    const child = this.child;
    this.current = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** What the server printed (for a failure message). */
  get log(): string {
    return this.output.slice(-4000);
  }

  private spawn(): Promise<ServerInfo> {
    this.starts += 1;
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [this.entry, '--data-dir', this.dataDir, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const marker = 'QuickBooks Web Connector endpoint:';
    let seen = '';
    let up = false;
    return new Promise<ServerInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not start within 60 s:\n${this.log}`));
      }, 60_000);
      child.stdout?.on('data', (d: Buffer) => {
        const text = d.toString();
        this.output += text;
        if (up) return;
        seen += text;
        if (!seen.includes(marker)) return;
        up = true;
        this.startMs += Date.now() - spawnedAt;
        clearTimeout(timer);
        const file = path.join(this.dataDir, 'server.json');
        const info = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerInfo;
        this.current = info;
        resolve(info);
      });
      child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!up) reject(new Error(`the server exited (${signal ?? code}) before it was ready:\n${this.log}`));
      });
    });
  }

  /**
   * One API call on the running server. A refused or cut connection is ServerDown (the caller waits for ready()
   * and decides what to do again); an answered error is ApiError.
   */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    return (await this.callByName(method, input)) as MethodOutput<M>;
  }

  /** call() for a method this version's contract may not have (the answer is not checked against it). */
  async callByName(method: string, input: unknown): Promise<unknown> {
    const info = this.current;
    if (!info) throw new ServerDown('the server is restarting');
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${info.url}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      text = await res.text();
    } catch (error) {
      throw new ServerDown(`${method}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body: unknown = text ? JSON.parse(text) : null;
    const error =
      body !== null && typeof body === 'object' && 'error' in body
        ? (body.error as { code?: string; message?: string } | undefined)
        : undefined;
    if (!res.ok || error) {
      throw new ApiError(method, error?.code ?? String(res.status), error?.message ?? text);
    }
    return body;
  }

  /** call(), waiting out restarts: only for calls that may safely run twice (reads, idempotent set-up). */
  async callSurely<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.call(method, input);
      } catch (error) {
        if (!(error instanceof ServerDown) || attempt >= 100) throw error;
        await this.ready();
      }
    }
  }
}
