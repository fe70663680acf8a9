"""Module 2, "Tableaux de bord de l'apprenti": the page, its models, delegate and painters."""

from cpro_desktop.views.dashboard.page import DashboardPage

__all__ = ["DashboardPage"]
