import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const pureCore = ['src/core/**/*.ts', 'src/negotiators/**/*.ts', 'src/scenario/**/*.ts', 'src/session/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'scratch/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Scenario text is untrusted: set textContent, never innerHTML.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Never write HTML strings into the page.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never write HTML strings into the page.' },
      ],
    },
  },
  {
    files: pureCore,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'phaser', message: 'The core runs in Node: no Phaser here.' }], patterns: [{ group: ['**/view/**', '**/cli/**'], message: 'The core must not depend on the view or the CLI.' }] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'performance', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG streams (src/core/rng.ts).' },
        { object: 'Date', property: 'now', message: 'The core never reads the clock.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'The core never reads the clock.' }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/view/**/*.ts', 'src/main.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
