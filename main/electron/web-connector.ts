// The desktop app's QuickBooks Web Connector listener: /qbwc (and /qbwc/support) on a fixed local port, so the
// .qwc file's AppURL (http://localhost:PORT/qbwc) stays valid across restarts. The port is read from
// web-connector.json in the data folder ({"port": 8090} by default). Nothing else is served on it.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { App } from '../app';
import { startWebConnectorListener } from '../connectors/quickbooks-desktop/qbwc/listener';

export const WEB_CONNECTOR_FILE = 'web-connector.json';
export const DEFAULT_WEB_CONNECTOR_PORT = 8090;

const Settings = z.object({ port: z.number().int().min(1).max(65535) });

export function readWebConnectorPort(dataDir: string): number {
  try {
    const parsed = Settings.safeParse(
      JSON.parse(fs.readFileSync(path.join(dataDir, WEB_CONNECTOR_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data.port : DEFAULT_WEB_CONNECTOR_PORT;
  } catch {
    return DEFAULT_WEB_CONNECTOR_PORT;
  }
}

export interface RunningWebConnector {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the listener and records its address for the .qwc file. A port in use is reported and skipped: the
 * app works without the Web Connector, and the Web Connector page says the endpoint is not running.
 */
export async function startShellWebConnector(
  core: App,
  dataDir: string,
): Promise<RunningWebConnector | null> {
  const port = readWebConnectorPort(dataDir);
  try {
    const listener = await startWebConnectorListener({ handle: core.webConnector.handle, port });
    core.webConnector.setEndpoint(listener.baseUrl);
    return { baseUrl: listener.baseUrl, close: () => listener.close() };
  } catch (error) {
    console.error(
      `The QuickBooks Web Connector endpoint could not listen on port ${port} (${error instanceof Error ? error.message : String(error)}). Set another port in ${path.join(dataDir, WEB_CONNECTOR_FILE)}, e.g. {"port": 8091}, and restart.`,
    );
    return null;
  }
}
