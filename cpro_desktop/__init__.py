"""CPRO Desktop: follow apprentices through work-study (alternance) in a French training centre."""

__version__ = "0.1.0"
APP_NAME = "cpro-desktop"
APP_AUTHOR = "CPRO"
