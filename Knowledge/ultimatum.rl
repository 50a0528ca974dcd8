% The ultimatum: a model of the news report in source/news-and-comment.txt
% (its first part). A company founded by OpenAI exiles loosens its binding
% safety policy in the same week the Pentagon threatens a $200 million
% contract and a blacklist unless it rolls back its AI safeguards.
%
% Provenance (README, "Provenance"):
%   sentence(Id, Text)      the source's sentences, quoted, s1..s14
%   source(Fact, Id)        a reported fact and the sentence it comes from
%   assumption(Pred, Text)  the facts or rules of Pred are a modeling choice
% `why` shows the quote under each reported fact and the assumption under
% each modeling rule. Anything without a source/2 line is modeling.
%
% The story is told on 2026-02-25, the day after the Tuesday meeting and
% blog post (.today); `:at DATE` or --today moves it.
.today 2026-02-25

.decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money)
.decl ultimatum(id: symbol, from: symbol, to: symbol, demand: term)
.decl deadline(ultimatum: symbol, date: date)
.decl sentence(id: symbol, text: string)
.decl source(fact: term, sentence: symbol)
.decl assumption(predicate: symbol, text: string)

.outcome contract_at_risk, contract_lost, blacklist_threatened, blacklisted, complies, exposure
.outcome pause_possible, race_to_the_top_signal, race_to_the_bottom_signal, tension_with_self_description, link_to_ultimatum
.lever drops/2, threat/2

.say contract_at_risk(K) "the {K} is at risk"
.say contract_lost(K) "the {K} is lost"
.say blacklist_threatened(C) "{C} is threatened with a government blacklist"
.say blacklisted(C) "{C} is effectively blacklisted by the government"
.say complies(C, U) "{C} complies with the ultimatum {U}"
.say refuses(C, U) "{C} refuses the ultimatum {U}"
.say exposure(C, T) "{C} has {T} of contracts at risk"
.say keeps(C, S) "{C} keeps its {S}"
.say pause_possible(C) "{C} could still be made to pause training"
.say race_to_the_top_signal(C) "{C} signals a race to the top"
.say race_to_the_bottom_signal(C) "{C}'s change signals a race to the bottom"
.say tension_with_self_description(C, S) "dropping its {S} sits badly with {C} calling itself the AI company with a soul"
.say link_to_ultimatum(C, L) "whether {C}'s change is linked to the ultimatum is {L}"
.say deadline_passed(U) "the deadline of {U} has passed"

% ---------------------------------------------------------------- the source
sentence(s1, "Anthropic, a company founded by OpenAI exiles worried about the dangers of AI, is loosening its core safety principle in response to competition.").
sentence(s2, "Instead of self-imposed guardrails constraining its development of AI models, Anthropic is adopting a nonbinding safety framework that it says can and will change.").
sentence(s3, "In a blog post Tuesday outlining its new policy, Anthropic said shortcomings in its two-year-old Responsible Scaling Policy could hinder its ability to compete in a rapidly growing AI market.").
sentence(s4, "The announcement is surprising, because Anthropic has described itself as the AI company with a “soul.”").
sentence(s5, "It also comes the same week that Anthropic is fighting a significant battle with the Pentagon over AI red lines.").
sentence(s6, "It’s not clear that Anthropic’s change is related to its meeting Tuesday with Defense Secretary Pete Hegseth, who gave Anthropic CEO Dario Amodei an ultimatum to roll back the company’s AI safeguards or risk losing a $200 million Pentagon contract.").
sentence(s7, "The Pentagon threatened to put Anthropic on what is effectively a government blacklist.").
sentence(s8, "But the company said in its blog post that its previous safety policy was designed to build industry consensus around mitigating AI risks – guardrails that the industry blew through.").
sentence(s9, "Anthropic also noted its safety policy was out of step with Washington’s current anti-regulatory political climate.").
sentence(s10, "Anthropic’s previous policy stipulated that it should pause training more powerful models if their capabilities outstripped the company’s ability to control them and ensure their safety — a measure that’s been removed in the new policy.").
sentence(s11, "Anthropic argued that responsible AI developers pausing growth while less careful actors plowed ahead could “result in a world that is less safe.”").
sentence(s12, "As part of the new policy, Anthropic said it will separate its own safety plans from its recommendations for the AI industry.").
sentence(s13, "Anthropic wrote that it had hoped its original safety principles “would encourage other AI companies to introduce similar policies.").
sentence(s14, "This is the idea of a ‘race to the top’ (the converse of a ‘race to the bottom’), in which different industry players are incentivized to improve, rather than weaken, their models’ safeguards and their overall safety posture.”").

