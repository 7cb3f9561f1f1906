// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

/**
 * The pipeline runs one way: text → lexicon/gazetteer → ingest → extract → link →
 * store → service → server/cli. Each stage lists the stages it must never import.
 */
const later = {
  contracts: [
    'text',
    'lexicon',
    'gazetteer',
    'ingest',
    'extract',
    'link',
    'store',
    'service',
    'server',
    'cli',
    'eval',
  ],
  text: [
    'lexicon',
    'gazetteer',
    'ingest',
    'extract',
    'link',
    'store',
    'service',
    'server',
    'cli',
    'eval',
  ],
  lexicon: ['gazetteer', 'ingest', 'extract', 'link', 'store', 'service', 'server', 'cli', 'eval'],
  gazetteer: ['ingest', 'extract', 'link', 'store', 'service', 'server', 'cli', 'eval'],
  ingest: ['extract', 'link', 'store', 'service', 'server', 'cli', 'eval'],
  extract: ['ingest', 'link', 'store', 'service', 'server', 'cli', 'eval'],
  link: ['store', 'service', 'server', 'cli', 'eval'],
  store: ['service', 'server', 'cli', 'eval'],
  service: ['server', 'cli', 'eval'],
  server: ['cli', 'eval'],
  eval: ['store', 'service', 'server', 'cli'],
};

/**
 * Another stage, or another family of extraction, is imported only through its
 * index.ts. The contracts have a second face, values.ts: their plain values
 * without the schemas, for what must start without loading zod.
 */
const throughIndex = {
  regex: String.raw`^(\.\./)+(?!contracts/values\.js$)[^./][^/]*/(?!index\.js$)`,
  message: 'import another stage only through its index.ts (its public face)',
};

function laterStages(stage) {
  return {
    group: later[stage].flatMap((s) => [`../${s}/*`, `../../${s}/*`]),
    message: `${stage} is an earlier stage of the pipeline and must not import a later one`,
  };
}

const stageBoundaries = Object.keys(later).map((stage) => ({
  files: [`src/${stage}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [laterStages(stage), throughIndex] }],
  },
}));

/**
 * Extraction is a recipe of numbered rule families (src/extract/01-read …
 * 08-write), each answering one question; a family reads only the answers of
 * the families before it.
 */
const FAMILIES = [
  '01-read',
  '02-speakers',
  '03-places',
  '04-figures',
  '05-acts',
  '06-sides',
  '07-gather',
  '08-write',
];
const familyOrder = FAMILIES.map((family, k) => ({
  files: [`src/extract/${family}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          laterStages('extract'),
          throughIndex,
          ...(k + 1 < FAMILIES.length
            ? [
                {
                  group: FAMILIES.slice(k + 1).map((f) => `../${f}/*`),
                  message: `${family} comes before these families in the recipe and must not read their answers`,
                },
              ]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'wathiq-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  regexp.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'use named exports' },
      ],
    },
  },
  ...stageBoundaries,
  ...familyOrder,
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
