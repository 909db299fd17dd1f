/**
 * AC_next (Baarslag et al., "Acceptance conditions in automated negotiation", 2011): accept when
 * the offer on the table is worth at least what my own next offer would be, and never below what
 * no deal gives me.
 */
export function acceptsOffer(offerUtility: number, nextOfferUtility: number, reservation: number): boolean {
  return offerUtility >= nextOfferUtility && offerUtility >= reservation;
}