% ------------------------------------------------------- the company and cast
company(anthropic).                                   source(company(anthropic), s1).
founded_by(anthropic, openai_exiles).                 source(founded_by(anthropic, openai_exiles), s1).
worried_about(openai_exiles, dangers_of_ai).          source(worried_about(openai_exiles, dangers_of_ai), s1).
self_description(anthropic, "the AI company with a soul").
source(self_description(anthropic, "the AI company with a soul"), s4).
ceo(amodei, anthropic).                               source(ceo(amodei, anthropic), s6).
agency(pentagon).                                     source(agency(pentagon), s6).
secretary(hegseth, pentagon).                         source(secretary(hegseth, pentagon), s6).
meeting(tuesday_meeting, hegseth, amodei).            source(meeting(tuesday_meeting, hegseth, amodei), s6).
dispute(anthropic, pentagon, ai_red_lines).           source(dispute(anthropic, pentagon, ai_red_lines), s5).

% ------------------------------------------------ the contract and ultimatum
contract(pentagon_contract, pentagon, anthropic, $200M).
source(contract(pentagon_contract, pentagon, anthropic, $200M), s6).
ultimatum(u1, hegseth, anthropic, roll_back(ai_safeguards)).
source(ultimatum(u1, hegseth, anthropic, roll_back(ai_safeguards)), s6).
threat(u1, lose(pentagon_contract)).                  source(threat(u1, lose(pentagon_contract)), s6).
threat(u1, blacklist(government)).                    source(threat(u1, blacklist(government)), s7).
% The source names no deadline. This one is an editable assumption.
deadline(u1, 2026-02-27).
assumption(deadline, "the source gives no deadline; 2026-02-27 is an editable assumption").

% --------------------------------------------------------------- the policies
policy(anthropic, responsible_scaling_policy, binding).
source(policy(anthropic, responsible_scaling_policy, binding), s2).
policy(anthropic, new_framework, nonbinding).         source(policy(anthropic, new_framework, nonbinding), s2).
can_and_will_change(new_framework).                   source(can_and_will_change(new_framework), s2).
age_years(responsible_scaling_policy, 2).             source(age_years(responsible_scaling_policy, 2), s3).
clause(responsible_scaling_policy, pause_training).   source(clause(responsible_scaling_policy, pause_training), s10).
removed_in(pause_training, new_framework).            source(removed_in(pause_training, new_framework), s10).
separates(new_framework, own_safety_plans, industry_recommendations).
source(separates(new_framework, own_safety_plans, industry_recommendations), s12).
designed_for(responsible_scaling_policy, industry_consensus).
source(designed_for(responsible_scaling_policy, industry_consensus), s8).
hoped(anthropic, others_adopt_similar_policies).      source(hoped(anthropic, others_adopt_similar_policies), s13).
idea(responsible_scaling_policy, race_to_the_top).    source(idea(responsible_scaling_policy, race_to_the_top), s14).

% ----------------------------------------------------------------- context
reason_given(anthropic, loosening, competition).      source(reason_given(anthropic, loosening, competition), s1).
market(ai, rapidly_growing).                          source(market(ai, rapidly_growing), s3).
said_hinders(responsible_scaling_policy, ability_to_compete).
source(said_hinders(responsible_scaling_policy, ability_to_compete), s3).
blew_through(industry, guardrails).                   source(blew_through(industry, guardrails), s8).
political_climate(washington, anti_regulatory).       source(political_climate(washington, anti_regulatory), s9).
out_of_step(responsible_scaling_policy, washington).  source(out_of_step(responsible_scaling_policy, washington), s9).
argued(anthropic, pausing_alone_leaves_world_less_safe).
source(argued(anthropic, pausing_alone_leaves_world_less_safe), s11).
less_careful_actors(plow_ahead).                      source(less_careful_actors(plow_ahead), s11).
% "It's not clear that Anthropic's change is related to its meeting": the
% knowledge keeps that open instead of deciding it.
unclear(related(policy_change, tuesday_meeting)).     source(unclear(related(policy_change, tuesday_meeting)), s6).

