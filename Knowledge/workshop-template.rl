% A template for a workshop's own fact set. Copy it next to your CSV files,
% edit, then:  redline check my-workshop.rl   and   redline my-workshop.rl
%
% Conventions (README, "Provenance"): quote what you rely on with
% sentence/2, cite each reported fact with source/2, and mark each modeling
% rule with assumption/2, so that `why` shows what was reported and what is
% a choice your group made.

% 1. Declare the relations whose columns need types (money, dates, ...).
.decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money, signed: date)
.decl sentence(id: symbol, text: string)
.decl source(fact: term, sentence: symbol)
.decl assumption(predicate: symbol, text: string)

% 2. Bulk facts come from a spreadsheet saved as CSV, with a header row.
%    The path is relative to this file.
.input contract "workshop-contracts.csv"

% 3. Say which relations are the consequences to watch, which facts the
%    group may change, and how to phrase them.
.outcome at_risk, exposure, renews, -renews
.lever keeps/2
.say at_risk(K) "contract {K} is at risk"
.say exposure(V, T) "{V} has {T} at risk"

% 4. Reported facts, each with its source: quote the sentence with
%    sentence/2 and cite it with source/2, for example
%        sentence(q1, "... the exact words of your source ...").
%        source(demands(pentagon, roll_back(usage_safeguards)), q1).
%    The facts below are invented examples, marked as such; replace them
%    with your group's reported facts and their sources.
assumption(demands, "an invented example for the template; no source says it").
demands(pentagon, roll_back(usage_safeguards)).
assumption(contract, "invented example rows (workshop-contracts.csv); replace them with your data").

% 5. The group's choices, marked as such: what each party keeps.
assumption(keeps, "the group's starting position: the vendor keeps its usage safeguards").
keeps(anthropic, usage_safeguards).

% 6. Modeling rules, each marked as an assumption.
assumption(at_risk, "a signed contract is at risk when its buyer demands a rollback the vendor refuses").
at_risk(K) :- contract(K, B, V, _, Signed), today(T), Signed <= T, demands(B, roll_back(S)), keeps(V, S).

assumption(exposure, "the exposure is the value of the vendor's contracts at risk").
exposure(V, T) :- keeps(V, _), T = sum X : { contract(K, _, V, X, _), at_risk(K) }.

% 6b. A default with an exception (README, "Defaults, exceptions and
%     priorities"): a buyer normally renews its contracts, normally not a
%     contract at risk, and the exception prevails. `superior/2` is a lever,
%     so the group can ask what if the default won instead.
assumption(renews, "invented example: buyers normally renew; a contract at risk is the exception").
usual: normally renews(K) :- contract(K, _, _, _, Signed), today(T), Signed <= T.
at_risk_exception: normally -renews(K) :- at_risk(K).
assumption(superior, "the group's priority: the exception prevails over the default").
at_risk_exception > usual.
.lever superior/2

% 7. Prepared scenarios for the session.
scenario comply: not keeps(anthropic, usage_safeguards).

% 8. Checks that fail loudly if an edit breaks the story (redline run exits 2).
expect at_risk(pentagon_contract).
expect exposure(anthropic, $200M).
expect -renews(pentagon_contract).
