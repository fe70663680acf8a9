"""The Administration module's screens: accounts, school years, classes, companies,
apprentices, diplomas and frameworks, and the centre's identity. They call
`cpro_desktop.services.admin` only."""

from __future__ import annotations

from cpro_desktop.views.admin.page import AdministrationPage

__all__ = ["AdministrationPage"]
