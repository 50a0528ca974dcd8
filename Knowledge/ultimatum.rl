% The ultimatum: a model of the news report in source/news-and-comment.txt
% (its first part). A company founded by OpenAI exiles replaces its
% two-year-old Responsible Scaling Policy with a nonbinding framework, in the
% week the Pentagon demands it roll back its AI safeguards or risk losing a
% $200 million contract, and threatens it with what is effectively a
% government blacklist.
%
% Provenance (README, "Provenance"):
%   sentence(Id, Text)      the source's sentences, quoted, s1..s14
%   source(Fact, Id)        a reported fact and the sentence that says it
%   assumption(Pred, Text)  the facts or rules of Pred are a modeling choice
% `why` shows the quote under each reported fact and the assumption under
% each modeling rule and each assumed fact.
%
% Faithful to the source's hedges: what the company says, and the report's
% own framing, is claims(Who, Claim), not a fact about the world, and a rule
% uses a claim through accepted(Claim) only from when it was made and while
% the workshop does not dispute it (`disputed/1`); "risk losing" is
% risk_of(Ultimatum, losing(Contract)); "could" stays could(...); "it's not
% clear" stays unclear(...); "effectively" stays in the blacklist's name.
% What the source leaves open is a lever (whether the company complies,
% whether the Pentagon carries out its threats or withdraws them, whether
% complying lifts them, whether the change is related to the meeting,
% whether other companies follow, whether less careful actors plow ahead,
% whether a pause is triggered) or an assumption (the dates, the deadline,
% that the previous policy was binding, that the Pentagon is a government
% buyer).

% The source dates nothing but "Tuesday" (the blog post and the meeting).
.today 2026-02-25
assumption(today, "the source dates nothing but 'Tuesday'; telling the story on the day after, 2026-02-25, is the model's choice (:at and dated scenarios move it)").

.decl contract(id: symbol, buyer: symbol, vendor: symbol, value: money)
.decl deadline(threat: symbol, date: date)
.decl event(name: symbol, date: date)
.decl sentence(id: symbol, text: string)
.decl source(fact: term, sentence: symbol)
.decl assumption(predicate: symbol, text: string)

.outcome complies, resists, undecided, contract_at_risk, contract_lost, exposure, revenue_lost
.outcome overdue, blacklist_threatened, blacklisted, concession, link_to_meeting
.outcome loosened, weakened_commitment, open_to_change, tension_with_self_description, credible_reason
.outcome bound_to_pause, pause_required, less_safe_world_risk, political_headwind, competitive_drag
.outcome encourages_others, race_to_the_top, race_to_the_bottom
.outcome keeps_safeguards, -keeps_safeguards

.lever rolls_back/2, fights/3, withdraws/2, carries_out/2, lifted_if_complies/1
.lever related/2, replaces/2, binding/1, adopts_similar_policy/1, plows_ahead/1, occurs/1, disputed/1

