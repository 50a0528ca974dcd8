% A batch analysis of contract awards read from a CSV: totals, a ranking,
% string tests and date functions, a timeline of one vendor, and what-ifs.
% Run it as `redline run Scripts/examples/analysis.rl --today 2026-03-02`.
.decl award(id: symbol, vendor: symbol, agency: symbol, amount: money, start: date, end: date)
.input award "awards.csv"              % money in mixed forms: "$1,200,000.50", $3M, 850000
.lever cancelled/1
.outcome flagged, exposure

active(K) :- award(K, _, _, _, S, E), today(D), S <= D, D <= E, not cancelled(K).
vendor(V) :- award(_, V, _, _, _, _).
exposure(V, T) :- vendor(V), T = sum A : { award(K, V, G, A, S, E), active(K) }.
flagged(V) :- exposure(V, T), T > $2M.
incorporated(V) :- vendor(V), ends_with(V, "_inc").
renewal(K, R) :- award(K, _, _, _, _, E), R = add_months(E, 1).

scenario cancel_big: cancelled(a2).
scenario summer: at 2026-07-01.

% The ranking, largest first, and the top two.
?- exposure(V, T) order by T desc.
?- exposure(V, T) order by T desc limit 2.
?- incorporated(V).
?- renewal(K, R), award(K, globex, _, _, _, _).
expect exposure(acme_inc, $4.2M) within $1K.
% When does a vendor pass the threshold? Goal-directed: only acme's dates count.
timeline flagged(acme_inc) from 2026-01-01 to 2026-12-31.
what if cancelled(a2).
compare cancel_big, summer.
