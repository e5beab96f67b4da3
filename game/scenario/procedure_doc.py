"""The section "How the rules model NATO procedure" of docs/reference.md, kept as data: each fact
the rules model, the rule that applies it (its sentence is read from game.core.procedure, the one the
refusals quote, so the page cannot drift from the engine), the test that checks it, the public
source, and what the game simplifies. tests/scenario/test_procedure_doc.py checks that every test
and rule named here exists and that every rule of the legal frame is named."""
from __future__ import annotations

import attrs

from game.core.procedure import RULES, Rule

LEGAL_FRAME = frozenset({"art4", "art5", "unsc", "consent", "withdraw_consent", "coalition", "chair", "basis",
                         "partner"})

# Public sources, cited by title (the treaty and charter texts are on nato.int and un.org).
NAT4 = "North Atlantic Treaty (1949), Art. 4"
NAT5 = "North Atlantic Treaty, Art. 5"
NAT6 = "North Atlantic Treaty, Art. 6"
UN27 = "Charter of the United Nations, Art. 27(3)"
UN42 = "UN Charter, Art. 42"
UN51 = "UN Charter, Art. 51"
CONSENSUS = "NATO, \"Consensus decision-making at NATO\""
PARTNERS = "NATO, \"Partnerships: projecting stability through cooperation\""
PFP = "Partnership for Peace: Framework Document (1994)"

LEGAL = "tests/rules/test_legal_frame.py"
PROCEDURE = "tests/rules/test_procedure.py"
CORE = "tests/core/test_legal.py"
PARTNERS_TESTS = "tests/rules/test_partners.py"
CAVEATS_TESTS = "tests/rules/test_caveats.py"


@attrs.frozen
class Fact:
    """One fact about NATO procedure the rules model."""

    fact: str  # in plain words
    rule: str  # a Rule id of game.core.procedure
    tests: tuple[tuple[str, str], ...]  # (test file, test function) that check it
    sources: tuple[str, ...]
    simplifies: str  # what the game leaves out or fixes


