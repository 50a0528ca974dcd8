% Aggregates over contracts: exposure by company, money arithmetic.
.decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money)
contract(defense_pilot, pentagon, anthropic, $200M).
contract(agency_pilot, gsa, anthropic, $1.5M).
contract(cloud_deal, pentagon, other_lab, $1.5B).

company(anthropic). company(other_lab). company(newcomer).
at_risk(defense_pilot).

exposure(C, T) :- company(C), T = sum V : { contract(_, _, C, V) }.
contracts(C, N) :- company(C), N = count : { contract(_, _, C, _) }.
largest(C, M) :- company(C), M = max V : { contract(_, _, C, V) }.
lost_share(C, S) :- exposure(C, T), T > $0, L = sum V : { contract(K, _, C, V), at_risk(K) }, S = L / T.

?- exposure(C, T), contracts(C, N).
?- largest(C, M).
?- lost_share(C, S).
?- T = $200M + $1.5M, H = T / 2, P = $200M * 3.
