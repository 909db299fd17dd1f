/** How a negotiator stands at the table after its last move, as the screens show it. */
export type Posture =
  'preparing' | 'probing' | 'firm' | 'conceding' | 'escalating' | 'cooling-off' | 'deal' | 'walked-out';
