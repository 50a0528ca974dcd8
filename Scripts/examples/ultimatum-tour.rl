% A walk through the bundled ultimatum scenario: the baseline, each prepared
% scenario, the levers, and why. Run: redline run Scripts/examples/ultimatum-tour.rl
:load bundled:ultimatum.rl

% On 2026-02-25 the company refuses the ultimatum: the contract and the
% blacklist are threatened, nothing is lost yet.
expect refuses(anthropic, u1).
expect contract_at_risk(pentagon_contract).
expect not contract_lost(pentagon_contract).
expect exposure(anthropic, $200M).
% The pause clause and the binding policy are gone: no pause can be triggered.
expect not pause_possible(anthropic).
expect race_to_the_bottom_signal(anthropic).
% The source leaves open whether the change relates to the meeting.
expect link_to_ultimatum(anthropic, unclear).

% Where the prepared scenarios differ.
compare comply, defy, negotiate, restore, deadline_passes.

% What complying changes, and why the contract is at risk now.
what if drops(anthropic, ai_safeguards).
why contract_at_risk(pentagon_contract).
why not pause_possible(anthropic).

% What it would take to take the contract off the table.
what would flip contract_at_risk(pentagon_contract).
% When the contract would be lost if nothing changes.
timeline contract_lost(pentagon_contract) from 2026-02-24 to 2026-03-03.

use comply.
expect complies(anthropic, u1).
expect not blacklist_threatened(anthropic).
expect tension_with_self_description(anthropic, ai_safeguards).
use defy.
expect contract_lost(pentagon_contract).
expect blacklisted(anthropic).
use restore.
expect pause_possible(anthropic).
expect race_to_the_top_signal(anthropic).
expect not race_to_the_bottom_signal(anthropic).
use baseline.
