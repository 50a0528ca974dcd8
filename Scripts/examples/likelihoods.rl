% How likely: the bundled story's open questions weighed (its section "how
% likely" gives each lever a probability; the numbers are placeholders for
% a workshop to argue about).
% Run: redline run --today 2026-03-02 Scripts/examples/likelihoods.rl
:load bundled:ultimatum.rl

% Ordinary answers see the story as told: nothing is lost on the story's date.
?- contract_lost(K).
% After the assumed deadline, each outcome with its probability.
how likely contract_lost(K) at 2026-03-02?
how likely complies(C, U)?
% Which uncertain link matters most: each made certain true, then false.
what moves contract_lost(pentagon_contract) at 2026-03-02?
% The proofs that carry the probability (they overlap, so they need not add up).
why likely contract_lost(pentagon_contract) at 2026-03-02?
% Conditioning on what the room takes as known.
how likely contract_lost(pentagon_contract) given not complies(anthropic, hegseth_ultimatum) at 2026-03-02?
% A what-if makes its facts certain; the rest stay uncertain.
what if rolls_back(anthropic, ai_safeguards) at 2026-03-02 ?- how likely contract_lost(K)?
% By date: the contract can be lost only after the deadline.
timeline how likely contract_lost(pentagon_contract) from 2026-02-25 to 2026-03-05.
% The scenarios side by side, each outcome's probability in each.
compare comply, defy with likelihoods.
% An aggregate over uncertain facts: every world is evaluated.
how likely exposure(C, T)?
:set likelihood exact
how likely keeps_safeguards(C)?
