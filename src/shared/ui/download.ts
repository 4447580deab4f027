// Saves text as a file from an extension page, without the downloads permission.
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the blob once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
