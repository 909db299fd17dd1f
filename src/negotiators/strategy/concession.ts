/**
 * The time-dependent concession tactic of Faratin, Sierra & Jennings (1998): the utility an agent
 * aims for at time t in [0, 1] is
 *   target(t) = Pmin + (Pmax - Pmin) * (1 - t^(1/e)).
 * e < 1 holds firm until late (Boulware), e = 1 concedes linearly, e > 1 concedes early
 * (Conceder). e = 0 is the hardliner, the curve's limit as e falls to 0: t^(1/e) tends to 0 for
 * every t < 1 and is 1 at t = 1, so the target is Pmax until the very end and Pmin at t = 1. The
 * limit is written out because Math.pow(1, Infinity) is NaN in JavaScript. (Genius's hardliner
 * never concedes because its clock never reaches 1; see timeAt for ours.)
 */
export function faratinTarget(t: number, e: number, pmin: number, pmax: number): number {
  const tc = Math.min(1, Math.max(0, t));
  if (e === 0) return tc >= 1 ? pmin : pmax;
  return pmin + (pmax - pmin) * (1 - Math.pow(tc, 1 / e));
}

/** The floor of the curve: never below the reservation, and never below what some package gives. */
export function concessionFloor(reservation: number, lowestUtility: number): number {
  return Math.max(reservation, lowestUtility);
}

/**
 * The time of the side that moves at turn k of a deadline of `turns` turns: 0 at its first turn, 1
 * at its last. Faratin, Sierra & Jennings define the tactic against each agent's own deadline
 * (min(t, t_max^a) / t_max^a), at which it offers its reservation value. Under alternating offers
 * the two sides share one deadline, but their last turns differ: with an even number of turns the
 * first side's last turn is turns - 2 (an offer there can still be accepted) and the second side's
 * is turns - 1 (it can only accept or end). One clock for both, k / (turns - 1), never reaches 1 on
 * the first side's turns, so an e = 0 agent would fall to its reservation as the second side and
 * never as the first. Counting each side's own turns gives every agent its whole curve, whichever
 * side it plays. (Genius's DiscreteTimeline, cRound / (rounds + 1), never reaches 1 at all, which
 * is why its e = 0 agent never concedes; the issue has t run to 1 over the deadline.)
 */
export function timeAt(turn: number, turns: number): number {
  const own = turn % 2 === 0 ? Math.ceil(turns / 2) : Math.floor(turns / 2);
  return own <= 1 ? 1 : Math.min(1, Math.floor(turn / 2) / (own - 1));
}