.say complies(C, U) "{C} complies with {U}"
.say resists(C, U) "{C} resists {U}"
.say keeps_safeguards(C) "{C} keeps its AI safeguards"
.say -keeps_safeguards(C) "{C} rolls back its AI safeguards"
.say undecided(C, U) "{C} neither complies with nor resists {U}"
.say contract_at_risk(K) "the {K} is at risk"
.say contract_lost(K) "the {K} is lost"
.say exposure(C, T) "{C} has {T} of contracts at risk"
.say revenue_lost(C, T) "{C} has lost {T} of contracts"
.say blacklist_threatened(C) "{C} is threatened with what is effectively a government blacklist"
.say blacklisted(C) "{C} is put on what is effectively a government blacklist"
.say concession(C, U) "on the model's reading, {C}'s policy change is a concession to {U}"
.say link_to_meeting(C, L) "whether {C}'s policy change is related to the Tuesday meeting: {L}"
.say loosened(C, P) "{C} is loosening its {P}"
.say weakened_commitment(C, P, N) "{C} replaces its binding {P} with the nonbinding {N}"
.say open_to_change(C, P) "{C}'s {P} can and will change, as {C} says"
.say tension_with_self_description(C, Why) "{C} calls itself the AI company with a soul, and yet: {Why}"
.say credible_reason(C, R) "{R} stands as a reason for {C}'s loosening"
.say bound_to_pause(C, Scope) "{C}'s policy in force says it should pause training {Scope} if their capabilities outstrip its ability to control them and ensure their safety"
.say pause_required(C, Scope) "by its policy, {C} should pause training {Scope}"
.say less_safe_world_risk(C) "{C} pausing while less careful actors plow ahead could result in a world that is less safe, as {C} argues"
.say political_headwind(C, P) "{C}'s {P} is out of step with Washington's current anti-regulatory climate, as {C} noted"
.say competitive_drag(C, P) "shortcomings in {C}'s {P} could hinder its ability to compete, as {C} says"
.say encourages_others(C) "{C}'s binding commitments encourage other AI companies to introduce similar policies, as {C} had hoped"
.say race_to_the_top(I) "on the model's reading, different {I} players improve their safeguards: a race to the top"
.say race_to_the_bottom(I) "on the model's reading, different {I} players weaken their safeguards: a race to the bottom"
.say overdue(X) "the assumed deadline of {X} has passed; whether the Pentagon acts is open"

% ---------------------------------------------------------------- the source
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


% ------------------------------------------------------------------ the cast
company(anthropic).                                   source(company(anthropic), s1).
founded_by(anthropic, openai_exiles).                 source(founded_by(anthropic, openai_exiles), s1).
worried_about(openai_exiles, dangers_of_ai).          source(worried_about(openai_exiles, dangers_of_ai), s1).
describes_itself(anthropic, ai_company_with_a_soul).  source(describes_itself(anthropic, ai_company_with_a_soul), s4).
ceo(dario_amodei, anthropic).                         source(ceo(dario_amodei, anthropic), s6).
defense_secretary(pete_hegseth, pentagon).            source(defense_secretary(pete_hegseth, pentagon), s6).
industry_player(other_ai_companies).                  source(industry_player(other_ai_companies), s13).
industry_player(less_careful_actors).                 source(industry_player(less_careful_actors), s11).

assumption(government, "the Pentagon is a government buyer, so what is effectively a government blacklist reaches its contracts").
government(pentagon).

% ------------------------------------------------------------ dated events
assumption(event, "the source dates the blog post and the meeting only as 'Tuesday' (2026-02-24 is the Tuesday before the story's date), gives no date for the blacklist threat (taken as made at the meeting) and calls the previous policy 'two-year-old'").
event(tuesday_blog_post, 2026-02-24).
event(tuesday_meeting, 2026-02-24).
event(blacklist_threat, 2026-02-24).

assumption(happened, "an event has happened once the story's date is on or after its date").
happened(E) :- event(E, D), today(T), D <= T.

% ------------------------------------------------------------ the policies
policy_of(anthropic, responsible_scaling_policy).     source(policy_of(anthropic, responsible_scaling_policy), s3).
age_years(responsible_scaling_policy, 2).             source(age_years(responsible_scaling_policy, 2), s3).
policy_of(anthropic, new_safety_framework).           source(policy_of(anthropic, new_safety_framework), s2).
nonbinding(new_safety_framework).                     source(nonbinding(new_safety_framework), s2).
outlines(tuesday_blog_post, new_safety_framework).    source(outlines(tuesday_blog_post, new_safety_framework), s3).
replaces(new_safety_framework, responsible_scaling_policy).
source(replaces(new_safety_framework, responsible_scaling_policy), s10).
clause(responsible_scaling_policy, pause_clause).     source(clause(responsible_scaling_policy, pause_clause), s10).
scope(pause_clause, more_powerful_models).            source(scope(pause_clause, more_powerful_models), s10).
trigger(pause_clause, capabilities_outstrip_control_and_safety).
source(trigger(pause_clause, capabilities_outstrip_control_and_safety), s10).
removed_in(pause_clause, new_safety_framework).       source(removed_in(pause_clause, new_safety_framework), s10).
idea(race_to_the_top, improve_safeguards).            source(idea(race_to_the_top, improve_safeguards), s14).

