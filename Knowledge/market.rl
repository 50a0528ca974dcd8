% The market argument: a model of the comment in source/news-and-comment.txt
% (its second part). A commenter answers talk of "killbots" and of a coming
% crash: what is usable for making killbots will not crash; slop and vibe
% coding prove someone finds the tools useful; cobb houses and brick houses
% both exist; the resource costs may stop mattering once optimization
% becomes a priority.
%
% Everything here is what the commenter says, not what is so: claims(Who,
% Claim) holds a claim the comment makes (Who is the commenter, or the
% critics whose arguments the comment reports), and a step of the argument
% uses a claim only while the workshop does not dispute it (the lever
% disputed/1). The comment's open conditions are levers too: whether AI is
% usable for making killbots (usable_for_making_killbots/1), whether
% optimization becomes a priority (becomes_priority/1) and whether, then,
% the moment the comment says "might happen" comes (moment_comes/1). Provenance as in
% ultimatum.rl: sentence/2, source/2, assumption/2 (README, "Provenance").

.decl sentence(id: symbol, text: string)
.decl source(fact: term, sentence: symbol)
.decl assumption(predicate: symbol, text: string)

.outcome no_crash, crash_risk, useful_to_someone, quality_objection_answered, cost_objection_stands
.outcome optimized, optimization_expected, talk_is_inconsistent, military_buyers_decide
.lever disputed/1, usable_for_making_killbots/1, becomes_priority/1, moment_comes/1

.say no_crash(X) "on the commenter's argument, {X} will not crash"
.say crash_risk(X) "a crash of {X} remains possible"
.say useful_to_someone(X, E) "on the commenter's argument, {E} proves {X} is useful to someone"
.say quality_objection_answered(X) "on the commenter's argument, the quality objection to {X} is answered"
.say cost_objection_stands(X) "the critics' argument that {X} costs more in resources than it gives in profit stands"
.say optimized(X) "{X} gets optimized, and the moment comes when the cost arguments are not true anymore"
.say optimization_expected(X) "the commenter sees a huge space for optimizing {X}, not yet a priority"
.say talk_is_inconsistent(X) "on the commenter's argument, talk of killbots and of a crash of {X} at once is inconsistent"
.say military_buyers_decide(X) "on the model's reading of the comment, military buyers hold the most important reason {X} stays"
.say disputed(C) "the workshop disputes that {C}"

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

% ------------------------------------------------- what the comment claims
claims(commenter, talk_of(people, killbots)).          source(claims(commenter, talk_of(people, killbots)), m1).
claims(commenter, talk_of(people, upcoming_crash)).    source(claims(commenter, talk_of(people, upcoming_crash)), m1).
claims(commenter, complain_about(people, ai_slop)).    source(claims(commenter, complain_about(people, ai_slop)), m1).
claims(commenter, complain_about(people, vibe_coding)). source(claims(commenter, complain_about(people, vibe_coding)), m1).
claims(commenter, if_usable_for(making_killbots, no_crash)).
source(claims(commenter, if_usable_for(making_killbots, no_crash)), m2).
claims(commenter, proves(ai_slop, useful_for_someone_to_make_slop)).
source(claims(commenter, proves(ai_slop, useful_for_someone_to_make_slop)), m3).
claims(commenter, proves(vibe_coding, things_working_in_production)).
source(claims(commenter, proves(vibe_coding, things_working_in_production)), m4).
claims(commenter, like(quality_suffers, cobb_houses_not_comparable_to_brick_houses)).
source(claims(commenter, like(quality_suffers, cobb_houses_not_comparable_to_brick_houses)), m5).
claims(commenter, both_exist).                         source(claims(commenter, both_exist), m6).
claims(commenter, still_common(cobb_construction, some_places)).
source(claims(commenter, still_common(cobb_construction, some_places)), m7).
claims(commenter, most_important_reason(sharper_stick_stays_cherished_wisdom)).
source(claims(commenter, most_important_reason(sharper_stick_stays_cherished_wisdom)), m8).
claims(commenter, space_for_optimization(huge)).       source(claims(commenter, space_for_optimization(huge)), m9).
claims(commenter, parallelize(easy)).                  source(claims(commenter, parallelize(easy)), m10).
claims(commenter, stage(market_capture)).              source(claims(commenter, stage(market_capture)), m10).
claims(commenter, not_yet_a_priority(optimization)).   source(claims(commenter, not_yet_a_priority(optimization)), m10).
claims(commenter, might_happen(moment_arguments_not_true_anymore)).
source(claims(commenter, might_happen(moment_arguments_not_true_anymore)), m11).
% The critics' arguments, as the comment reports them (and expects to fail).
claims(critics, consume_too_much_resources(llms)).     source(claims(critics, consume_too_much_resources(llms)), m9).
claims(critics, costing_more_than_profit(operations)). source(claims(critics, costing_more_than_profit(operations)), m11).
claims(critics, funded_by_investors(operations)).      source(claims(critics, funded_by_investors(operations)), m11).

