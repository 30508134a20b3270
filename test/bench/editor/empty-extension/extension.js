// The bench's baseline: an extension that loads the vscode module (as every extension does) and
// registers one code lens provider that answers at once with a constant lens, for one file the
// bench adds beside the examples. Its activation is the floor any extension pays in the same
// window; its first lens, the floor VS Code itself sets for a first lens in a fresh window.
const vscode = require('vscode');

exports.activate = function activate(context) {
  const lens = new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: 'constant lens', command: '' });
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ pattern: '**/lens-baseline.json' }, { provideCodeLenses: () => [lens] }));
};
exports.deactivate = function deactivate() {};
