// `npm run serve -- --data-dir DIR --port PORT`: the core without Electron, for a server or a browser on this
// machine. Prints one line when ready and writes DIR/server.json (mode 600) so scripts and tests find the address
// and the token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { startServer } from './server.js';

/** Where the data lives when no --data-dir is given: the same place the desktop app uses. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ledgerbridge');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ledgerbridge');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Ledgerbridge');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '4870' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run serve -- [--data-dir DIR] [--port PORT]  (PORT 0 picks a free port)');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not '${values.port}'.`);
    process.exit(2);
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const app = await createApp({ dataDir });
  const rendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));
  const server = await startServer({ app, port, rendererDir });
  const serverJson = path.join(dataDir, 'server.json');
  fs.writeFileSync(
    serverJson,
    JSON.stringify({ url: server.url, token: server.token, openUrl: server.openUrl }, null, 2),
    {
      mode: 0o600,
    },
  );
  fs.chmodSync(serverJson, 0o600); // writeFileSync keeps the mode of an existing file
  console.log(`Ledgerbridge listening on ${server.url}`);
  console.log(`Open the app: see ${serverJson} (openUrl)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})…`);
    await server.close();
    await app.close();
    fs.rmSync(serverJson, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