FACTS: tuple[Fact, ...] = (
    Fact("Any member may ask for consultations under Article 4, as often as it feels threatened, at no cost; "
         "asking opens nothing and is needed for nothing.",
         "art4",
         ((PROCEDURE, "test_art4_refused_to_non_member"), (CORE, "test_a_second_article_4_request_is_a_members_right_too"),
          (LEGAL, "test_article_4_is_no_gate_for_article_5")),
         (NAT4,),
         "A request is one move with the rules' `effects.art4` (none by default); the consultations themselves "
         "are the delegations' later moves, not a separate meeting."),
    Fact("Article 5 exists only after an armed attack on an Ally's territory: the scenario's inject "
         "(`armed_attack: {target, by}`) or the White Cell (effect `armed_attack(target, by)`) raises it, and "
         "every seat is told.",
         "art5",
         ((LEGAL, "test_no_article_5_without_an_armed_attack_on_an_ally"),
          (LEGAL, "test_an_armed_attack_is_shown_to_every_seat_and_opens_article_5")),
         (NAT5, UN51),
         "Whether an incident is an armed attack, and who did it, is the scenario's or the facilitator's "
         "call, never argued at the table."),
    Fact("A member asks for Article 5 to be invoked, and the North Atlantic Council invokes it only if every "
         "member states its assent (support or a reservation): silence never invokes it.",
         "art5",
         ((LEGAL, "test_article_5_is_never_invoked_by_silence"),),
         (NAT5, CONSENSUS),
         "A reservation counts as assent; the invocation and the collective-defence operation are one text."),
    Fact("After Article 5 is invoked each Ally decides what it contributes (\"such action as it deems "
         "necessary\"); only Allies contribute, and none owes a share.",
         "pledge",
         ((LEGAL, "test_after_article_5_each_ally_decides_what_it_contributes"),),
         (NAT5,),
         "Contributions are pledges of the scenario's resources in force generation."),
    Fact("Article 5 acts on the attacked Ally's territory: a course of action on the collective-defence basis "
         "must name members as its hosts (the scenario does not load otherwise).",
         "art5",
         ((LEGAL, "test_article_5_acts_on_allied_territory_only"),),
         (NAT6,),
         "Article 6's area (Allied forces, vessels and aircraft, the Tropic of Cancer) is reduced to the "
         "territory of a member host."),
    Fact("An attack on a partner is not an Article 5 case; the partner may request assistance (individual or "
         "collective self-defence), which is its consent: a host-consent basis.",
         "art5",
         ((LEGAL, "test_an_attack_on_a_partner_is_not_an_article_5_case"),),
         (UN51, PARTNERS),
         "The partners' consultation clause (a partner that perceives a direct threat may ask the Alliance "
         "to consult) is not yet modelled (issue 17); nor is reporting self-defence to the Security Council."),
    Fact("A Security Council resolution is sought by a member before a text relies on it; the text may rest on "
         "it only once it is in force.",
         "unsc",
         ((LEGAL, "test_a_resolution_is_sought_before_a_text_relies_on_it"),),
         (UN42,),
         "One resolution per course of action, sought in the consultation step and voted at the end of that "
         "turn; its drafting in New York is not played."),
    Fact("The fifteen vote: a resolution needs nine votes (rules: `procedure.resolution_votes`) and no permanent "
         "member against; a permanent member's no is a veto, its abstention is not.",
         "unsc",
         ((LEGAL, "test_nine_votes_and_no_veto_pass_a_resolution"), (LEGAL, "test_a_permanent_members_objection_vetoes")),
         (UN27,),
         "Seated Council members (`positions.unsc_permanent`/`unsc_elected`) vote from their profile, not "
         "by the player, and an Ally whose red line is crossed abstains rather than vetoes; the others vote "
         "as the scenario lists them (`security_council.permanent`, with `against_when`), the elected ten "
         "as a group of counts."),
    Fact("A vetoed or failed resolution gives no legitimacy and loses no pledge: an operation waiting for it "
         "(caveat `mandate_first`, `needs_resolution: true`) keeps waiting with its pledges.",
         "unsc",
         ((LEGAL, "test_a_vetoed_resolution_gives_no_legitimacy_and_loses_no_pledge"),),
         (UN27,),
         "Its cost is the rules' `effects.resolution_vetoed` / `resolution_failed`; a resolution vetoed or "
         "failed may be sought again in a later turn."),
    Fact("A scenario may start with a standing mandate: a resolution in force from turn 1 for the courses of "
         "action it covers.",
         "unsc",
         ((LEGAL, "test_a_standing_mandate_holds_from_turn_1"),),
         (UN42,),
         "A mandate never lapses, is never renewed and is never narrowed during the game."),
    Fact("On a non-member's territory that nation's consent is always needed, whatever the legal basis, "
         "unless the scenario marks the host `consent: not_required` with its reason (no functioning "
         "government).",
         "consent",
         ((LEGAL, "test_no_deployment_on_a_non_members_territory_without_its_consent_under_any_basis"),
          (LEGAL, "test_a_host_marked_consent_not_required_needs_none"), (PROCEDURE, "test_host_refusal_blocks"),
          (LEGAL, "test_refusing_consent_is_only_the_hosts")),
         (UN51, PFP),
         "Enforcement under Chapter VII (Art. 42) can in law act without consent; the game still asks for it "
         "(a mandate adds legitimacy, consent governs presence). Consent is a stance in the negotiation; no "
         "status-of-forces agreement is negotiated."),
    Fact("Consent may carry a condition (a caveat), be refused outright (the text fails at once, with the "
         "reason shown to all) and be withdrawn (operations on that soil stop).",
         "withdraw_consent",
         ((LEGAL, "test_a_host_may_refuse_outright_and_says_why"), (PROCEDURE, "test_consent_withdrawn_stops_the_operation"),
          (PROCEDURE, "test_effect_withdrawing_consent_stops_operations")),
         (PFP,),
         "A condition is one of the option's caveats; consent once withdrawn returns only by an effect "
         "(`grant_consent`)."),
    Fact("Partners shape decisions but do not take part in consensus: a partner's objection is a concern "
         "and blocks nothing.",
         "partner",
         ((PROCEDURE, "test_partner_objection_does_not_block"),),
         (PARTNERS, PFP),
         "Partners' programmes (`programme`) are labels; every partner weighs the same at the table."),
    Fact("Decisions are taken by consensus under the silence procedure: one member's objection blocks, "
         "silence is assent, a member that disagrees but will not block places a reservation.",
         "reserve",
         ((PROCEDURE, "test_one_objection_blocks"), (PROCEDURE, "test_silence_is_assent"),
          (PROCEDURE, "test_reservation_does_not_block")),
         (CONSENSUS,),
         "Only the members seated in the scenario take part; a text has a fixed number of rounds "
         "(`procedure.negotiation_rounds`)."),
    Fact("An operation rests on one of the legal bases its course of action names; a basis's legitimacy counts "
         "once per course of action and basis, however often it is adopted.",
         "basis",
         ((PROCEDURE, "test_no_legal_basis_refused_with_rule"),
          (LEGAL, "test_legitimacy_from_a_basis_counts_once_per_course_of_action")),
         (UN42, UN51, NAT5),
         "Legitimacy is one meter; the bases are the rules' `legal_bases`."),
    Fact("The chair (the Secretary General) chairs, tables, amends, packages and brokers: it pledges nothing, "
         "pays no one and leads no coalition.",
         "chair",
         ((LEGAL, "test_the_chair_can_neither_pledge_nor_pay_nor_lead_a_coalition"),
          (CORE, "test_the_chair_is_told_it_pays_no_one")),
         (CONSENSUS,),
         "The chair is one seat with the chair's moves; the International Staff is not played."),
    Fact("When consensus fails a member may lead a coalition of the willing outside the Alliance frame, joined "
         "by the members and partners that supported the text in its last round (a member's reservation and "
         "the host's consent count as support); it costs cohesion and legitimacy, less under a resolution in "
         "force.",
         "coalition",
         ((LEGAL, "test_a_coalition_names_its_lead_nation_and_only_the_willing_contribute"),),
         (CONSENSUS,),
         "Who joins follows from the last round's stances (no separate invitation); the costs are the rules' "
         "`effects.coalition` and `coalition_mandated`."),
    Fact("A coalition never acts on a host's soil without that host's consent, nor on an Ally's territory "
         "without that Ally.",
         "coalition",
         ((LEGAL, "test_a_coalition_never_acts_on_a_hosts_soil_without_its_consent"),),
         (UN51, PFP),
         "Consent is the host's stance in the failed text's last round."),
    # partners and intelligence (issue 17, items 3 and 4)
    Fact("A partner that perceives a direct threat to its territorial integrity, political independence or "
         "security may request consultations (once a turn); the chair holds them, and the Council's members "
         "then weigh its concern; a request ignored to the end of the turn costs the Alliance trust.",
         "consultations",
         ((PARTNERS_TESTS, "test_only_a_partner_may_request_consultations_once_a_turn"),
          (PARTNERS_TESTS, "test_holding_consultations_moves_the_members_and_the_chairs_weighing"),
          (PARTNERS_TESTS, "test_consultations_not_held_by_the_end_of_the_turn_cost_the_alliance_trust")),
         (PFP, PARTNERS),
         "Consultations are one move of the chair's (NATO+1 for PfP, 32+N for the other programmes); the cost "
         "of ignoring them is the rules' `effects.consultations_ignored`."),
    Fact("Each partner's programme decides what it can be offered: an operation at home, capacity building, "
         "an MOU.",
         "programme",
         ((PARTNERS_TESTS, "test_the_programme_decides_how_far_a_package_goes_and_what_may_be_offered"),
          (PARTNERS_TESTS, "test_the_linter_warns_of_an_offer_outside_a_partners_programme")),
         (PARTNERS,),
         "The rules' `programmes` table says what each programme opens, and how far a capacity-building "
         "package goes (`builds`)."),
    Fact("The chair, for the Council, may override a contributor's national caveats on an operation in force "
         "generation: its pledges there then count in full. A contributor whose caveats were overridden, member "
         "or partner, answers in the same turn and may withdraw its whole contribution: its pledges go back, it "
         "pledges no more to that operation, and the operation may fall short again.",
         "caveats",
         ((CAVEATS_TESTS, "test_an_overridden_contributors_pledge_counts_in_full_in_the_adjudication"),
          (CAVEATS_TESTS, "test_only_a_contributor_whose_caveats_were_overridden_may_withdraw"),
          (CAVEATS_TESTS, "test_a_withdrawal_takes_every_pledge_back_and_the_operation_lacks_its_requirements"),
          (CAVEATS_TESTS, "test_an_overridden_partner_answers_in_the_same_turn_and_may_walk_out")),
         (PARTNERS,),
         "The troop contributors' planning is one override and one answer, not a negotiation of each caveat; "
         "the costs are the rules' `effects.caveats_overridden` and `contribution_withdrawn`."),
    Fact("International organisations act through their own channel and never answer a text under the "
         "Council's silence procedure.",
         "organisation",
         ((PARTNERS_TESTS, "test_an_international_organisation_never_objects_in_a_silence_procedure"),),
         (CONSENSUS,),
         "The UN acts through the Security Council's vote; the EU's own decisions are not played."),
    Fact("Sharing intelligence releases an item only to those its releasability allows; its owner may widen "
         "it during the game.",
         "release",
         ((PARTNERS_TESTS, "test_a_shared_item_appears_in_the_recipients_observation_and_only_there"),
          (PARTNERS_TESTS, "test_widening_releasability_is_logged_and_takes_effect")),
         (PARTNERS,),
         "Releasability is a set of tags (NATO, named actors) read from the marking or `release:`; an item's "
         "first recipients own it."),
)

