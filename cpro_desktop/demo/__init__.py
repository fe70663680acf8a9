"""Demo stores: the reference document's world (`world`) and a generated centre (`scale`)."""
