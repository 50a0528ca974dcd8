% Transitive closure, written both ways, and reachability by negation.
edge(a, b). edge(b, c). edge(c, a). edge(c, d). edge(e, f).

path(X, Y) :- edge(X, Y).
path(X, Y) :- path(X, Z), edge(Z, Y).

node(X) :- edge(X, _).
node(X) :- edge(_, X).
unreachable_from_a(X) :- node(X), not path(a, X).

?- path(a, X).
?- unreachable_from_a(X).
?- path(d, a).
?- N = count : { path(_, _) }.
