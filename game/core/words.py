"""Events into words: the one place that says in sentences what an event means, for a viewer.

The engine never formats a sentence when something happens; an event holds ids and numbers, and
its words are built here only when someone reads them (the table's feed, the projector, the log on
disk, the after-action review). Each event class names its sentence below (game.core.events), so
this module needs no list of kinds and imports no event class. Names, titles and labels come from
the scenario, as texts.py gives them for actions.

`text(event, crisis, viewer)` is the door: it refuses to put a private event into words for a
viewer it was not addressed to (the White Cell sees everything; "" is the projector: public only).
"""
from __future__ import annotations

from game.core import actions as A
from game.core import texts
from game.core.actions import WHITE_CELL
from game.core.seats import kind_of
from game.core.state import Phase

PUBLIC = ""  # the projector's viewer: what every delegation may see


class NotVisible(PermissionError):
    """An event was about to be shown to a viewer it was not addressed to."""


def text(event, crisis, viewer: str = WHITE_CELL) -> str:
    """The event in words, as `viewer` reads it (raises NotVisible for a private event not theirs)."""
    if not event.visible_to(viewer):
        raise NotVisible(f"a {event.KIND} event addressed to {', '.join(event.to)} is not for {viewer or 'the room'}")
    return event.words(crisis)


def visible(events, crisis, viewer: str = WHITE_CELL) -> list[tuple[object, str]]:
    """(event, its words) for every event `viewer` may see, in order."""
    return [(e, e.words(crisis)) for e in events if e.visible_to(viewer)]


# -- a seat's move, in the third person ------------------------------------------------------------
def move(e, crisis) -> str:
    """"Germany tables 'Cyber support' ...": the mover's name and what it did."""
    a = e.action
    return f"{texts.actor_name(crisis, a.seat)} {texts.third_person(crisis, a)}"


def stance(e, crisis) -> str:
    a = e.action
    said = texts.third_person(crisis, a)
    if isinstance(a, A.Object) and kind_of(crisis, a.seat) != "member":
        said = said.replace("objects", "raises a concern", 1)  # partners shape, they do not block
    return f"{texts.actor_name(crisis, a.seat)} {said}"


def done(e, crisis) -> str:
    said = "has finished pledging" if e.step == Phase.FORCE_GENERATION else "passes"
    return f"{texts.actor_name(crisis, e.action.seat)} {said}"


def facilitator(e, crisis) -> str:
    return f"White Cell {e.action.describe()}"


# -- the game and its turns ------------------------------------------------------------------------
def game_started(e, crisis) -> str:
    return f"{crisis.scenario.title}: turn 1 of {e.turns}"


def turn(e, crisis) -> str:
    return f"Turn {e.turn}"


def inject(e, crisis) -> str:
    if e.adhoc:
        return f"{e.title}: {e.body}"
    return f"{e.title}: {e.body or crisis.scenario.injects[e.inject].text}"


def intel(e, crisis) -> str:
    return f"[{e.marking}] {e.body}"


def meters(e, crisis) -> str:
    why = crisis.rules.legal_bases[e.basis].label if e.basis is not None else e.why
    labels = crisis.scenario.meters
    return f"{why}: " + ", ".join(f"{labels[m].label} {d:+g}" for m, d in e.changes.items())


def consent(e, crisis) -> str:
    return f"{texts.actor_name(crisis, e.actor)} gives its consent again"


def consent_withdrawn(e, crisis) -> str:
    stop = f": operation(s) {', '.join(map(str, e.stopped))} stop" if e.stopped else ""
    return f"{texts.actor_name(crisis, e.actor)} withdraws its consent{stop}"


def inaction(e, crisis) -> str:
    return "No decision this turn"


def game_over(e, crisis) -> str:
    if e.final_turn is not None:  # the turn limit, not an end condition
        return f"Time is up: The exercise ends after turn {e.final_turn}."
    end = crisis.scenario.end_conditions[e.end]
    return f"{end.title}: {end.text}"


