/**
 * The panel's HTML shell: a strict Content-Security-Policy (nothing but our own bundle,
 * by nonce), the stylesheet and the script from dist/. Everything else is built by the
 * script, with text set through textContent.
 */
import type * as vscode from 'vscode';

/** 128 random bits, base64: `crypto.getRandomValues` exists in the Node and the web extension host. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function panelHtml(webview: vscode.Webview, distUri: vscode.Uri, joinPath: (base: vscode.Uri, ...parts: string[]) => vscode.Uri): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(joinPath(distUri, 'webview.js'));
  const style = webview.asWebviewUri(joinPath(distUri, 'webview.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${style.toString()}">
<title>LLM Cost Lens: Comparison</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="loading">Loading the comparison…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