% ------------------------------------------- safeguards, and what was dropped
safeguard(anthropic, ai_safeguards).                  source(safeguard(anthropic, ai_safeguards), s6).
safeguard(anthropic, binding_policy).                 source(safeguard(anthropic, binding_policy), s2).
safeguard(anthropic, pause_clause).                   source(safeguard(anthropic, pause_clause), s10).
drops(anthropic, binding_policy).                     source(drops(anthropic, binding_policy), s2).
drops(anthropic, pause_clause).                       source(drops(anthropic, pause_clause), s10).

% ------------------------------------------------------ modeling: consequences
assumption(keeps, "a safeguard is kept unless the company drops it").
keeps(C, S) :- safeguard(C, S), not drops(C, S).

assumption(complies, "dropping what the ultimatum demands rolled back is complying").
complies(C, U) :- ultimatum(U, _, C, roll_back(S)), drops(C, S).

assumption(refuses, "keeping what the ultimatum demands rolled back is refusing").
refuses(C, U) :- ultimatum(U, _, C, roll_back(S)), keeps(C, S).

assumption(deadline_passed, "an ultimatum's deadline has passed once today is later than it").
deadline_passed(U) :- deadline(U, D), today(T), T > D.

assumption(contract_at_risk, "each threat of an ultimatum the company refuses puts what it names at risk").
contract_at_risk(K) :- refuses(C, U), threat(U, lose(K)), contract(K, _, C, _).

assumption(contract_lost, "a contract at risk is lost once the ultimatum's deadline passes").
contract_lost(K) :- contract_at_risk(K), threat(U, lose(K)), deadline_passed(U).

assumption(blacklist_threatened, "the blacklist threat stands while the company refuses").
blacklist_threatened(C) :- refuses(C, U), threat(U, blacklist(_)).

assumption(blacklisted, "the threat is carried out once the deadline passes while the company refuses").
blacklisted(C) :- refuses(C, U), threat(U, blacklist(_)), deadline_passed(U).

assumption(exposure, "the exposure is the value of the contracts at risk").
exposure(C, T) :- company(C), T = sum V : { contract(K, _, C, V), contract_at_risk(K) }.

assumption(pause_possible, "a pause can be triggered only by a pause clause in a binding policy").
pause_possible(C) :- keeps(C, pause_clause), keeps(C, binding_policy).

assumption(race_to_the_top_signal, "a binding policy with a pause clause is what the race to the top asked others to copy").
race_to_the_top_signal(C) :- hoped(C, others_adopt_similar_policies), keeps(C, binding_policy), keeps(C, pause_clause).

assumption(race_to_the_bottom_signal, "loosening after the industry blew through the guardrails signals a race to the bottom").
race_to_the_bottom_signal(C) :- company(C), blew_through(industry, guardrails), not race_to_the_top_signal(C).

assumption(tension_with_self_description, "dropping a safety commitment is in tension with calling oneself the AI company with a soul").
tension_with_self_description(C, S) :- self_description(C, _), safeguard(C, S), drops(C, S).

assumption(link_to_ultimatum, "the source leaves open whether the change is related to the meeting, so the model does too").
link_to_ultimatum(C, unclear) :- policy(C, new_framework, nonbinding), unclear(related(policy_change, M)), meeting(M, _, _).

% ------------------------------------------------------------ scenarios
% comply: roll back the AI safeguards, as the ultimatum demands.
scenario comply: drops(anthropic, ai_safeguards).
% defy: keep the safeguards past the (assumed) deadline.
scenario defy: not drops(anthropic, ai_safeguards) at 2026-03-02.
% negotiate: the Pentagon withdraws the blacklist threat; the contract stays in play.
scenario negotiate: not threat(u1, blacklist(government)).
% restore: the company keeps its binding policy and the pause clause after all.
scenario restore: not drops(anthropic, binding_policy), not drops(anthropic, pause_clause).
% the deadline passes with nothing else changed.
scenario deadline_passes: at 2026-03-02.
