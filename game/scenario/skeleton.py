"""`python play.py new "A title"`: a commented skeleton scenario that validates and plays as it is.

The author types a title as a person would ("Harbour crisis", "Baltic cable cuts 2027"); the id is
derived from its words and the words are kept as the title. Every section carries a comment that
says what it is for and what to change first."""
from __future__ import annotations

import json
import re
import unicodedata

from game.scenario.structure import ID_RE

TEMPLATE = '''# yaml-language-server: $schema={schema}
# {title_comment}
# A new crisis for Consensus, written by `python play.py new`. It loads and plays as it is: change
# it a section at a time and check as you go. Every key is explained in docs/authoring.md (a guide)
# and docs/reference.md (every key, condition and effect).
#   Check it:     python play.py validate {file}
#   Playtest it:  python play.py simulate {file} --runs 200 --baselines

# --- The header: what the scenario list shows ------------------------------------------------
format_version: 1                  # always 1
id: {id}# the scenario's id: letters, digits and _ (derived from the title)
title: {title}
summary: >-
  One or two sentences for the scenario list: what happens, and the dilemma the players face.
situation: |
  The public situation at the start, as every delegation reads it in its brief.
length: {{turns: 5, minutes: 25}}   # the turn limit (the game ends after it) and a solo game's minutes

# --- Meters: what the crisis is measured by ----------------------------------------------------
# Each meter has a label players see, a start value (0-100 unless you give min/max) and which way
# is good: `good: low` for a meter the Alliance wants to fall (severity, escalation). Thresholds
# are marked on the bar. The default rules need `cohesion` and `legitimacy`.
meters:
  severity: {{label: Crisis severity, start: 40, good: low, thresholds: [{{at: 80, label: Out of control}}]}}
  cohesion: {{label: Alliance cohesion, start: 60}}
  legitimacy: {{label: Legitimacy, start: 55}}

# --- Actors: who sits at the table ---------------------------------------------------------------
# Exactly one chair (it tables texts and brokers; it pledges nothing). Members decide by consensus:
# one objection blocks. Partners are consulted and must consent to operations on their soil.
# To reuse the shipped national profiles, add `include: [library/nations.yaml]` above and write
# `profile: DEU` under an actor (the file must then sit in the scenarios/ folder).
actors:
  SG:
    name: NATO Secretary General
    kind: chair
  DEU:
    name: Germany
    kind: member
    resources: {{forces: 3, funds: 3}}            # what it can pledge to an adopted operation
    interests: {{escalation: -2, cost: -1}}       # stakes it weighs: -3 (strongly against) .. 3 (for)
    brief: "Your private brief: what your government wants from this crisis (only you read it)."
    objectives:                                 # scored at the end, with the collective ones
      - {{id: calm, text: Crisis severity ends below 60, when: "severity < 60", points: 2}}
  POL:
    name: Poland
    kind: member
    resources: {{forces: 3, intel: 2, logistics: 2}}
    interests: {{deterrence: 3, solidarity: 2}}
    objectives:
      - {{id: resolve, text: The partner is supported, when: "adopted(support_partner)", points: 2}}
  GEO:
    name: Georgia
    kind: partner
    programme: pfp                              # its partnership framework
    resources: {{logistics: 1}}
    sovereignty: 2                              # 0-3: how sensitive it is about its sovereignty
    interests: {{solidarity: 2, sovereignty: -2}}
    red_lines:                                  # private: it blocks (as host) whatever it is offered
      - text: No foreign troops on our soil without our lead.
        when: "host(GEO) and not caveat(host_nation_lead)"
        reason: sovereignty
    objectives:
      - {{id: own_lead, text: Help comes under your lead, when: "not adopted(support_partner) or severity < 30", points: 2}}

# --- Options: the courses of action the chair may table ------------------------------------
# Each rests on a legal basis (host_consent, security_council, collective_defence), may act on a
# host's territory, engages stakes (which decide who objects) and needs resources pledged.
# `requires` is what must be pledged, by resource, for the operation to activate at full
# strength. Each resource is met by its own type (the share met is the lowest of theirs); the
# Council may accept a shortfall, never in a resource under `all_of` (indispensable). `invites`
# names partners invited to contribute (the host may always pledge).
options:
  support_partner:
    title: Support the partner
    text: Send an advisory and training team at the partner's request.
    legal_bases: [host_consent]
    hosts: [GEO]
    caveats: [host_nation_lead, time_limit]     # amendments the chair may attach to cure objections
    stakes: {{solidarity: 2, sovereignty: 2, cost: 1}}
    requires:
      forces: 2
      all_of: {{logistics: 1}}                    # no lift, no team: logistics must be pledged too
    duration: 2                                 # it runs, and is adjudicated, in two turns
    difficulty: 6                               # against 2d6 + modifiers: 6-8 lets resourcing decide
    outcomes:                                   # the adjudication result -> what it changes
      decisive: ["severity -= 15"]
      success: ["severity -= 10"]
      partial: ["severity -= 3"]
      failure: ["severity += 5", "legitimacy -= 5"]

# --- Injects: the crisis developing ------------------------------------------------------------
# An inject fires once, at the start of a turn, when its trigger holds: `turn: N`, `when:` a
# condition, `after:` another inject (`delay:` turns later, 1 unless given), or several of these
# together (then all must hold).
# Private texts go to named seats only.
injects:
  opening:
    title: The crisis breaks
    turn: 1
    text: What everyone reads at the start of turn 1.
    private:
      - to: [POL]
        releasability: NATO SECRET // REL POL
        text: What only Poland knows.
  aftershock:
    title: A second blow
    after: {{inject: opening, delay: 2}}          # two turns after 'opening' ...
    when: "severity >= 40"                      # ... once the crisis is this serious
    text: The crisis spreads while the Alliance deliberates.
    effects: ["severity += 5"]

# --- The crisis on its own ----------------------------------------------------------------------
each_turn: ["severity += 6"]          # applied at every assessment: the crisis worsens ...
inaction: ["cohesion -= 2"]           # ... and a turn in which nothing is adopted costs cohesion

# --- How it ends ------------------------------------------------------------------------------------
# Checked at each assessment, in this order; `final: true` ones only when the last turn is over.
end_conditions:
  contained: {{title: Contained, text: The crisis is over., when: "severity <= 25", verdict: success}}
  out_of_control: {{title: Out of control, text: The crisis spirals., when: "severity >= 80", verdict: failure}}
  festering: {{title: Festering, text: The crisis outlasts the Alliance's attention., when: "severity >= 60", verdict: failure, final: true}}
  time_up: {{title: Unresolved, text: The crisis goes on., when: "true", verdict: mixed, final: true}}

# --- Collective objectives: scored for every seat -----------------------------------------------
objectives:
  - {{id: contained, text: Severity below 30 at the end, when: "severity < 30", points: 3}}

# --- Lessons for the after-action review ------------------------------------------------------
lessons:
  - title: Consent is the key on a partner's soil
    text: Without a mandate or an armed attack, help for a partner rests on its consent.
'''


def scenario_id(words: str) -> str:
    """An id from the words of a title: 'Baltic cable cuts (2027)' -> 'baltic_cable_cuts_2027'.
    Accents are dropped, anything else not a letter or digit becomes one _, and an id that would
    start with a digit (or has no letters at all) is prefixed so it stays a valid id."""
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    ident = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if not ident:
        return "new_crisis"
    if ident[0].isdigit():
        ident = "crisis_" + ident
    assert ID_RE.match(ident)
    return ident


def title_of(words: str) -> str:
    """The title as the author typed it; an id typed instead ('harbour_crisis') reads as words."""
    words = " ".join(words.split())
    if ID_RE.match(words) and "_" in words and words == words.lower():
        words = words.replace("_", " ")
        words = words[:1].upper() + words[1:]
    return words or "A new crisis"


def skeleton(name: str, schema: str = "scenario.schema.json", file: str | None = None) -> str:
    """The skeleton for a scenario titled `name` (words as typed, or an id)."""
    title = title_of(name)
    ident = scenario_id(name)
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    comment = "".join(ch if ch.isprintable() else " " for ch in title)
    return TEMPLATE.format(id=f"{ident:<31}", title=quoted, title_comment=comment, schema=schema,
                           file=file or f"{ident}.yaml")
