"""Bundled life events (一件事一次办): several services applied for in one form, accepted together under one
tracking code and one receipt. Like services, bundles are registered by the domain apps from AppConfig.ready();
workflow only runs them (workflow.services.bundles) and knows no business.

A bundle names its parts in order. Each part is a registered service; the bundle's one form asks each field of
the parts' forms once (a field of the same name is the same answer), and a part may fix some of its fields
(`fixed`, not asked). A part's `note` says what it brings that is not a case of its own (e.g. the pension that
the retirement approval grants).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workflow.registry import Channel, registry


@dataclass(frozen=True)
class Part:
    service: str
    fixed: dict = field(default_factory=dict)
    note: Any = ""


@dataclass(frozen=True)
class BundleSpec:
    code: str
    name: Any  # lazily translated
    domain: str
    parts: tuple[Part, ...]
    description: Any = ""
    channels: frozenset[str] = frozenset({Channel.COUNTER, Channel.ONLINE})
    # What the life event brings beyond its cases (said on the form and the receipt), e.g. no separate pension case.
    notes: tuple[Any, ...] = ()
    popularity: int = 0

    def __post_init__(self):
        if len(self.parts) < 2:
            raise ValueError(f"{self.code}: a bundle has at least two services")
        if len({p.service for p in self.parts}) != len(self.parts):
            raise ValueError(f"{self.code}: a service appears twice")

    def specs(self):
        return [registry.get(p.service) for p in self.parts]

    def fields(self) -> dict:
        """The form's fields: each field of the parts' forms once, in the parts' order, fixed ones left out."""
        fields: dict = {}
        for part in self.parts:
            form = registry.get(part.service).form
            for name, form_field in (form.base_fields.items() if form else ()):
                if name not in part.fixed and name not in fields:
                    fields[name] = form_field
        return fields

    def part_data(self, part: Part, data: dict) -> dict:
        """What one part receives of the bundle's data: its own fields, and its fixed values."""
        form = registry.get(part.service).form
        names = form.base_fields if form else {}
        return {**{k: v for k, v in data.items() if k in names}, **part.fixed}


class BundleRegistry:
    def __init__(self) -> None:
        self._bundles: dict[str, BundleSpec] = {}

    def register(self, spec: BundleSpec) -> BundleSpec:
        existing = self._bundles.get(spec.code)
        if existing is not None and existing is not spec:
            raise ValueError(f"bundle {spec.code} is registered twice")
        self._bundles[spec.code] = spec
        return spec

    def get(self, code: str) -> BundleSpec:
        try:
            return self._bundles[code]
        except KeyError:
            raise LookupError(f"no bundle {code!r} is registered") from None

    def __contains__(self, code: str) -> bool:
        return code in self._bundles

    def all(self) -> list[BundleSpec]:
        return sorted(self._bundles.values(), key=lambda s: (-s.popularity, s.code))

    def for_channel(self, channel: str) -> list[BundleSpec]:
        return [b for b in self.all() if channel in b.channels
                and all(p.service in registry and channel in registry.get(p.service).channels for p in b.parts)]


bundles = BundleRegistry()
