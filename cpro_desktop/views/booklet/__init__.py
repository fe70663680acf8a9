"""Module 5, "Livret d'apprentissage": the booklet page (livret d'accueil, livret de suivi)
and the printing of one apprentice's booklet or of a whole class."""

from cpro_desktop.views.booklet.page import BookletPage

__all__ = ["BookletPage"]
