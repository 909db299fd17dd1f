/**
 * The time-dependent concession tactic of Faratin, Sierra & Jennings (1998): the utility an agent
 * aims for at time t in [0, 1] is
 *   target(t) = Pmin + (Pmax - Pmin) * (1 - t^(1/e)).
 * e < 1 holds firm until late (Boulware), e = 1 concedes linearly, e > 1 concedes early
 * (Conceder). e = 0 is the hardliner, which never concedes: like Genius's TimeDependentAgent we
 * take t^(1/0) as 0 for every t, because the limit at t = 1 (1^Infinity) is undefined.
 */
export function faratinTarget(t: number, e: number, pmin: number, pmax: number): number {
  if (e === 0) return pmax;
  const tc = Math.min(1, Math.max(0, t));
  return pmin + (pmax - pmin) * (1 - Math.pow(tc, 1 / e));
}

/** The floor of the curve: never below the reservation, and never below what some package gives. */
export function concessionFloor(reservation: number, lowestUtility: number): number {
  return Math.max(reservation, lowestUtility);
}

/** Time at turn k of a deadline of `turns` turns: 0 at the first turn, 1 at the last. */
export function timeAt(turn: number, turns: number): number {
  return turns <= 1 ? 1 : Math.min(1, turn / (turns - 1));
}
