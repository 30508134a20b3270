// The bench's baseline: an extension that loads the vscode module (as every extension does) and
// registers nothing.
require('vscode');

exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