# -- proposals under silence -----------------------------------------------------------------------
def silence(e, crisis) -> str:
    return f"The text is under silence procedure (round {e.round} of {crisis.rules.procedure.negotiation_rounds})"


def silence_held(e, crisis) -> str:
    # the reservations are seat ids, as the log has always recorded them: said by name
    names = ", ".join(texts.actor_name(crisis, a) for a in e.reservations)
    return (f"Silence held in round {e.round}: the text is agreed"
            + (f" (reservations on the record: {names})" if e.reservations else ""))


def _blockers(e, crisis) -> tuple[str, str]:
    actors = crisis.scenario.actors
    names = ", ".join(actors[b].name for b in e.blocked_by)
    why = "; ".join(f"{actors[s].name}: {_reason(crisis, reason)}" for s, reason in e.objections)
    if getattr(e, "unassented", ()):
        silent = ", ".join(actors[s].name for s in e.unassented)
        why = "; ".join(x for x in (why, f"Article 5 needs every member's explicit assent: {silent} did not give it")
                        if x)
    if e.host is not None:
        why = "; ".join(x for x in (why, f"{actors[e.host].name} has not consented as host") if x)
    return names, why


def _reason(crisis, reason: str) -> str:
    r = crisis.rules.reasons.get(reason)
    return texts.lowered(r.label) if r else reason


def silence_broken(e, crisis) -> str:
    names, why = _blockers(e, crisis)
    return f"Silence broken by {names} ({why}): the text goes back for amendment"


def proposal_failed(e, crisis) -> str:
    names, why = _blockers(e, crisis)
    return f"Silence broken by {names} in the last round: the text fails ({why})"


def adopted(e, crisis) -> str:
    by = " by a coalition of the willing" if e.coalition else ""
    return f"Adopted{by}: {texts.option_title(crisis, e.option)} (operation {e.operation})"


# -- operations ------------------------------------------------------------------------------------
def veto(e, crisis) -> str:
    return (f"UN Security Council: a permanent member vetoes the resolution on "
            f"{texts.option_title(crisis, e.option)}; the operation cannot proceed")


def mandate(e, crisis) -> str:
    return f"UN Security Council authorises {texts.option_title(crisis, e.option)}"


def armed_attack(e, crisis) -> str:
    by = f" by {texts.actor_name(crisis, e.by)}" if e.by else ""
    on = crisis.scenario.actors.get(e.on)
    then = (": Article 5 may now be invoked" if on is not None and on.kind == "member" else
            ": an attack on a partner is not an Article 5 case; it may request assistance")
    return f"Armed attack{by} on {texts.actor_name(crisis, e.on)}{then}"


def resolution_vote(e, crisis) -> str:
    yes = sum(1 for v in e.votes if v[1] == "yes")
    no = sum(1 for v in e.votes if v[1] == "no")
    abstain = sum(1 for v in e.votes if v[1] == "abstain")
    tally = f"{yes} in favour, {no} against, {abstain} abstaining"
    title = texts.option_title(crisis, e.option)
    if e.status == "adopted":
        return f"UN Security Council adopts the resolution authorising '{title}' ({tally})"
    if e.status == "vetoed":
        vetoes = "; ".join(f"{w}: {why}" if why else w for w, v, why, p in e.votes if p and v == "no")
        return (f"UN Security Council: the resolution authorising '{title}' is vetoed ({tally}; veto by {vetoes}): "
                "no mandate, and no pledge is lost")
    need = crisis.rules.procedure.resolution_votes
    return f"UN Security Council: the resolution authorising '{title}' fails ({tally}; {need} votes needed)"


