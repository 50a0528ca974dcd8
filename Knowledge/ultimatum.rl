% The ultimatum scenario: a first, small model of the news report in
% ../shared/source/news-and-comment.txt. The knowledge issue extends it with
% provenance for every fact, scenarios and the market argument.
%
% Modeling assumptions are marked "assumption:".

.decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money)
.decl ultimatum(id: symbol, from: symbol, to: symbol, demand: term, deadline: date)

company(anthropic).
agency(pentagon).
safeguard(anthropic, usage_safeguards).
safeguard(anthropic, pause_clause).

% "risk losing a $200 million Pentagon contract"
contract(defense_pilot, pentagon, anthropic, $200M).

% "an ultimatum to roll back the company's AI safeguards"
% assumption: the source names no deadline; this date is editable.
ultimatum(u1, pentagon, anthropic, roll_back(usage_safeguards), 2026-02-27).

% The new nonbinding framework removes the pause clause.
drops(anthropic, pause_clause).

.outcome contract_lost, blacklist_threatened, pause_possible
.lever drops/2
.say contract_lost(K) "contract {K} is at risk"

keeps(C, S) :- safeguard(C, S), not drops(C, S).
contract_lost(K) :- ultimatum(_, A, C, roll_back(S), _), keeps(C, S), contract(K, A, C, _).
% assumption: the blacklist threat stands while the demand is refused.
blacklist_threatened(C) :- ultimatum(_, _, C, roll_back(S), _), keeps(C, S).
pause_possible(C) :- keeps(C, pause_clause).
exposure(C, T) :- company(C), T = sum V : { contract(K, _, C, V), contract_lost(K) }.
overdue(U) :- ultimatum(U, _, _, _, D), today(T), T > D.