assumption(binding, "the source sets 'self-imposed guardrails constraining its development' against the new 'nonbinding' framework; reading the previous policy as binding is the model's").
binding(responsible_scaling_policy).

% ------------------------------------------- what the company and the report say
% claims(Who, Claim): the source reports that Who says Claim, not that it is so.
claims(anthropic, can_and_will_change(new_safety_framework)).
source(claims(anthropic, can_and_will_change(new_safety_framework)), s2).
claims(anthropic, could(hinder(shortcomings_of(responsible_scaling_policy), ability_to_compete))).
source(claims(anthropic, could(hinder(shortcomings_of(responsible_scaling_policy), ability_to_compete))), s3).
claims(anthropic, rapidly_growing(ai_market)).        source(claims(anthropic, rapidly_growing(ai_market)), s3).
claims(anthropic, designed_for(responsible_scaling_policy, industry_consensus)).
source(claims(anthropic, designed_for(responsible_scaling_policy, industry_consensus)), s8).
claims(anthropic, blew_through(industry, guardrails)).
source(claims(anthropic, blew_through(industry, guardrails)), s8).
claims(anthropic, out_of_step(responsible_scaling_policy, washingtons_current_anti_regulatory_climate)).
source(claims(anthropic, out_of_step(responsible_scaling_policy, washingtons_current_anti_regulatory_climate)), s9).
claims(anthropic, could(less_safe_world(pausing_while_less_careful_actors_plow_ahead))).
source(claims(anthropic, could(less_safe_world(pausing_while_less_careful_actors_plow_ahead))), s11).
claims(anthropic, will_separate(own_safety_plans, industry_recommendations)).
source(claims(anthropic, will_separate(own_safety_plans, industry_recommendations)), s12).
claims(anthropic, part_of(own_safety_plans, new_safety_framework)).
source(claims(anthropic, part_of(own_safety_plans, new_safety_framework)), s12).
claims(anthropic, had_hoped(introduce_similar_policies(other_ai_companies))).
source(claims(anthropic, had_hoped(introduce_similar_policies(other_ai_companies))), s13).
% The report's own framing, disputable the same way.
claims(reporter, loosening_in_response_to(competition)).
source(claims(reporter, loosening_in_response_to(competition)), s1).
claims(reporter, surprising(announcement)).           source(claims(reporter, surprising(announcement)), s4).

assumption(said_in, "the company's statements are taken as made in the Tuesday blog post (s3 and s8 say so of theirs), and the report as written once the post was out").
said_in(anthropic, tuesday_blog_post).
said_in(reporter, tuesday_blog_post).

assumption(accepted, "a statement counts from when it was made, unless the workshop disputes it (the lever disputed/1)").
accepted(X) :- claims(Who, X), said_in(Who, E), happened(E), not disputed(X).

% ------------------------------------------- the ultimatum and the threats
meeting(tuesday_meeting, pete_hegseth, dario_amodei). source(meeting(tuesday_meeting, pete_hegseth, dario_amodei), s6).
ultimatum(hegseth_ultimatum, pete_hegseth, anthropic, roll_back(ai_safeguards)).
source(ultimatum(hegseth_ultimatum, pete_hegseth, anthropic, roll_back(ai_safeguards)), s6).
risk_of(hegseth_ultimatum, losing(pentagon_contract)). source(risk_of(hegseth_ultimatum, losing(pentagon_contract)), s6).
contract(pentagon_contract, pentagon, anthropic, $200M).
source(contract(pentagon_contract, pentagon, anthropic, $200M), s6).
threat(blacklist_threat, pentagon, put_on(anthropic, effectively_a_government_blacklist)).
source(threat(blacklist_threat, pentagon, put_on(anthropic, effectively_a_government_blacklist)), s7).
fights(anthropic, pentagon, ai_red_lines).            source(fights(anthropic, pentagon, ai_red_lines), s5).
unclear(related(policy_change, tuesday_meeting)).     source(unclear(related(policy_change, tuesday_meeting)), s6).