def consent_refused(e, crisis) -> str:
    host = texts.actor_name(crisis, e.host)
    why = _reason(crisis, e.reason)
    if e.caveat:
        cav = crisis.rules.caveats.get(e.caveat)
        return f"{host} refuses its consent ({why}) unless the text carries the caveat '{cav.label if cav else e.caveat}'"
    return f"{host} refuses its consent outright ({why}): the text cannot act on its territory"


def coalition_led(e, crisis) -> str:
    names = ", ".join(texts.actor_name(crisis, a) for a in e.members)
    return (f"{texts.actor_name(crisis, e.lead)} leads a coalition of the willing outside the Alliance frame to "
            f"carry out {texts.option_title(crisis, e.option)}: {names}")


def operation_waits(e, crisis) -> str:
    return (f"{texts.option_title(crisis, e.option)} (operation {e.operation}) waits: under 'mandate first' it "
            "deploys only once a Security Council resolution authorising it is in force")


def result_label(crisis, result: str) -> str:
    """The rules' words for an adjudication result ("partial success")."""
    return next((b.label for b in crisis.rules.adjudication.results if b.result == result), result)


def adjudication(e, crisis) -> str:
    mods = ", ".join(commitment_words(e.coverage, v) if k == "commitment" else
                     f"{texts.lowered(texts.factor_label(k).split(' (')[0])} {v:+g}" for k, v in e.modifiers.items())
    dice = e.dice
    return (f"{texts.option_title(crisis, e.option)}: roll {'+'.join(map(str, dice))} = {sum(dice)}; {mods}; "
            f"difficulty {e.difficulty} → {e.margin:+g}: {result_label(crisis, e.result)}")


def result_overridden(e, crisis) -> str:
    return f"White Cell overrides {texts.option_title(crisis, e.option)}: {texts.lowered(result_label(crisis, e.result))} — {e.rationale}"


# -- requests for information (private to the asker) -----------------------------------------------
def rfi(e, crisis) -> str:
    return f"{texts.actor_name(crisis, e.seat)} asks the White Cell (request {e.request}): {e.question}"


def rfi_answer(e, crisis) -> str:
    return f"White Cell answers your request ({e.question}): {e.answer}"


# -- force generation (issue 17): operations activating or waiting for forces ----------------------
def operation_activated(e, crisis) -> str:
    title = texts.option_title(crisis, e.option)
    if e.accepted:
        return (f"{title} (operation {e.operation}) activates with its requirements {round(100 * e.coverage)} % met: "
                "the Council accepted the shortfall")
    return f"{title} (operation {e.operation}) activates: its requirements are met"


def awaiting_forces(e, crisis) -> str:
    title = texts.option_title(crisis, e.option)
    if e.running:
        return f"{title} (operation {e.operation}) stands down: every pledge to it was withdrawn"
    return (f"{title} (operation {e.operation}) is still in planning: requirements {round(100 * e.coverage)} % met "
            "and no shortfall accepted (nothing pledged means nothing launched)")


def _caveat_labels(crisis, caveats) -> str:
    return ", ".join(texts.lowered(crisis.rules.caveats[c].label) if c in crisis.rules.caveats else c
                     for c in caveats)


def caveats_overridden(e, crisis) -> str:
    a = e.action
    cut = f" ({_caveat_labels(crisis, e.caveats)})" if e.caveats else ""
    return (f"{texts.actor_name(crisis, a.seat)} overrides {texts.possessive(texts.actor_name(crisis, a.to))} national caveats{cut} "
            f"on {_operation(crisis, a.operation, e.option)}, for the Council: its pledges there count in full; "
            f"{texts.actor_name(crisis, a.to)} may withdraw its contribution")


def contribution_withdrawn(e, crisis) -> str:
    a = e.action
    back = ", ".join(f"{texts.lowered(texts.value_label(crisis, 'pledge', 'resource', r))} {n}" for r, n in e.returned)
    return (f"{texts.actor_name(crisis, a.seat)} withdraws its contribution from "
            f"{_operation(crisis, a.operation, e.option)}: the Council overrode its national caveats"
            + (f" (it takes back {back})" if back else ""))


