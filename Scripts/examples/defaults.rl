% Defaults with exceptions and priorities (defeasible rules), on the
% literature's examples: Tweety the penguin, and a defeater.
%   redline Scripts/examples/defaults.rl
%   ?- flies(X).            why -flies(tweety).      why not flies(tweety).
%   what if not superior(r2, r1) ?- flies(X).

bird(X) :- penguin(X).
penguin(tweety). bird(polly). bird(harry). injured(harry).

r1: normally flies(X) :- bird(X).          % birds normally fly
r2: normally -flies(X) :- penguin(X).      % penguins normally do not
d1: maybe -flies(X) :- injured(X).         % an injured bird might not: blocks, concludes nothing
r2 > r1.                                   % the more specific rule prevails

.lever superior/2
