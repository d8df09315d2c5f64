import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// The pipeline's stages in data-flow order. A stage imports only itself, earlier stages and the shared
// modules (model.ts, report.ts, config/, util/, text/, sources/): never a later stage, the store,
// pipeline/ (which composes the stages over the store) or serve/. A type two stages share belongs in a
// shared module (as util/llm.ts, text/identify.ts); the store may not import pipeline/ or serve/.
const STAGES = ['fetch', 'extract', 'language', 'translate', 'dedupe', 'cluster', 'analyze', 'synthesize'];
const AFTER_STAGES = ['store', 'pipeline', 'serve'];
const stageZones = [
  ...STAGES.map((stage, i) => ({
    target: `./src/${stage}`,
    from: [...STAGES.slice(i + 1), ...AFTER_STAGES].map((d) => `./src/${d}`),
    message: `${stage}/ is stage ${i + 1} of the pipeline (${STAGES.join(' → ')}): it may not import a later stage, the store, pipeline/ or serve/.`,
  })),
  { target: './src/store', from: ['./src/pipeline', './src/serve'], message: 'the store may not import pipeline/ or serve/.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'src/serve/web/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      'no-useless-escape': 'off',
    },
  },
  {
    // No import cycles in src/ (type-only imports aside; dynamic import() counts), and the stages' order.
    // A cycle is broken by moving what both sides need into a module of its own (e.g. analyze/days.ts).
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver()],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: stageZones }],
    },
  },
);