assumption(accepted, "a claim of the comment, or of the critics it reports, is taken at its word unless the workshop disputes it (the lever disputed/1)").
accepted(X) :- claims(_, X), not disputed(X).

% ------------------------------------------------------- the open conditions
assumption(usable_for_making_killbots, "the comment takes the talk of killbots to mean AI is usable for making them; it does not show it (the lever usable_for_making_killbots/1)").
usable_for_making_killbots(ai).

% ------------------------------------------------------- modeling: the steps
assumption(no_crash, "the comment's first and 'most important' reason: what is usable for making killbots stays, so it does not crash").
no_crash(ai) :- usable_for_making_killbots(ai), accepted(if_usable_for(making_killbots, no_crash)), accepted(most_important_reason(sharper_stick_stays_cherished_wisdom)).

assumption(military_buyers_decide, "the model's reading, not the comment's words: if weapons use is what keeps AI from crashing, military buyers (such as the Pentagon of ultimatum.rl) hold the market's most important reason").
military_buyers_decide(ai) :- no_crash(ai), accepted(talk_of(people, killbots)).

assumption(useful_to_someone, "that something complained about is made anyway proves it is useful to someone, as the comment says").
useful_to_someone(ai, E) :- accepted(complain_about(people, E)), accepted(proves(E, _)).

assumption(quality_objection_answered, "if cobb and brick houses both exist and cobb is still common somewhere, lower quality does not mean no market").
quality_objection_answered(ai) :- accepted(like(quality_suffers, _)), accepted(both_exist), accepted(still_common(cobb_construction, _)).

assumption(optimized, "with a huge space for optimization, once it becomes a priority (becomes_priority/1) the moment the comment says might happen can come (moment_comes/1)").
optimized(ai) :- accepted(space_for_optimization(huge)), becomes_priority(optimization), accepted(might_happen(M)), moment_comes(M).

assumption(optimization_expected, "the comment's case that optimization is ahead: a huge space for it, tools easy to parallelize, and a market-capture stage where it is not yet a priority").
optimization_expected(ai) :- accepted(space_for_optimization(huge)), accepted(parallelize(easy)), accepted(stage(market_capture)), accepted(not_yet_a_priority(optimization)).

assumption(cost_objection_stands, "the critics' cost arguments stand until optimization makes them 'suddenly not true anymore'").
cost_objection_stands(ai) :- accepted(consume_too_much_resources(llms)), accepted(costing_more_than_profit(operations)), not optimized(ai).

assumption(crash_risk, "a crash stays possible while the critics' cost arguments stand, unless the killbot argument rules it out").
crash_risk(ai) :- accepted(talk_of(people, upcoming_crash)), cost_objection_stands(ai), not no_crash(ai).

assumption(talk_is_inconsistent, "if killbots rule out a crash, talking of both at once is inconsistent, as the comment says").
talk_is_inconsistent(ai) :- accepted(talk_of(people, killbots)), accepted(talk_of(people, upcoming_crash)), no_crash(ai).

% ------------------------------------------------------------ scenarios
% skeptic: usefulness for weapons does not rule out a crash, and the
% market-capture reading of the costs is disputed.
scenario skeptic: disputed(if_usable_for(making_killbots, no_crash)), disputed(stage(market_capture)).
% not_for_weapons: AI turns out not to be usable for making killbots.
scenario not_for_weapons: not usable_for_making_killbots(ai).
% costs_fall: optimization becomes a priority, and the moment comes.
scenario costs_fall: becomes_priority(optimization), moment_comes(moment_arguments_not_true_anymore).
% quality_matters: the cobb-and-brick analogy is disputed.
scenario quality_matters: disputed(like(quality_suffers, cobb_houses_not_comparable_to_brick_houses)).
