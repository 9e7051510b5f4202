/**
 * Import rules for src/main and src/shared checked by `npm run lint` (dependency-cruiser): the
 * layers' rules below, and no cycles. A cycle in main makes the order of construction fragile and
 * hides who owns what, so none is allowed, type-only ones included; the one exception is the
 * migration list and its migrations, which name each other's types only.
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
    {
      name: 'handlers-get-deps-only',
      severity: 'error',
      comment:
        'A handler is given the services it uses (HandlerDeps): never the Core, a repository, the vault or the edge.',
      from: { path: '^src/main/ipc/handlers/' },
      to: {
        path: '^src/main/(core|app|platform|vault)/|\\.repo\\.ts$',
        // The recovery code's text form (grouping, normalising what was typed) holds no key.
        pathNot: '^src/main/vault/recovery-code\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'services-below-ipc',
      severity: 'error',
      comment:
        'Services and the vault sit below the router: they never import ipc/, core/, app/ or platform/.',
      from: { path: '^src/main/(services|vault|lib|ports)/' },
      to: { path: '^src/main/(ipc|core|app|platform)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src/shared is imported by main and the renderer, and imports neither.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer)/' },
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
