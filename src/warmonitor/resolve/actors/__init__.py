"""resolve/actors stage: the actor and source registries, actor mentions, and claims.

Public names (the stage contract of docs/ARCHITECTURE.md plus helpers for the CLI and extractors).
"""
from warmonitor.resolve.actors.registry import ActorRegistry, SourceRegistry
from warmonitor.resolve.actors.resolver import ActorResolver, inter_for

__all__ = ["ActorRegistry", "SourceRegistry", "ActorResolver", "inter_for"]
