// Entry point of the Electron shell, bundled to dist/main/electron/main.cjs by scripts/build-main.mjs.
import { app } from 'electron';
import { toApiError } from '../api/errors';
import { createApp } from '../app';
import { describeError } from '../sync/redact';
import { startShell } from './lifecycle';
import { registerAppScheme } from './protocol';
import { startShellWebConnector } from './web-connector';

// Schemes must be registered before the app is ready.
registerAppScheme();

startShell({ createApp, toApiError, startWebConnector: startShellWebConnector }).catch((error: unknown) => {
  console.error(`Ledgerbridge failed to start: ${describeError(error)}`);
  app.exit(1);
});
