import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_COMMANDS } from '../../fixtures/server-bundle.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe.each(SERVER_COMMANDS)('npm run serve (headless mode, $name)', (command) => {
  it('prints the listening line, writes server.json with mode 600, answers with the token and stops on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-serve-'));
    const child = spawn(process.execPath, [...command.nodeArgs(), '--data-dir', dataDir, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        const match = /Ledgerbridge listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const file = path.join(dataDir, 'server.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as { url: string; token: string; openUrl: string };
    expect(info.url).toBe(url);
    expect(info.openUrl).toBe(`${url}/#token=${encodeURIComponent(info.token)}`);
    const res = await fetch(`${url}/api/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}` },
      body: '{}',
    });
    expect(((await res.json()) as { dataDir: string }).dataDir).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'ledgerbridge.db'))).toBe(true);

    const exitCode = await new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