SOURCES = (
    "The North Atlantic Treaty (Washington, 4 April 1949), Articles 4, 5 and 6 — on https://www.nato.int/",
    "The Charter of the United Nations, Articles 27(3), 42 and 51 — on https://www.un.org/",
    "NATO, \"Consensus decision-making at NATO\" — on https://www.nato.int/",
    "NATO, \"Partnerships: projecting stability through cooperation\" — on https://www.nato.int/",
    "NATO, \"Partnership for Peace: Framework Document\" (1994) — on https://www.nato.int/",
)


def rule(rule_id: str) -> Rule:
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(f"no rule '{rule_id}' in game.core.procedure.RULES")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def procedure_markdown() -> list[str]:
    """The section's lines, for docs/reference.md."""
    out = ["## How the rules model NATO procedure", "",
           "Each fact the default rules model, the rule the engine applies (the sentence every refusal "
           "under it quotes), the test that checks it, the public source, and what the game simplifies. "
           "Kept as data in `game/scenario/procedure_doc.py`; the sentences come from "
           "`game/core/procedure.py`.", "",
           "| fact | rule | checked by | source | the game simplifies |", "|---|---|---|---|---|"]
    for f in FACTS:
        tests = "; ".join(f"`{name}` ({path})" for path, name in f.tests)
        out.append(f"| {_cell(f.fact)} | `{f.rule}`: {_cell(rule(f.rule).text)} | {tests} | "
                   f"{_cell('; '.join(f.sources))} | {_cell(f.simplifies)} |")
    out += ["", "Sources:", ""] + [f"- {s}" for s in SOURCES]
    out += ["", "### Every rule", "", "The rules the engine cites, by id (a refused move names one):", ""]
    out += [f"- `{r.id}` — {r.text}" for r in RULES]
    return out + [""]