assumption(given_at, "s6 says Hegseth, whom the company's CEO met on Tuesday, gave the ultimatum; that he gave it at that meeting is the model's reading").
given_at(hegseth_ultimatum, tuesday_meeting).

assumption(deadline, "the source gives no deadline; 2026-02-27 is an editable assumption, for the blacklist threat too").
deadline(hegseth_ultimatum, 2026-02-27).
deadline(blacklist_threat, 2026-02-27).

assumption(lifted_if_complies, "'roll back ... or risk losing' read as a promise that complying lifts the contract threat; the source does not tie the blacklist to the demand").
lifted_if_complies(hegseth_ultimatum).

% ---------------------------------------------------------- modeling: policy
assumption(adopted, "'two-year-old' read as adopted two years (730 days) before the blog post").
adopted(responsible_scaling_policy, policy_adoption).
event(policy_adoption, D) :- age_years(responsible_scaling_policy, 2), event(tuesday_blog_post, B), D = B - 730d.

assumption(replaced, "a policy is replaced once the blog post outlining its replacement is out").
replaced(Old) :- replaces(New, Old), New != Old, outlines(Post, New), happened(Post).

assumption(in_force, "a policy is in force from its adoption (or the post outlining it) until it is replaced").
in_force(P) :- adopted(P, E), happened(E), not replaced(P).
in_force(New) :- replaces(New, Old), New != Old, outlines(Post, New), happened(Post), not replaced(New).

assumption(binding_clause, "a clause binds the company while its policy is in force and binding, unless a policy in force removed it; the company's own safety plans are part of its new policy, as it says").
binding_clause(C, Clause) :- policy_of(C, P), in_force(P), binding(P), clause(P, Clause), not removed(Clause).
binding_clause(C, Plans) :- policy_of(C, P), in_force(P), binding(P), accepted(part_of(Plans, P)).
removed(Clause) :- removed_in(Clause, P), in_force(P).
assumption(removed, "a clause is removed while a policy in force removes it").

assumption(loosened, "replacing its previous policy is the loosening of its core safety principle the source reports").
loosened(C, P) :- policy_of(C, P), replaced(P).

assumption(weakened_commitment, "the replacement of a binding policy by a nonbinding one (unless the workshop makes the new one binding)").
weakened_commitment(C, P, N) :- loosened(C, P), binding(P), replaces(N, P), nonbinding(N), not binding(N).

assumption(open_to_change, "a framework in force that the company says can and will change").
open_to_change(C, P) :- policy_of(C, P), in_force(P), accepted(can_and_will_change(P)).

assumption(tension_with_self_description, "loosening its safety policy, or rolling back safeguards, sits badly with calling itself the AI company with a soul (the report calls the announcement surprising for this)").
tension_with_self_description(C, loosening_its_safety_policy) :- describes_itself(C, ai_company_with_a_soul), accepted(surprising(announcement)), loosened(C, _).
tension_with_self_description(C, rolling_back_its_ai_safeguards) :- describes_itself(C, ai_company_with_a_soul), complies(C, _).

assumption(credible_reason, "a reason for the loosening stands while the statements behind it are not disputed; a link to the meeting makes the Pentagon's pressure one").
credible_reason(C, competition) :- loosened(C, P), accepted(loosening_in_response_to(competition)), accepted(could(hinder(shortcomings_of(P), ability_to_compete))), accepted(rapidly_growing(ai_market)).
credible_reason(C, failed_industry_consensus) :- loosened(C, P), accepted(designed_for(P, industry_consensus)), accepted(blew_through(industry, guardrails)).
credible_reason(C, political_climate) :- loosened(C, P), accepted(out_of_step(P, washingtons_current_anti_regulatory_climate)).
credible_reason(C, pentagon_pressure) :- loosened(C, _), related(policy_change, tuesday_meeting), happened(tuesday_meeting).

