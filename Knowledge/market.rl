% The market argument: a model of the comment in source/news-and-comment.txt
% (its second part). A commenter answers talk of "killbots" and of a coming
% crash: military usefulness means there will be no crash; slop and vibe
% coding show someone finds the tools useful; cob houses and brick houses
% both exist; resource costs will fall once optimisation becomes a priority.
%
% Each step of the argument is a rule that holds only while the workshop
% accepts its premise: `accepts/1` is the lever to dispute it. Provenance as
% in ultimatum.rl: sentence/2, source/2, assumption/2 (README, "Provenance").

.decl sentence(id: symbol, text: string)
.decl source(fact: term, sentence: symbol)
.decl assumption(predicate: symbol, text: string)

.outcome no_crash, crash_risk, useful_to_someone, quality_objection_answered, costs_exceed_returns, optimized, optimization_expected
.outcome talk_is_inconsistent
.lever accepts/1, not_yet_a_priority/1

.say no_crash(X) "{X}: there will be no crash"
.say crash_risk(X) "{X}: a crash remains possible"
.say useful_to_someone(X, E) "{E} shows that {X} is useful to someone"
.say quality_objection_answered(X) "the quality objection to {X} is answered"
.say costs_exceed_returns(X) "{X} costs more in resources than it returns"
.say optimized(X) "{X} gets optimised"
.say optimization_expected(X) "{X} is expected to get cheaper"
.say talk_is_inconsistent(X) "{X}: talk of killbots and of a crash at once is inconsistent"
.say accepts(P) "the workshop accepts that {P}"

% ---------------------------------------------------------------- the source
sentence(m1, "People are talking about AI killbots and upcoming crash at the same time, and complain about AI slop and vibe coding.").
sentence(m2, "Sorry, but if something is usable for making killbots, there will be no crash.").
sentence(m3, "And AI slop proves that for someone it’s useful to make slop.").
sentence(m4, "And vibe coding proves that someone makes things working in production with those tools.").
sentence(m5, "Saying that quality suffers is like saying that cobb houses are not comparable to brick houses and vice versa.").
sentence(m6, "Both exist.").
sentence(m7, "There are places where technologies related to cobb are still common for construction.").
sentence(m8, "But the most important reason is the first one, if some technique gives you a more convenient and sharper stick to kill someone from another tribe, then that something stays as tribe’s cherished wisdom.").
sentence(m9, "That LLMs consume too much resources … You might have noticed there’s a huge space for optimization.").
sentence(m10, "They are easy to parallelize, and we are in market capture stage, which means that optimization is not yet a priority.").
sentence(m11, "When it becomes a priority, there might happen a moment when all the arguments about operations costing in resources more than they give profit and that being funded by investors are suddenly not true anymore.").

% ------------------------------------------------------------- what is said
talk_of(people, killbots).                     source(talk_of(people, killbots), m1).
talk_of(people, crash).                        source(talk_of(people, crash), m1).
complaint(people, slop).                       source(complaint(people, slop), m1).
complaint(people, vibe_coding).                source(complaint(people, vibe_coding), m1).
evidence(slop, made_for_someone).              source(evidence(slop, made_for_someone), m3).
evidence(vibe_coding, works_in_production).    source(evidence(vibe_coding, works_in_production), m4).
analogy(quality_suffers, cob_versus_brick).    source(analogy(quality_suffers, cob_versus_brick), m5).
both_exist(cob, brick).                        source(both_exist(cob, brick), m6).
still_common(cob, some_places).                source(still_common(cob, some_places), m7).
concern(resource_consumption).                 source(concern(resource_consumption), m9).
room_for_optimization(huge).                   source(room_for_optimization(huge), m9).
parallelizable(llms).                          source(parallelizable(llms), m10).
stage(market_capture).                         source(stage(market_capture), m10).
not_yet_a_priority(optimization).              source(not_yet_a_priority(optimization), m10).

% The commenter's premises; a workshop disputes them with `not accepts(...)`.
accepts(military_use_prevents_crash).          source(accepts(military_use_prevents_crash), m2).
accepts(weapons_stay_cherished).               source(accepts(weapons_stay_cherished), m8).
accepts(use_shows_usefulness).                 source(accepts(use_shows_usefulness), m3).
accepts(cob_brick_analogy).                    source(accepts(cob_brick_analogy), m5).
accepts(optimization_will_come).               source(accepts(optimization_will_come), m11).

% ------------------------------------------------------- modeling: the steps
assumption(weapons_use, "talk of killbots is taken as the tools being usable for weapons").
weapons_use(ai) :- talk_of(people, killbots).

assumption(no_crash, "the commenter's first reason: what makes a sharper stick is kept, so its market does not crash").
no_crash(X) :- weapons_use(X), accepts(military_use_prevents_crash), accepts(weapons_stay_cherished).

assumption(useful_to_someone, "that something is made and used shows it is useful to someone").
useful_to_someone(ai, E) :- complaint(people, E), evidence(E, _), accepts(use_shows_usefulness).

assumption(quality_objection_answered, "if cob and brick houses both exist, lower quality does not mean no market").
quality_objection_answered(ai) :- analogy(quality_suffers, cob_versus_brick), both_exist(cob, brick), accepts(cob_brick_analogy).

assumption(optimized, "with huge room to optimise, optimisation follows once it is a priority").
optimized(ai) :- room_for_optimization(huge), not not_yet_a_priority(optimization).

assumption(costs_exceed_returns, "the resource concern holds until the tools are optimised").
costs_exceed_returns(ai) :- concern(resource_consumption), not optimized(ai).

assumption(optimization_expected, "parallel, unoptimised tools in a market-capture stage are expected to get cheaper").
optimization_expected(ai) :- room_for_optimization(huge), parallelizable(llms), stage(market_capture), accepts(optimization_will_come).

assumption(crash_risk, "a crash stays possible while costs exceed returns, unless military use or expected optimisation rules it out").
crash_risk(ai) :- costs_exceed_returns(ai), not no_crash(ai), not optimization_expected(ai).

assumption(talk_is_inconsistent, "if killbots rule out a crash, talking of both at once is inconsistent").
talk_is_inconsistent(ai) :- talk_of(people, killbots), talk_of(people, crash), no_crash(ai).

% ------------------------------------------------------------ scenarios
% skeptic: military usefulness does not rule out a crash, and optimisation may not come.
scenario skeptic: not accepts(military_use_prevents_crash), not accepts(optimization_will_come).
% costs_fall: optimisation becomes a priority.
scenario costs_fall: not not_yet_a_priority(optimization).
% quality_matters: the cob-and-brick analogy is rejected.
scenario quality_matters: not accepts(cob_brick_analogy).
