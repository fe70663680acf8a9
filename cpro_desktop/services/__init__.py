"""Use cases: one function per thing a user does or reads, returning plain snapshots."""
