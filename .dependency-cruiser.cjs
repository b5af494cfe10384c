// Import boundaries, checked by test/boundaries.test.ts (npm test):
// - no import cycles, type-only imports included;
// - another module is reached only through its index.ts;
// - the platform imports no module, and no module imports the composition root.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles (type-only ones too) tie modules together; break them with a port type owned by the caller.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-internals-from-another-module',
      severity: 'error',
      comment: "A module calls another only through that module's index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'module-internals-from-outside',
      severity: 'error',
      comment: "Code outside a module (workflows, demo, the composition root) uses its index.ts only.",
      from: { path: '^src/', pathNot: '^src/modules/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'The platform knows no business module: modules register with it, not the other way round.',
      from: { path: '^src/platform/' },
      to: { path: ['^src/modules/', '^src/workflows/', '^src/demo/', '^src/(modules|services|app|migrations|database|runtime)\\.ts$'] },
    },
    {
      name: 'modules-do-not-import-the-composition-root',
      severity: 'error',
      from: { path: '^src/(modules|workflows)/' },
      to: { path: ['^src/(modules|services|app|migrations|database|runtime|main|cli)\\.ts$', '^src/demo/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '\\.contract\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
