// Saves a file the API served (CSV) the way a link with `download` does. The blob URL is kept a minute:
// revoked at once, the browser may not yet have read it when the download starts (FileSaver.js waits 40 s).
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  // The backoffice's router takes every same-origin link click (a blob: URL is same-origin) for navigation.
  link.dataset.routerSlot = 'disabled';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
