"""The CLI's registry views and the stage's public names."""
from __future__ import annotations

import warmonitor.resolve.actors as stage
from warmonitor.model import Actor, Source
from warmonitor.resolve.actors import format_actor, format_source


def test_public_names_are_pinned():
    assert sorted(stage.__all__) == sorted([
        "ActorRegistry", "SourceRegistry", "ActorResolver", "extract_claims", "claim_for",
        "format_actor", "format_source", "inter_for", "interaction",
    ])


def test_format_actor_shows_the_registry_fields():
    actor = Actor(name="Blue Lantern Brigade", inter=3, actor_type="Political militia", country="SY",
                  aliases=["BLB"], parent="Some Coalition", backers=["Someone"], active_from="2020-01-01")
    text = format_actor(actor)
    assert text.splitlines()[0].split() == ["name", "Blue", "Lantern", "Brigade"]
    for piece in ("3 (Political militias)", "SY", "2020-01-01 to present", "Some Coalition", "Someone", "BLB"):
        assert piece in text


def test_format_actor_flags_new_actors():
    assert "needs review" in format_actor(Actor(name="Crimson Valley Brigade", new=True))


def test_format_source_shows_kind_stance_and_basis():
    src = Source(name="Radio Example", kind="broadcaster", stance="pro-government", basis="owned by a minister",
                 country="SY", aliases=["RE FM"])
    text = format_source(src)
    for piece in ("Radio Example", "broadcaster", "pro-government", "owned by a minister", "RE FM"):
        assert piece in text
    assert "\n\n" not in text
