// Which systems the Connections page can add and configure, in the order the chooser shows them. Each system's
// panel lives in its own file beside this one.
import { netSuitePanel } from './netsuite';
import { quickBooksDesktopPanel } from './quickbooks-desktop';
import { quickBooksOnlinePanel } from './quickbooks-online';
import { serviceTradePanel } from './servicetrade';
import type { SystemNameT, SystemPanel } from './types';
import { xeroPanel } from './xero';

export const PANELS: Partial<Record<SystemNameT, SystemPanel>> = {
  quickbooks_online: quickBooksOnlinePanel,
  quickbooks_desktop: quickBooksDesktopPanel,
  servicetrade: serviceTradePanel,
  xero: xeroPanel,
  netsuite: netSuitePanel,
};
