/**
 * Upper bounds on every size, count and parameter the game accepts from outside: scenario files,
 * move files, result codes, saves, options and URL parameters. Each is far above anything a real
 * scenario or game needs (the shipped files use a tenth of them or less) and low enough that a
 * file at every bound still loads, plays and replays in moments: nothing a file says can make the
 * game hang or run out of memory. The schemas refuse anything beyond them by name.
 */
export const LIMITS = {
  /** Characters in a scenario file (the largest shipped file has about 42,000). */
  scenarioFileChars: 1_000_000,
  /** Characters in a move file. */
  moveFileChars: 1_000_000,
  /** Characters in a saved game (it may carry the text of a scenario file the player opened). */
  saveChars: 3_000_000,
  /** Characters in a result code. */
  codeChars: 20_000,
  /** Characters in a link's query string. */
  queryChars: 20_000,
  /** Nesting of objects and lists in any file (a scenario nests about 8 deep). */
  depth: 32,
  /** Characters in an id. */
  idChars: 64,
  /** Characters in a name or label. */
  nameChars: 200,
  /** Characters in a sentence or a short paragraph (notes, accounts, questions, reasons). */
  textChars: 2_000,
  /** Characters in a long text (descriptions, the calibration note). */
  proseChars: 20_000,
  /** Characters in a seed. */
  seedChars: 100,
  /** The largest magnitude of any number in a scenario (effects, bounds, weights). */
  magnitude: 1_000_000,
  /** Shape parameters of a beta distribution (below the least, draws underflow). */
  betaShape: { min: 0.01, max: 10_000 },
  /** The negotiating deadline, in rounds (a year of weekly rounds; the AI decides twice a round). */
  rounds: 52,
  /** Rounds the model runs (ten years of weekly rounds). */
  horizon: 520,
  sources: 200,
  issues: 24,
  positionsPerIssue: 12,
  /**
   * Packages the issues make (the product over the issues of their negotiable positions): the AI
   * weighs every one of them at each of its moves (the largest shipped scenario has 104,976).
   */
  packages: 250_000,
  effectsPerList: 32,
  events: 100,
  conditions: 12,
  doctrines: 24,
  profiles: 24,
  redLines: 24,
  negotiators: 12,
  questions: 50,
  quantities: 24,
  /** Moves in a historical path: a whole game at most. */
  historySteps: 104,
  historyEvents: 100,
  metrics: 50,
  draws: 50,
  decisionPoints: 24,
  alternatives: 12,
  epilogue: 50,
  /** Moves in a game: each round has one move by each side. */
  moves: 104,
  /** Problems a report lists before it says how many more there are. */
  problemsShown: 100,
  /** Characters of an offending value a message quotes before it cuts it short. */
  quoteChars: 60,
} as const;
