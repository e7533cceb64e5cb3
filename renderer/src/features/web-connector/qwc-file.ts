// The .qwc file a bookkeeper opens in the QuickBooks Web Connector: asked of the core and saved as a download, from
// the Web Connector page and from a QuickBooks Desktop connection's card alike.
import { saveFile } from '../../lib/save-file';
import { request } from '../../state/app';

/** Downloads the connection's .qwc file; resolves to its file name. */
export async function downloadQwc(connectionId: string): Promise<{ fileName: string }> {
  const file = await request('qbd.qwc', { connectionId });
  saveFile(file.fileName, file.xml, 'application/xml');
  return { fileName: file.fileName };
}
