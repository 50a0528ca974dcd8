% Same generation: two nodes at the same depth below a common ancestor.
parent(root, a). parent(root, b).
parent(a, c). parent(a, d). parent(b, e).
parent(c, f). parent(e, g).

sg(X, Y) :- parent(P, X), parent(P, Y), X != Y.
sg(X, Y) :- parent(P, X), sg(P, Q), parent(Q, Y).

?- sg(c, Y).
?- sg(f, Y).
?- sg(X, Y), X < Y.
