% A walk through the bundled ultimatum story: the baseline on the story's
% date, every prepared scenario, the open questions as levers, and why.
% Run: redline run Scripts/examples/ultimatum-tour.rl
% The statement after each `%% readme` line is in the README's five-minute
% tour; Scripts/readme-tour writes them there with their output.
:load bundled:ultimatum.rl

% On 2026-02-25, the day after the Tuesday meeting and blog post, the company
% is fighting the ultimatum: the contract is at risk and the blacklist
% threatened; nothing is lost yet.
%% readme
?- contract_at_risk(K), exposure(C, T).
expect resists(anthropic, hegseth_ultimatum).
expect contract_at_risk(pentagon_contract).
expect not contract_lost(pentagon_contract).
expect blacklist_threatened(anthropic).
expect exposure(anthropic, $200M).
expect revenue_lost(anthropic, $0).
% The binding policy is replaced by a nonbinding one: no pause clause binds.
expect loosened(anthropic, responsible_scaling_policy).
expect weakened_commitment(anthropic, responsible_scaling_policy, new_safety_framework).
expect not bound_to_pause(anthropic, more_powerful_models).
expect race_to_the_bottom(industry).
expect not race_to_the_top(industry).
% The company's three stated reasons stand while its claims are not disputed.
expect count credible_reason(anthropic, _) = 3.
% The source leaves open whether the change relates to the meeting.
expect link_to_meeting(anthropic, unclear).
expect not concession(anthropic, hegseth_ultimatum).

% Why the contract is at risk: every reported fact with its sentence, every
% assumption (the dates, the deadline) where the proof uses it.
why contract_at_risk(pentagon_contract).
why deadline(hegseth_ultimatum, 2026-02-27).

% Complying lifts the ultimatum's threat on the model's reading of its terms
% (lifted_if_complies/1); the source does not tie the blacklist to the
% demand, so it stands, and with it the risk to a government contract.
%% readme
what if rolls_back(anthropic, ai_safeguards).
% Whether complying lifts the blacklist too is a lever.
what if rolls_back(anthropic, ai_safeguards), lifted_if_complies(blacklist_threat).

% Where the prepared scenarios differ, each from every other.
%% readme
compare comply, comply_and_lift, defy, pentagon_withdraws, restore.
compare all comply, comply_and_lift, deadline_passes, defy, pentagon_withdraws, restore, pause_triggered, others_follow, reasons_disputed, coerced_change.

% What keeping the binding policy would take, and what it would bring.
%% readme
why not in_force(responsible_scaling_policy).
why not bound_to_pause(anthropic, more_powerful_models).
what if not replaces(new_safety_framework, responsible_scaling_policy).

% The story's central open question, and the contract.
%% readme
what would flip concession(anthropic, hegseth_ultimatum).
%% readme
what would flip contract_at_risk(pentagon_contract).
what would flip race_to_the_bottom(industry).
%% readme
what matters for race_to_the_top(industry).

% Outcomes have dates: the policy's adoption, the Tuesday, the deadline.
%% readme
timeline race_to_the_bottom(industry) from 2024-01-01 to 2026-03-03.
timeline in_force(P) from 2024-01-01 to 2026-03-03.
timeline overdue(X) from 2026-02-24 to 2026-03-03.

% The open questions weighed (the story's placeholders for a workshop's
% numbers): how likely the contract is lost after the deadline, and what moves it.
%% readme
how likely contract_lost(K) at 2026-03-02?
%% readme
what moves contract_lost(pentagon_contract) at 2026-03-02?

use deadline_passes.
expect overdue(hegseth_ultimatum).
expect contract_at_risk(pentagon_contract).
expect not contract_lost(pentagon_contract).
use defy.
expect contract_lost(pentagon_contract).
expect blacklisted(anthropic).
expect revenue_lost(anthropic, $200M).
expect exposure(anthropic, $0).
use comply.
expect complies(anthropic, hegseth_ultimatum).
expect blacklist_threatened(anthropic).
expect contract_at_risk(pentagon_contract).
expect tension_with_self_description(anthropic, rolling_back_its_ai_safeguards).
use comply_and_lift.
expect not blacklist_threatened(anthropic).
expect not contract_at_risk(pentagon_contract).
expect exposure(anthropic, $0).
use pentagon_withdraws.
expect not contract_at_risk(pentagon_contract).
expect not blacklist_threatened(anthropic).
expect not resists(anthropic, hegseth_ultimatum).
use restore.
expect bound_to_pause(anthropic, more_powerful_models).
expect not race_to_the_bottom(industry).
expect political_headwind(anthropic, responsible_scaling_policy).
expect competitive_drag(anthropic, responsible_scaling_policy).
% The company says the industry blew through the guardrails: no encouragement.
expect not encourages_others(anthropic).
expect not pause_required(anthropic, more_powerful_models).
use pause_triggered.
expect pause_required(anthropic, more_powerful_models).
expect less_safe_world_risk(anthropic).
use others_follow.
expect race_to_the_top(industry).
use reasons_disputed.
expect count credible_reason(anthropic, _) = 0.
expect not race_to_the_bottom(industry).
use coerced_change.
expect concession(anthropic, hegseth_ultimatum).
expect link_to_meeting(anthropic, related).
expect credible_reason(anthropic, pentagon_pressure).
use baseline.
