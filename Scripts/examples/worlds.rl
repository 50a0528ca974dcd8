% What-if worlds on a small model written for the tests: interventions on
% facts and on derived atoms, scenarios, compare, why, why not, flips,
% timeline and expect. Run: redline run --today 2026-03-02 Scripts/examples/worlds.rl

.decl contract(id: symbol, buyer: symbol, value: money)
.outcome lost, blacklisted
.lever drops/2
.say lost(K) "contract {K} is lost"
.say blacklisted(C) "{C} is blacklisted"

company(acme).
safeguard(acme, pause).
safeguard(acme, usage).
contract(k1, gov, $200M).
contract(k2, gov, $5M).
demands(gov, usage).
drops(acme, pause).
deadline(gov, 2026-03-01).

keeps(C, S) :- safeguard(C, S), not drops(C, S).
lost(K) :- contract(K, B, _), demands(B, S), keeps(acme, S).
blacklisted(acme) :- lost(_).
exposure(T) :- T = sum V : { contract(K, _, V), lost(K) }.
overdue(B) :- deadline(B, D), today(T), T > D.
% No lever change can make acme keep an audit safeguard it never had.
reviewed(C) :- company(C), not keeps(C, audit).

% A fact removed, a fact added, a derived atom blocked, a derived atom forced.
what if drops(acme, usage).
what if not demands(gov, usage).
what if not lost(k1).
what if keeps(acme, pause), demands(gov, pause).
what if drops(acme, usage) ?- exposure(T).

scenario comply: drops(acme, usage).
scenario defy: not drops(acme, pause) at 2026-02-20.
compare comply, defy.
compare all comply, defy.
% Redefining a scenario replaces it.
scenario comply: drops(acme, usage), not contract(k2, gov, $5M).
compare comply.

why blacklisted(acme).
why exposure($205M).
why not keeps(acme, pause).
why not lost(k3).

what would flip lost(k1).
what would flip reviewed(acme).
what would flip overdue(gov).

timeline overdue(gov) from 2026-02-25 to 2026-03-04.

expect lost(k1).
expect not keeps(acme, pause).
expect count lost(_) = 2.
expect count contract(_, gov, _) >= 2.

% The current world changes with use and assume; queries follow it.
use comply.
?- lost(K).
assume not drops(acme, usage).
?- lost(K).
:scenarios
use baseline.
?- lost(K).
