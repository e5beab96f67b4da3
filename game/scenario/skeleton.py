"""`python play.py new NAME`: a commented skeleton scenario that validates as it is."""
from __future__ import annotations

TEMPLATE = '''# yaml-language-server: $schema={schema}
# A new crisis for Consensus. Every key is explained in docs/authoring.md and docs/reference.md.
# Check it with:     python play.py validate {file}
# Playtest it with:  python play.py simulate {file} --runs 200 --baselines
format_version: 1
id: {name}
title: "A new crisis"
summary: >-
  One or two sentences for the scenario list: what happens, and the dilemma.
situation: |
  The public situation at the start, as every delegation reads it.
length: {{turns: 5, minutes: 25}}       # the turn limit, and about how long a solo game takes

# Meters: what the crisis is measured by. The default rules need cohesion and legitimacy.
meters:
  severity: {{label: Crisis severity, start: 40, good: low, thresholds: [{{at: 80, label: Out of control}}]}}
  cohesion: {{label: Alliance cohesion, start: 60}}
  legitimacy: {{label: Legitimacy, start: 55}}

# Actors: the chair, members (they decide by consensus), partners, organisations, adversaries.
# To reuse national profiles, add `include: [library/nations.yaml]` and write `profile: DEU`.
actors:
  SG:
    name: NATO Secretary General
    kind: chair
  DEU:
    name: Germany
    kind: member
    resources: {{forces: 3, funds: 3}}
    interests: {{escalation: -2, cost: -1}}     # -3 (strongly against) .. 3 (strongly for)
    brief: "Your private brief — what your government wants from this crisis."
    objectives:
      - {{id: calm, text: Crisis severity stays below 60, when: "severity < 60", points: 2}}
  POL:
    name: Poland
    kind: member
    resources: {{forces: 3, intel: 2}}
    interests: {{deterrence: 3, solidarity: 2}}
    objectives:
      - {{id: resolve, text: The partner is supported, when: "adopted(support_partner)", points: 2}}
  GEO:
    name: Georgia
    kind: partner
    programme: pfp
    resources: {{logistics: 1}}
    sovereignty: 2
    interests: {{solidarity: 2, sovereignty: -2}}
    red_lines:
      - text: No foreign troops on our soil without our lead.
        when: "host(GEO) and not caveat(host_nation_lead)"
        reason: sovereignty
    objectives:
      - {{id: own_lead, text: Help comes under your lead, when: "not adopted(support_partner) or severity < 30", points: 2}}

# Options: the courses of action the chair may table.
options:
  support_partner:
    title: Support the partner
    text: Send an advisory and training team at the partner's request.
    legal_bases: [host_consent]
    hosts: [GEO]
    caveats: [host_nation_lead, time_limit]
    stakes: {{solidarity: 2, sovereignty: 2, cost: 1}}
    requires: {{forces: 2}}
    difficulty: 6
    outcomes:
      decisive: ["severity -= 15"]
      success: ["severity -= 10"]
      partial: ["severity -= 3"]
      failure: ["severity += 5", "legitimacy -= 5"]

# Injects: the crisis developing. A turn or a condition triggers each; private texts go to named seats.
injects:
  opening:
    title: The crisis breaks
    turn: 1
    text: What everyone reads at the start of turn 1.
    private:
      - to: [POL]
        releasability: NATO SECRET // REL POL
        text: What only Poland knows.

each_turn: ["severity += 5"]          # the crisis worsens every turn ...
inaction: ["cohesion -= 2"]           # ... and doing nothing costs

end_conditions:
  contained: {{title: Contained, text: The crisis is over., when: "severity <= 10", verdict: success}}
  out_of_control: {{title: Out of control, text: The crisis spirals., when: "severity >= 95", verdict: failure}}
  time_up: {{title: Unresolved, text: The crisis goes on., when: "true", verdict: mixed, final: true}}

objectives:
  - {{id: contained, text: Severity below 30 at the end, when: "severity < 30", points: 3}}

lessons:
  - title: Consent is the key on a partner's soil
    text: Without a mandate or an armed attack, help for a partner rests on its consent.
'''


def skeleton(name: str, schema: str = "scenario.schema.json", file: str | None = None) -> str:
    return TEMPLATE.format(name=name, schema=schema, file=file or f"{name}.yaml")