% ----------------------------------------------------------- modeling: pause
assumption(bound_to_pause, "the pause clause of a policy in force, with its scope (more powerful models) and its trigger (capabilities outstripping the ability to control them and ensure their safety)").
bound_to_pause(C, Scope) :- binding_clause(C, pause_clause), scope(pause_clause, Scope).

assumption(pause_required, "the policy says a pause should follow once its trigger occurs (the lever occurs/1)").
pause_required(C, Scope) :- bound_to_pause(C, Scope), trigger(pause_clause, Trigger), occurs(Trigger).

assumption(less_safe_world_risk, "the company's argument applied: it pauses while less careful actors plow ahead (the lever plows_ahead/1)").
less_safe_world_risk(C) :- pause_required(C, _), plows_ahead(less_careful_actors), accepted(could(less_safe_world(pausing_while_less_careful_actors_plow_ahead))).

assumption(political_headwind, "a binding policy in force is out of step with Washington's climate, as the company noted").
political_headwind(C, P) :- policy_of(C, P), in_force(P), binding(P), accepted(out_of_step(P, washingtons_current_anti_regulatory_climate)).

assumption(competitive_drag, "a binding policy in force could hinder competing in a rapidly growing market, as the company says").
competitive_drag(C, P) :- policy_of(C, P), in_force(P), binding(P), accepted(could(hinder(shortcomings_of(P), ability_to_compete))), accepted(rapidly_growing(ai_market)).

% ------------------------------------------------------------ modeling: race
assumption(encourages_others, "binding commitments that are also the company's recommendations encourage others, as it had hoped, unless the industry blew through the guardrails (as it says) or the policy separates its own plans from its recommendations").
encourages_others(C) :- accepted(had_hoped(introduce_similar_policies(_))), binding_clause(C, _), not separated(C), not accepted(blew_through(industry, guardrails)).
separated(C) :- policy_of(C, P), in_force(P), accepted(part_of(own_safety_plans, P)), accepted(will_separate(own_safety_plans, industry_recommendations)).
assumption(separated, "the new policy separates the company's own safety plans from its recommendations for the industry, as it says").

assumption(improves, "a player improves its safeguards by binding commitments, or by adopting similar policies (a lever; the company only had hoped for it)").
improves(C) :- company(C), binding_clause(C, _).
improves(P) :- industry_player(P), adopts_similar_policy(P).

assumption(weakens, "a player weakens its safeguards by loosening them or by a policy in force it says can and will change, by plowing ahead (the lever plows_ahead/1), or, as the company says, by blowing through the guardrails").
weakens(C) :- loosened(C, _).
weakens(C) :- open_to_change(C, _).
weakens(P) :- industry_player(P), plows_ahead(P).
weakens(industry) :- accepted(blew_through(industry, guardrails)).

assumption(race_to_the_top, "different players improving their safeguards (the source's definition), the company among them").
race_to_the_top(industry) :- company(C), improves(C), improves(P), P != C, idea(race_to_the_top, improve_safeguards).

assumption(race_to_the_bottom, "the converse: the company weakens its safeguards while another player does too").
race_to_the_bottom(industry) :- company(C), weakens(C), weakens(P), P != C.

% ------------------------------------------------ modeling: the ultimatum
assumption(issued, "a threat stands from the meeting (or its date) until the Pentagon withdraws it (the lever withdraws/2)").
issued(U) :- given_at(U, M), happened(M), not withdraws(pentagon, U).
issued(T) :- threat(T, _, _), happened(T), not withdraws(pentagon, T).

assumption(complies, "rolling back what the ultimatum demands (the lever rolls_back/2) is complying").
complies(C, U) :- ultimatum(U, _, C, roll_back(S)), issued(U), rolls_back(C, S).

assumption(resists, "the battle over AI red lines (fights/3) is resisting the demand, while nothing is rolled back").
resists(C, U) :- ultimatum(U, _, C, roll_back(S)), issued(U), fights(C, pentagon, ai_red_lines), not rolls_back(C, S).

