"""Data layer: the data contract (schemas), readers, privacy masking, problem collection, the loader and its cache."""
