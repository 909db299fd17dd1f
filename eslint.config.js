import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The pure layers: they run in Node and in the browser alike, with no DOM, clock or Math.random. */
const pure = ['src/core/**/*.ts', 'src/negotiators/**/*.ts', 'src/scenario/**/*.ts', 'src/session/**/*.ts'];

/**
 * The layers (DESIGN.md, "Architecture") and what each may not import: `core` nothing of ours;
 * `scenario` and `negotiators` only the core; `session` those three; `view`, `cli` and `server`
 * only the session, plus the core's types. tests/architecture/imports.test.ts checks the same on
 * the resolved graph (dynamic imports included) and that there is no import cycle.
 */
const layers = {
  core: { files: ['src/core/**/*.ts'], forbidden: ['scenario', 'negotiators', 'session', 'view', 'cli', 'server'] },
  scenario: { files: ['src/scenario/**/*.ts'], forbidden: ['negotiators', 'session', 'view', 'cli', 'server'] },
  negotiators: { files: ['src/negotiators/**/*.ts'], forbidden: ['scenario', 'session', 'view', 'cli', 'server'] },
  session: { files: ['src/session/**/*.ts'], forbidden: ['view', 'cli', 'server'] },
  view: { files: ['src/view/**/*.ts'], forbidden: ['scenario', 'negotiators', 'cli', 'server'], coreTypes: true },
  cli: { files: ['src/cli/**/*.ts'], forbidden: ['scenario', 'negotiators', 'view', 'server'], coreTypes: true },
  server: { files: ['src/server/**/*.ts'], forbidden: ['scenario', 'negotiators', 'view', 'cli'], coreTypes: true },
};

/** An import of `layer` from inside another layer's folder (src/x/a.ts or src/x/y/a.ts importing ../layer/...). */
const into = (layer) => `^(\\.\\./)+${layer}(/|$)`;

function layerRule(name, { forbidden, coreTypes }, prefix = into) {
  const patterns = forbidden.map((layer) => ({ regex: prefix(layer), message: `the ${name} layer may not import the ${layer} layer (DESIGN.md, "Architecture")` }));
  if (coreTypes) patterns.push({ regex: prefix('core'), allowTypeImports: true, message: `the ${name} layer reaches the core through the session; only the core's types may be imported directly` });
  if (pure.some((glob) => glob.startsWith(`src/${name}/`))) {
    patterns.push({ regex: '^node:', message: 'the pure layers run in the browser too: no Node modules' });
    return ['error', { paths: [{ name: 'phaser', message: 'The pure layers run in Node: no Phaser here.' }], patterns }];
  }
  return ['error', { patterns }];
}

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
    files: pure,
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'performance', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG streams (src/core/rng.ts).' },
        { object: 'Date', property: 'now', message: 'The core never reads the clock.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'The core never reads the clock.' }],
    },
  },
  ...Object.entries(layers).map(([name, layer]) => ({ files: layer.files, rules: { '@typescript-eslint/no-restricted-imports': layerRule(name, layer) } })),
  {
    // The browser entry sits beside the layers' folders: it is the view's, importing ./session/... only.
    files: ['src/main.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': layerRule('view', layers.view, (layer) => `^\\./${layer}(/|$)`) },
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