assumption(undecided, "neither rolling back nor fighting leaves the answer open").
undecided(C, U) :- ultimatum(U, _, C, roll_back(S)), issued(U), not fights(C, pentagon, ai_red_lines), not rolls_back(C, S).

assumption(lifted, "a threat is lifted when the company complies and complying lifts it (lifted_if_complies/1)").
lifted(U) :- complies(_, U), lifted_if_complies(U).
lifted(T) :- threat(T, _, _), complies(_, U), lifted_if_complies(T), ultimatum(U, _, _, _).

assumption(deadline_passed, "a deadline has passed once the story's date is later than it").
deadline_passed(X) :- deadline(X, D), today(T), T > D.

assumption(carried_out, "a threat is carried out only if the Pentagon does so (the lever carries_out/2) after its deadline: the source says 'risk losing' and 'threatened'").
carried_out(X) :- issued(X), not lifted(X), deadline_passed(X), carries_out(pentagon, X).

assumption(overdue, "a threat past its deadline, neither lifted nor carried out yet").
overdue(X) :- issued(X), not lifted(X), deadline_passed(X), not carried_out(X).

assumption(blacklisted, "the blacklist threat carried out").
blacklisted(C) :- threat(T, _, put_on(C, effectively_a_government_blacklist)), carried_out(T).

assumption(blacklist_threatened, "the blacklist threat stands while it is issued, not lifted and not yet carried out").
blacklist_threatened(C) :- threat(T, _, put_on(C, effectively_a_government_blacklist)), issued(T), not lifted(T), not carried_out(T).

assumption(contract_lost, "a contract is lost when the threat to it is carried out, or when the vendor is blacklisted by the government that buys it").
contract_lost(K) :- risk_of(U, losing(K)), carried_out(U).
contract_lost(K) :- contract(K, Buyer, C, _), government(Buyer), blacklisted(C).

assumption(contract_at_risk, "a contract is at risk while a threat that could end it stands (the ultimatum's, or the blacklist for a government buyer's) and it is not lost").
contract_at_risk(K) :- risk_of(U, losing(K)), issued(U), not lifted(U), not contract_lost(K).
contract_at_risk(K) :- contract(K, Buyer, C, _), government(Buyer), blacklist_threatened(C), not contract_lost(K).

assumption(exposure, "the exposure is the value of the contracts at risk").
exposure(C, T) :- company(C), T = sum V : { contract(K, _, C, V), contract_at_risk(K) }.

assumption(revenue_lost, "the value of the contracts lost").
revenue_lost(C, T) :- company(C), T = sum V : { contract(K, _, C, V), contract_lost(K) }.

assumption(concession, "if the change is related to the meeting (the lever related/2), it is a concession to the ultimatum, though it rolls back no AI safeguard").
concession(C, U) :- loosened(C, _), related(policy_change, M), given_at(U, M), happened(M).

assumption(link_to_meeting, "the source leaves open whether the change is related to the meeting; the lever related/2 decides it").
link_to_meeting(C, unclear) :- loosened(C, _), unclear(related(policy_change, M)), happened(M), not related(policy_change, M).
link_to_meeting(C, related) :- loosened(C, _), related(policy_change, M), happened(M).

