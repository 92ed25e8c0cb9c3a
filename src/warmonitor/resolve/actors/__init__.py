"""resolve/actors stage: the actor and source registries, actor mentions, and claims.

Public names: the stage contract of docs/ARCHITECTURE.md (``ActorRegistry``, ``SourceRegistry``,
``ActorResolver``, ``extract_claims``, ``claim_for``) plus ``format_actor``/``format_source`` for the
CLI's ``actors lookup``/``sources lookup`` and ``inter_for``/``interaction`` (ACLED codes) for the
event extractor.
"""
from warmonitor.resolve.actors.claims import claim_for, extract_claims
from warmonitor.resolve.actors.format import format_actor, format_source
from warmonitor.resolve.actors.registry import ActorRegistry, SourceRegistry
from warmonitor.resolve.actors.resolver import ActorResolver, inter_for, interaction

__all__ = [
    "ActorRegistry",
    "SourceRegistry",
    "ActorResolver",
    "extract_claims",
    "claim_for",
    "format_actor",
    "format_source",
    "inter_for",
    "interaction",
]
