// What a JavaScript-only checker would need from pdf.js, the same in Node (bench/node.mjs)
// and in Chromium (bench/web/bench.js): load the document, then every page's text
// content and operator list.
export async function readWithPdfjs(lib, params) {
  const doc = await lib.getDocument(params).promise;
  let items = 0;
  let ops = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      items += (await page.getTextContent()).items.length;
      ops += (await page.getOperatorList()).fnArray.length;
    }
    return { pages: doc.numPages, textItems: items, operators: ops };
  } finally {
    await doc.destroy();
  }
}
