// The .qwc file a bookkeeper opens in the QuickBooks Web Connector: asked of the core and saved as a download, from
// the Web Connector page and from a QuickBooks Desktop connection's card alike.
import { request } from '../../state/app';

function downloadFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the connection's .qwc file; resolves to its file name. */
export async function downloadQwc(connectionId: string): Promise<{ fileName: string }> {
  const file = await request('qbd.qwc', { connectionId });
  downloadFile(file.fileName, file.xml);
  return { fileName: file.fileName };
}
