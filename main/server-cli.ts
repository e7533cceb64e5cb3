// `npm run serve -- --data-dir DIR --port PORT`: the core without Electron, for a server or a browser on this
// machine. Prints one line when ready and writes DIR/server.json (mode 600) so scripts and tests find the address,
// the token and the Web Connector's URL (qbwcUrl).
//
// The QuickBooks Web Connector is answered at /qbwc on the same loopback port (http://localhost:PORT/qbwc). For a
// Web Connector on another machine, --tls-cert/--tls-key start a separate HTTPS listener for /qbwc only (the
// Web Connector refuses plain HTTP anywhere but localhost), bound to --qbwc-host, named --public-host in the
// .qwc file; the API and the UI stay on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import {
  startWebConnectorListener,
  type WebConnectorListener,
} from './connectors/quickbooks-desktop/qbwc/index.js';
import { startServer } from './server.js';

/** Where the data lives when no --data-dir is given: the same place the desktop app uses. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ledgerbridge');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ledgerbridge');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Ledgerbridge');
}

/** The built UI: dist/renderer, seen from the sources (main/) or from the bundle (dist/main/server/). */
function defaultRendererDir(): string {
  const candidates = ['../dist/renderer', '../../renderer'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '4870' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'qbwc-port': { type: 'string', default: '8443' },
      'qbwc-host': { type: 'string', default: '127.0.0.1' },
      'public-host': { type: 'string' },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      [
        'Usage: npm run serve -- [--data-dir DIR] [--port PORT]  (PORT 0 picks a free port)',
        '  The QuickBooks Web Connector is answered at http://localhost:PORT/qbwc.',
        '  For a Web Connector on another machine (HTTPS required):',
        '  --tls-cert FILE --tls-key FILE   PEM certificate and key for the Web Connector listener',
        '  --public-host NAME               the DNS name in the certificate (no IP address: the Web Connector refuses them)',
        '  --qbwc-host ADDRESS              bind address of that listener (default 127.0.0.1; 0.0.0.0 for all)',
        '  --qbwc-port PORT                 its port (default 8443)',
        '  --renderer-dir DIR               serve the UI from DIR instead of dist/renderer',
      ].join('\n'),
    );
    return;
  }
  const port = parsePort('--port', values.port);
  const tlsCert = values['tls-cert'];
  const tlsKey = values['tls-key'];
  if (Boolean(tlsCert) !== Boolean(tlsKey)) fail('--tls-cert and --tls-key go together: give both files.');
  const publicHost = values['public-host'];
  if (publicHost && /^[\d.]+$|:/.test(publicHost)) {
    fail('--public-host must be a DNS name: the Web Connector refuses IP addresses in the .qwc file.');
  }
  for (const file of [tlsCert, tlsKey]) {
    if (file && !fs.existsSync(file)) fail(`The file '${file}' does not exist.`);
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const app = await createApp({ dataDir });
  const rendererDir = values['renderer-dir'] ? path.resolve(values['renderer-dir']) : defaultRendererDir();
  const server = await startServer({
    app,
    port,
    rendererDir,
    routes: [{ prefix: '/qbwc', handle: app.webConnector.handle }],
  });
  let qbwcListener: WebConnectorListener | null = null;
  let qbwcBase = `http://localhost:${server.port}`;
  if (tlsCert && tlsKey) {
    qbwcListener = await startWebConnectorListener({
      handle: app.webConnector.handle,
      port: parsePort('--qbwc-port', values['qbwc-port']),
      host: values['qbwc-host'],
      tls: { certFile: tlsCert, keyFile: tlsKey },
      publicHost: publicHost ?? os.hostname().toLowerCase(),
    });
    qbwcBase = qbwcListener.baseUrl;
  }
  app.webConnector.setEndpoint(qbwcBase);
  const qbwcUrl = `${qbwcBase}/qbwc`;
  const serverJson = path.join(dataDir, 'server.json');
  fs.writeFileSync(
    serverJson,
    JSON.stringify({ url: server.url, token: server.token, openUrl: server.openUrl, qbwcUrl }, null, 2),
    {
      mode: 0o600,
    },
  );
  fs.chmodSync(serverJson, 0o600); // writeFileSync keeps the mode of an existing file
  console.log(`Ledgerbridge listening on ${server.url}`);
  console.log(`QuickBooks Web Connector endpoint: ${qbwcUrl}`);
  console.log(`Open the app: see ${serverJson} (openUrl)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})…`);
    await qbwcListener?.close();
    await server.close();
    await app.close();
    fs.rmSync(serverJson, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parsePort(flag: string, value: string | undefined): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`${flag} must be a whole number from 0 to 65535, not '${value}'.`);
  }
  return port;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
