// Lint, including the layer rules as allow-lists: each layer names the layers and the packages it MAY import, and
// anything else fails here (the local rule `layers/allowed-imports` below; test/unit/layers.test.ts proves each one).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** Layers by folder, the most specific first (migrations are their own layer inside electron/core). */
const LAYERS = [
  'electron/core/db/migrations',
  'electron/core',
  'electron/main',
  'electron/preload',
  'shared/api',
  'shared/domain',
  'renderer',
  'test',
];
const layerOf = (relative) => LAYERS.find((l) => relative === l || relative.startsWith(`${l}/`)) ?? null;

/** `node:` for Node built-ins, the package name otherwise (`@scope/name` for scoped ones). */
const NODE = 'node:';
function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return NODE;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}
const allowedPackage = (pkg, allowed) => allowed.some((a) => a === pkg || (a.endsWith('/*') && pkg.startsWith(a.slice(0, -1))));

/** What each layer may import: other layers (its own is always allowed) and packages (`node:` = Node built-ins). */
const ALLOWED = {
  'shared/domain': { layers: ['shared/api'], packages: ['zod', 'thai-baht-text', 'jsonc-parser'], why: 'pure rules, no I/O' },
  'shared/api': { layers: ['shared/domain'], packages: ['zod'], why: 'the contract, shared by every side' },
  renderer: {
    layers: ['shared/api', 'shared/domain'],
    packages: [
      'react',
      'react-dom',
      '@mui/*',
      '@emotion/*',
      '@fontsource/*',
      'ag-grid-community',
      'ag-grid-react',
      'echarts',
      'echarts-for-react',
      'vite',
      '@vitejs/plugin-react',
    ],
    why: 'a sandboxed browser page that talks to the core only through the contract',
  },
  'electron/core': {
    layers: ['electron/core/db/migrations', 'shared/api', 'shared/domain'],
    packages: [
      NODE,
      'kysely',
      'better-sqlite3',
      'ws',
      'exceljs',
      'highs',
      'xlsx',
      'thai-address-universal',
      'zod',
      'qrcode',
      'echarts',
      'jszip',
    ],
    why: 'plain Node, never the Electron shell',
  },
  'electron/core/db/migrations': { layers: [], packages: ['kysely'], why: 'frozen: nothing that may change later' },
  'electron/main': {
    layers: ['electron/core', 'shared/api'],
    packages: ['electron', NODE],
    why: 'the shell: starts the core and the window',
  },
  'electron/preload': { layers: ['shared/api'], packages: ['electron'], why: 'the sandboxed bridge: no Node built-ins' },
};
/** Test files (and test helpers, `test-*.ts`) of a layer may also use the test tools, helpers and the real solver. */
const TEST_EXTRA = { layers: ['test'], packages: ['vitest', 'fast-check', NODE, 'eslint', 'highs'] };

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A layer imports only the layers and packages it is allowed to (allow-list per layer).' },
    schema: [{ type: 'object', properties: { layer: { type: 'string' }, test: { type: 'boolean' } }, required: ['layer'] }],
  },
  create(context) {
    const { layer, test } = context.options[0];
    const allow = ALLOWED[layer];
    const layers = [layer, ...allow.layers, ...(test ? TEST_EXTRA.layers : [])];
    const packages = [...allow.packages, ...(test ? TEST_EXTRA.packages : [])];
    const describe = `${layer} (${allow.why}) may import only ${layers.join(', ')}${packages.length ? ` and the packages ${packages.map((p) => (p === NODE ? 'Node built-ins (node:*)' : p)).join(', ')}` : ' and no package'}`;
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      if (spec.startsWith('.')) {
        const target = path
          .relative(repoRoot, path.resolve(path.dirname(context.filename), spec))
          .split(path.sep)
          .join('/');
        const to = layerOf(target);
        if (to && layers.includes(to)) return;
        context.report({ node: source, message: `${describe}: '${spec}' is in ${to ?? 'no layer'}.` });
        return;
      }
      const pkg = packageOf(spec);
      if (allowedPackage(pkg, packages)) return;
      const what = pkg === NODE ? `'${spec}' is a Node built-in` : `'${spec}' is not among them`;
      context.report({ node: source, message: `${describe}: ${what}.` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

const layerRules = Object.keys(ALLOWED).flatMap((layer) => {
  const files = layer === 'renderer' ? [`${layer}/**/*.ts`, `${layer}/**/*.tsx`] : [`${layer}/**/*.ts`];
  const tests = [`${layer}/**/*.test.ts`, `${layer}/**/*.test.tsx`, `${layer}/**/test-*.ts`];
  // A more specific layer inside this one (migrations inside electron/core) has its own rule.
  const inner = Object.keys(ALLOWED)
    .filter((l) => l !== layer && l.startsWith(`${layer}/`))
    .map((l) => `${l}/**`);
  return [
    {
      files,
      ignores: [...tests, ...inner],
      rules: { 'layers/allowed-imports': ['error', { layer }] },
    },
    {
      files: tests,
      ignores: inner,
      rules: { 'layers/allowed-imports': ['error', { layer, test: true }] },
    },
  ];
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.cache/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { layers: { rules: { 'allowed-imports': allowedImports } } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  ...layerRules,
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
