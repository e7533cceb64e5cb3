// The handlers of preload/contracts/capture.ts.
import type { captureContract } from '../../preload/contracts/capture.js';
import type { AreaHandlers } from './context.js';

export const captureHandlers: AreaHandlers<typeof captureContract> = {};
