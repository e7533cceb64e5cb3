// Saving what the app fetched as a file in the bookkeeper's downloads (the browser's, or Electron's save): a
// document's file, the learned capture rules, the Activity log as CSV, a .qwc file. The link is put in the page for
// its click (some browsers ignore a detached one) and the blob's address is let go once the save has had time.

/** Saves `data` (its parts joined) as `fileName`, of the type `mimeType`. */
export function saveFile(fileName: string, data: BlobPart | BlobPart[], mimeType: string): void {
  const url = URL.createObjectURL(new Blob(Array.isArray(data) ? data : [data], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
