% Date arithmetic over deadlines; run with --today 2026-03-02.
ultimatum(u1, pentagon, anthropic, 2026-02-27T17:01).
policy_review(rsp, 2024-09-19).
deadline(u1, D) :- ultimatum(u1, _, _, D).

overdue(U) :- deadline(U, D), today(T), T > D.
days_late(U, L) :- deadline(U, D), today(T), T > D, L = T - D.
grace_ends(U, G) :- deadline(U, D), G = D + 72h.
policy_age(P, A) :- policy_review(P, D), today(T), A = T - D.

?- overdue(U).
?- days_late(U, L).
?- grace_ends(U, G).
?- policy_age(P, A).
?- today(T).
