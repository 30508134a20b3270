/**
 * The structure the code keeps, checked by dependency-cruiser in the unit tier
 * (test/unit/structure.test.ts): no import cycle; the engine is pure and knows no surface;
 * the protocol between the extension and the webview imports nothing from either side; the
 * surfaces do not reach into each other; what the Node surfaces share (src/node/) belongs to
 * neither of them.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: split the module both sides need (see src/engine/analysis/context.ts).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      comment: 'The engine runs in the extension host, the webview and the CLI: no surface, no vscode, no node built-in.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: ['^src/(extension|cli|tools|node)/', '^webview/', '^src/priceFetch\\.ts$'], dependencyTypes: ['local', 'core', 'npm', 'npm-dev', 'unknown'] },
    },
    {
      name: 'engine-no-node',
      comment: 'No node built-in in the engine: it runs in a browser webview too.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'protocol-imports-neither-side',
      comment: 'src/protocol.ts is shared by the extension and the webview, and imports from neither.',
      severity: 'error',
      from: { path: '^src/protocol\\.ts$' },
      to: { path: ['^src/extension/', '^webview/', '^src/cli/', '^src/node/'] },
    },
    {
      name: 'webview-not-extension',
      comment: 'The webview runs in a browser frame: it talks to the extension through the protocol only, and takes no Node code.',
      severity: 'error',
      from: { path: '^webview/' },
      to: { path: ['^src/extension/', '^src/cli/', '^src/node/'] },
    },
    {
      name: 'cli-not-editor',
      comment: 'The CLI runs without VS Code.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: ['^src/extension/', '^webview/'] },
    },
    {
      name: 'extension-not-cli',
      comment: 'The extension and the CLI share the engine, not each other.',
      severity: 'error',
      from: { path: '^src/extension/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'node-shared-by-surfaces',
      comment:
        'src/node/ is what the extension host and the CLI both run on Node (the bounded file read): since neither may import the other, ' +
        'it lives apart and imports neither of them, nor vscode (the CLI runs without it), nor the webview.',
      severity: 'error',
      from: { path: '^src/node/' },
      to: { path: ['^src/(extension|cli|tools)/', '^webview/', '^vscode$'] },
    },
    {
      name: 'surfaces-use-public-entries',
      comment:
        'The extension, the CLI and the webview import the engine through its public entries only: src/engine/index.ts (the engine), ' +
        'constants.ts (what is read before the engine loads), scan/ (the code scanner), ignore/ (.gitignore rules for a tree walk) and ' +
        'catalog/refresh.ts (the price refresh). engineBundle.ts is the build entry of the desktop engine bundle and names its core modules.',
      severity: 'error',
      from: { path: ['^src/(extension|cli|node)/', '^webview/', '^src/[^/]+\\.ts$'], pathNot: '^src/extension/engineBundle\\.ts$' },
      to: { path: '^src/engine/', pathNot: '^src/engine/(index|constants|catalog/refresh|scan/index|ignore/index)\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
  },
};