def _operation(crisis, number: int, option: str | None) -> str:
    return f"operation {number} ({texts.option_title(crisis, option)})" if option else f"operation {number}"


def commitment_words(coverage: float, modifier: float) -> str:
    """The commitment factor in words: "requirements 50 % met: −3" (the share of the requirement
    met, each resource by its own type, and what it adds to the roll)."""
    return f"requirements {round(100 * coverage)} % met: {modifier:+g}".replace("-", "\u2212")
# -- partners, consultations and intelligence released (issue 17, items 3 and 4) -------------------
def _programme_format(crisis, partner: str) -> str:
    actor = crisis.scenario.actors.get(partner)
    prog = crisis.rules.programmes.get(actor.programme) if actor is not None else None
    return prog.format if prog is not None else "NATO+1"


def consultations_requested(e, crisis) -> str:
    seat = e.action.seat
    actor = crisis.scenario.actors.get(seat)
    concern = actor.concern.text if actor is not None and actor.concern is not None else \
        "it perceives a direct threat to its territorial integrity, political independence or security"
    return (f"{texts.actor_name(crisis, seat)} requests consultations with the North Atlantic Council "
            f"({_programme_format(crisis, seat)}): {concern}")


def consultations_held(e, crisis) -> str:
    partner = e.action.partner
    return (f"{texts.actor_name(crisis, e.action.seat)} convenes the Council to hold consultations with "
            f"{texts.actor_name(crisis, partner)} "
            f"({_programme_format(crisis, partner)}): its concern now weighs in the Council's deliberations")


def consultations_ignored(e, crisis) -> str:
    return (f"The Council did not hold the consultations {texts.actor_name(crisis, e.partner)} requested in turn "
            f"{e.turn}: the Alliance loses trust")


def intel_released(e, crisis) -> str:
    who = texts.actor_name(crisis, e.action.seat)
    if not e.released:
        to = e.action.to
        whom = "the Alliance" if to == "all" else texts.actor_name(crisis, to)
        return f"Nothing {who} holds is releasable to {whom}: no item changes hands"
    parts = ", ".join(f"{texts.actor_name(crisis, a)} ({n} item{'s' if n != 1 else ''})" for a, n in e.released)
    return f"{who} shares intelligence: released to {parts}"


def capacity_built(e, crisis) -> str:
    opt = crisis.scenario.options.get(e.option)
    what = []
    if e.interoperability:
        was = f" (from {e.before:.2f} to {e.before + e.interoperability:.2f})" if e.before is not None else ""
        what.append(f"interoperability +{e.interoperability:g}{was}")
    if e.resilience:
        what.append(f"resilience +{e.resilience:g}")
    built = " and ".join(what) or "nothing its programme lets through"
    return (f"Capacity building: operation {e.operation} ({opt.title if opt else e.option}) has built "
            f"{texts.possessive(texts.actor_name(crisis, e.partner))} capacity: {built}, from the next turn on")


def contributors_met(e, crisis) -> str:
    opt = crisis.scenario.options.get(e.option)
    who = []
    for a in e.partners:
        actor = crisis.scenario.actors.get(a)
        cav = ", ".join(crisis.rules.caveats[c].label for c in actor.caveats if c in crisis.rules.caveats) \
            if actor is not None else ""
        who.append(texts.actor_name(crisis, a) + (f" (its caveats: {cav})" if cav else ""))
    return (f"Troop contributors' meeting for operation {e.operation} ({opt.title if opt else e.option}): "
            f"{', '.join(who)} join{'s' if len(who) == 1 else ''} its planning")


def decided_in_parallel(e, crisis) -> str:
    op = e.action.operation
    return (f"{texts.actor_name(crisis, e.action.seat)} decides, through its own channel, an action of its own "
            f"alongside the Alliance's operation {op} (assets under an agreed arrangement)")
