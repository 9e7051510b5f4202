import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'],
  message: 'Runs in the browser: no Node APIs.',
};
const rendererPatterns = [
  nodeBuiltins,
  { group: ['**/main/**'], message: 'The renderer reaches main only through window.brankas.' },
];
const electron = {
  name: 'electron',
  message:
    'Only src/main/app, src/main/platform and the preload may import electron (the core must run under plain Node).',
};

const testClockRules = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message:
      "Take the time from the test's clock (t.clock.now()), or wallNow() from tests/support/clock.ts for file times.",
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "Take the time from the test's clock (new Date(t.clock.now())), never the machine's.",
  },
];

// One shop clock: a day is named or compared only on the shop's calendar (Asia/Jakarta), never the
// laptop's zone. Only src/shared/shop-time.ts reads a Date's fields or formats one; everyone else
// asks it (shopIsoDay, shopWall, fromShopIso, shopDay...).
const shopClockMessage =
  "The laptop's zone is not the shop's: use src/shared/shop-time.ts (shopWall, shopIsoDay, fromShopIso, shopDay).";
const shopClockProperties = [
  'getDate',
  'getDay',
  'getMonth',
  'getFullYear',
  'getYear',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getTimezoneOffset',
  'setDate',
  'setMonth',
  'setFullYear',
  'setHours',
  'setMinutes',
  'setSeconds',
  'toLocaleDateString',
  'toLocaleTimeString',
  'toDateString',
  'toTimeString',
].map((property) => ({ property, message: shopClockMessage }));
const shopClockSyntax = [
  {
    selector:
      "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]:not(:has(Property[key.name='timeZone']))",
    message: `A date formatted without a timeZone shows the laptop's zone. ${shopClockMessage}`,
  },
  {
    selector:
      ":matches(NewExpression, CallExpression)[callee.object.name='Intl'][callee.property.name='DateTimeFormat']:not(:has(Property[key.name='timeZone']))",
    message: `A DateTimeFormat without a timeZone shows the laptop's zone. ${shopClockMessage}`,
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length>1]",
    message: `new Date(y, m, d...) counts in the laptop's zone. ${shopClockMessage}`,
  },
  {
    // yyyy-mm-ddThh:mm without a Z is read in the laptop's zone.
    selector:
      ":matches(NewExpression[callee.name='Date'], CallExpression[callee.object.name='Date'][callee.property.name='parse']) > TemplateLiteral.arguments:not(:has(TemplateElement[tail=true][value.raw=/Z$/]))",
    message: `A date text without Z is read in the laptop's zone. ${shopClockMessage}`,
  },
];
const shopClockRules = {
  'no-restricted-properties': ['error', ...shopClockProperties],
  'no-restricted-syntax': ['error', ...shopClockSyntax],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'build/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.mjs', '.ci/**'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { globals: globals.node, sourceType: 'commonjs' } },
  // Process boundaries, enforced rather than hoped for.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'shared imports nothing from main or renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electron], patterns: rendererPatterns }],
    },
  },
  {
    // Components talk to main through their feature's store, so every call has one home.
    files: ['src/renderer/features/**/*.tsx', 'src/renderer/components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            ...rendererPatterns,
            {
              group: ['**/lib/client'],
              importNames: ['call', 'onEvent'],
              message: 'Call main from the feature store (features/<name>/<name>.store.ts), not a component.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/app/**', 'src/main/platform/**', 'src/main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/renderer/**'], message: 'main does not import the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/shop-time.ts'],
    rules: shopClockRules,
  },
  {
    // A test takes time from the clock the code under test runs on (TestClock in
    // tests/support/clock.ts), never from the machine: a test that took "today" from the wall while
    // main ran on a fixed date started failing on every day after that date.
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', ...shopClockProperties],
      'no-restricted-syntax': ['error', ...testClockRules, ...shopClockSyntax],
    },
  },
  {
    files: ['tests/e2e/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...testClockRules,
        ...shopClockSyntax,
        {
          selector: "CallExpression[callee.property.name='newContext']",
          message:
            "Open pages with shopContext() (tests/support/browser.ts): the page's clock follows the core's.",
        },
      ],
    },
  },
);
