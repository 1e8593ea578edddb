// Printing a signed PDF from the station: its pages, rendered by pdfium, are placed in
// a print-only container and the webview's print dialog prints them. (A webview cannot
// print a PDF file itself, and opening another application only to print is slower.)

const ROOT_ID = 'print-root';
const PRINTING_CLASS = 'printing';

/** Prints `pages` (image URLs, one per page, in order) through the desktop's print dialog. */
export function printPages(pages: readonly string[], title: string, win: Window = window): void {
  const doc = win.document;
  doc.getElementById(ROOT_ID)?.remove();
  const root = doc.createElement('div');
  root.id = ROOT_ID;
  root.setAttribute('aria-hidden', 'true');
  root.dataset.testid = 'print-root';
  for (const [index, src] of pages.entries()) {
    const img = doc.createElement('img');
    img.src = src;
    img.alt = `${title} ${index + 1}`;
    root.append(img);
  }
  doc.body.append(root);
  doc.documentElement.classList.add(PRINTING_CLASS);
  const cleanUp = () => {
    doc.documentElement.classList.remove(PRINTING_CLASS);
    root.remove();
  };
  // WebKit returns from print() when the dialog closes; afterprint covers engines that do not wait.
  win.addEventListener('afterprint', cleanUp, { once: true });
  try {
    win.print();
  } finally {
    cleanUp();
  }
}
