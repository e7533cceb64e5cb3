// Builds the UI with Vite into dist/renderer (`npm run build`). With --if-changed (npm start, npm run serve) it
// builds only when the UI's sources changed since the last build (scripts/build-lib.mjs keeps the stamp).
import { buildIfChanged, root } from './build-lib.mjs';

const ifChanged = process.argv.includes('--if-changed');
process.chdir(root); // vite.config.ts names its folders relative to the project
const built = await buildIfChanged('renderer', ifChanged, async () => {
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: ifChanged ? 'warn' : 'info' });
});
if (ifChanged && built) console.log('build-renderer: the UI was rebuilt (its sources changed)');
