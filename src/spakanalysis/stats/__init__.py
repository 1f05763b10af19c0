"""Statistics layer: sample sizes, indices, progress, recommendations, survey results."""