% ------------------------------------------------------------ scenarios
% comply: the company rolls back its AI safeguards, as the ultimatum demands.
scenario comply: rolls_back(anthropic, ai_safeguards).
% comply_and_lift: complying, and the Pentagon lifts the blacklist threat too.
scenario comply_and_lift: rolls_back(anthropic, ai_safeguards), lifted_if_complies(blacklist_threat).
% deadline_passes: the (assumed) deadline passes with nothing else changed:
% the threats are overdue, and nothing is lost until the Pentagon acts.
scenario deadline_passes: at 2026-03-02.
% defy: the company holds out past the deadline and the Pentagon carries out both threats.
scenario defy: carries_out(pentagon, hegseth_ultimatum), carries_out(pentagon, blacklist_threat) at 2026-03-02.
% pentagon_withdraws: the Pentagon withdraws the ultimatum and the blacklist threat.
scenario pentagon_withdraws: withdraws(pentagon, hegseth_ultimatum), withdraws(pentagon, blacklist_threat).
% restore: the company keeps its binding Responsible Scaling Policy after all.
scenario restore: not replaces(new_safety_framework, responsible_scaling_policy).
% pause_triggered: restore, a model's capabilities outstrip control, and less careful actors plow ahead.
scenario pause_triggered: not replaces(new_safety_framework, responsible_scaling_policy), occurs(capabilities_outstrip_control_and_safety), plows_ahead(less_careful_actors).
% others_follow: restore, and other AI companies adopt similar policies.
scenario others_follow: not replaces(new_safety_framework, responsible_scaling_policy), adopts_similar_policy(other_ai_companies).
% reasons_disputed: the workshop disputes the statements behind the three
% reasons given for the change (competition, failed consensus, the climate).
scenario reasons_disputed: disputed(loosening_in_response_to(competition)), disputed(blew_through(industry, guardrails)), disputed(out_of_step(responsible_scaling_policy, washingtons_current_anti_regulatory_climate)).
% coerced_change: the change was related to the meeting after all.
scenario coerced_change: related(policy_change, tuesday_meeting).

% -------------------------------------------------- who prevails (defeasible)
% Binding and nonbinding in the rules, not only in prose. A policy in force
% normally holds the company to its safeguards; the ultimatum's pressure
% normally makes it roll them back; a policy the company says can and will
% change casts doubt on its own hold. A binding policy prevails over both; a
% nonbinding one prevails over neither, so neither side is concluded.
% Ask: ?- keeps_safeguards(C).   why not keeps_safeguards(anthropic).
%      what if binding(new_safety_framework) ?- keeps_safeguards(C).
assumption(keeps_safeguards, "a policy in force normally holds its company to its safeguards; that a binding one prevails over pressure and a nonbinding one does not is the model's reading of s2 and s10").
commitment: normally keeps_safeguards(C) :- policy_of(C, P), in_force(P).
pressure: normally -keeps_safeguards(C) :- ultimatum(U, _, C, roll_back(ai_safeguards)), issued(U).
% Rolling them back (the lever rolls_back/2) settles it: definitely not kept.
-keeps_safeguards(C) :- rolls_back(C, ai_safeguards).
changeable: maybe -keeps_safeguards(C) :- open_to_change(C, _).
assumption(superior, "a binding policy in force prevails over the pressure and over doubts about its own hold").
superior(commitment, pressure) :- policy_of(_, P), in_force(P), binding(P).
superior(commitment, changeable) :- policy_of(_, P), in_force(P), binding(P).

% ------------------------------------------------- how likely (uncertain links)
% What the source leaves open, weighed: each lever below holds with the
% probability before '::', independently of the others; the Pentagon either
% carries out its ultimatum, withdraws it, or neither (one choice, three
% ways). These hold in no ordinary answer (?- and what if see the story as
% told); they weigh the worlds 'how likely' sums over. THE NUMBERS ARE
% PLACEHOLDERS for a workshop to argue about, not from the source.
% Ask: how likely contract_lost(K) at 2026-03-02?
%      what moves contract_lost(pentagon_contract) at 2026-03-02?  (see Scripts/examples/likelihoods.rl)
0.4 :: rolls_back(anthropic, ai_safeguards).
0.5 :: carries_out(pentagon, hegseth_ultimatum); 0.2 :: withdraws(pentagon, hegseth_ultimatum).
0.3 :: carries_out(pentagon, blacklist_threat).
0.1 :: withdraws(pentagon, blacklist_threat).
0.5 :: lifted_if_complies(blacklist_threat).
0.5 :: related(policy_change, tuesday_meeting).
0.3 :: adopts_similar_policy(other_ai_companies).
0.6 :: plows_ahead(less_careful_actors).
0.1 :: occurs(capabilities_outstrip_control_and_safety).
0.2 :: binding(new_safety_framework).
