"""The Qt user interface; it talks to the services only, never to the store or SQL."""
