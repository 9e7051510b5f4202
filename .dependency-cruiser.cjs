/**
 * Import rules for src/main checked by `npm run lint` (dependency-cruiser). A cycle in main makes
 * the order of construction fragile and hides who owns what, so none is allowed, type-only ones
 * included; the one exception is the migration list and its migrations, which name each other's
 * types only.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle in the main process (but the type-only loop among migrations).',
      from: { path: '^src/main', pathNot: '^src/main/vault/migrations/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-migrations',
      severity: 'error',
      comment: 'Migrations may name each other only in types.',
      from: { path: '^src/main/vault/migrations/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|build|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
