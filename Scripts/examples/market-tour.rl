% A walk through the comment's market argument: every step is the
% commenter's claim, taken at its word until the workshop disputes it
% (disputed/1), and the comment's open conditions are levers.
% Run: redline run Scripts/examples/market-tour.rl
:load bundled:market.rl

% On the commenter's own premises: no crash, and the talk is inconsistent.
expect no_crash(ai).
expect not crash_risk(ai).
expect count useful_to_someone(ai, _) = 2.
expect talk_is_inconsistent(ai).
expect military_buyers_decide(ai).
% The critics' cost argument stands until optimization becomes a priority.
expect cost_objection_stands(ai).
expect not optimized(ai).

compare all skeptic, not_for_weapons, costs_fall, quality_matters.

% Disputing one claim at a time, or deciding an open condition.
what if disputed(if_usable_for(making_killbots, no_crash)).
what if not usable_for_making_killbots(ai).
what if disputed(like(quality_suffers, cobb_houses_not_comparable_to_brick_houses)).
why no_crash(ai).
why not crash_risk(ai).
what would flip crash_risk(ai).
what matters for no_crash(ai).

use skeptic.
expect crash_risk(ai).
expect not talk_is_inconsistent(ai).
use not_for_weapons.
expect not no_crash(ai).
expect crash_risk(ai).
expect optimization_expected(ai).
use costs_fall.
expect optimized(ai).
% Priority alone is not enough: the comment says the moment "might" come.
what if becomes_priority(optimization).
expect not cost_objection_stands(ai).
use quality_matters.
expect not quality_objection_answered(ai).
use baseline.
