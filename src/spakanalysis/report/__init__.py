"""Report layer: the satker report and the Kanwil recap as content (no rendering)."""
