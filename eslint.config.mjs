// One lint config for the repository (ESLint flat config with typescript-eslint's type-aware rules).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of STYLE.md, lowest first. A file may import its own layer and the layers below,
 * never one above. The entity registry (`entities.ts`, with `ormconfig.ts` and the migrations that
 * build on it) gathers every module's entities, so it sits above modules; the commands in
 * `src/cli/` are process entry points like `main.ts`: they build the services through the
 * composition root (`app.ts`), so they sit above it.
 */
const LAYERS = [
  ['src/common', 'src/config'],
  ['src/db', 'src/graphql', 'src/events'],
  ['src/modules'],
  ['entities.ts', 'ormconfig.ts', 'migrations'],
  ['src/demo', 'src/http'],
  ['src/app.ts'],
  ['src/main.ts', 'src/telemetry.ts', 'src/cli'],
];
const SERVER = [...LAYERS.flat()];
const layerZones = LAYERS.slice(0, -1).map((layer, i) => ({
  target: layer,
  from: LAYERS.slice(i + 1).flat(),
  message: `Layers (STYLE.md), lowest first: ${LAYERS.map((l) => l.join(' ')).join(' → ')}; an import never runs upward.`,
}));
// The board page is browser code with its own TypeScript project: it and the server share nothing.
const webZones = [
  { target: 'src/web', from: SERVER, message: 'src/web is browser code: it imports nothing of the server.' },
  { target: SERVER, from: 'src/web', message: 'The server imports nothing of the browser code in src/web.' },
];

// Tracing hooks modules as they load: only the server's entry (main.ts) starts it, as its first
// import; the layers keep everything below out, this keeps the commands out.
const telemetryZones = [
  {
    target: 'src/cli',
    from: 'src/telemetry.ts',
    message: 'src/telemetry.ts is imported by src/main.ts alone, as its first import.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'src/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    ignores: ['src/web/**'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The browser code has its own TypeScript project (DOM, bundler resolution, Preact's JSX).
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    languageOptions: {
      parserOptions: { project: './src/web/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Import boundaries: the layering above, and no import cycle (type-only imports, erased at
    // run time, are not followed).
    files: ['src/**/*.ts', 'src/**/*.tsx', 'migrations/**/*.ts', '*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...webZones, ...telemetryZones] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Each module adds its loaders to the request context's `Loaders` by declaration merging
    // (`interface Loaders extends UnitLoaders {}`), the one place an interface is empty.
    files: ['src/modules/*/*.loaders.ts'],
    rules: { '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }] },
  },
  {
    // CommonJS config files (jest.config.js) run under Node.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    files: ['test/**/*.ts', 'migrations/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
