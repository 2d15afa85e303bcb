/**
 * Keeps the layers apart (DESIGN.md §4): the core is pure. It imports only other core modules
 * and zod; never a channel, storage, jobs, HTTP, the CLI, or a Node module that does I/O.
 * Outbound: channels → services → delivery → core/storage; services and delivery never import
 * a channel.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-stays-pure',
      comment: 'src/core may import only src/core and zod (no channels, storage, jobs or I/O).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'adapters-do-not-reach-each-other',
      comment: 'A channel adapter translates; it must not depend on another channel.',
      severity: 'error',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^src/channels/', pathNot: ['^src/channels/$1/', '^src/channels/[^/]+\\.ts$'] },
    },
    {
      name: 'services-and-delivery-never-import-channels',
      comment:
        'Channels implement the delivery port (src/delivery/port.ts) and call the services; never the other way round, so channels, services and delivery have no cycle.',
      severity: 'error',
      from: { path: '^src/(services|delivery)/' },
      to: { path: '^src/channels/' },
    },
    {
      name: 'delivery-imports-only-core-and-storage',
      comment:
        'src/delivery (the outbound port, pacing, the dispatcher) sits below the services: it imports core, storage, the byte renderers in reports, and the logger type; exports are jobs of their own (services/export-job), so nothing from above is passed in.',
      severity: 'error',
      from: { path: '^src/delivery/' },
      to: { path: '^src/', pathNot: ['^src/delivery/', '^src/core/', '^src/storage/', '^src/reports/', '^src/log\\.ts$'] },
    },
    {
      name: 'only-config-reads-env',
      comment: 'process.env is read in src/config.ts only (checked by a test as well).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/config\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
