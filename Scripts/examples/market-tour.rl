% A walk through the market argument: each step holds while its premise is
% accepted. Run: redline run Scripts/examples/market-tour.rl
:load bundled:market.rl

expect no_crash(ai).
expect not crash_risk(ai).
expect count useful_to_someone(ai, _) = 2.
expect talk_is_inconsistent(ai).

compare all skeptic, costs_fall, quality_matters.

% Disputing one premise at a time.
what if not accepts(military_use_prevents_crash).
what if not accepts(cob_brick_analogy).
why no_crash(ai).
why not crash_risk(ai).
what would flip crash_risk(ai).

use skeptic.
expect crash_risk(ai).
expect not talk_is_inconsistent(ai).
use costs_fall.
expect optimized(ai).
expect not costs_exceed_returns(ai).
use baseline.
